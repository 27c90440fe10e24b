package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.finding;
import static org.assertj.core.api.Assertions.assertThat;

class RdsClusterFailoverTargetRuleTest {
    private final RdsClusterFailoverTargetRule rule = new RdsClusterFailoverTargetRule();

    /** An Aurora cluster whose first member is the writer; zones[i] is member i's zone. */
    private static InventoryFixture aurora(String... zones) {
        InventoryFixture fixture = InventoryFixture.create();
        fixture.dbCluster("aurora", c -> {
            for (int i = 0; i < zones.length; i++) {
                c.member("aurora-" + i, i == 0);
            }
            return c;
        });
        for (int i = 0; i < zones.length; i++) {
            String zone = zones[i];
            fixture.dbInstance("aurora-" + i, db -> db.engine("aurora-postgresql").cluster("aurora").az(zone));
        }
        return fixture;
    }

    private Finding evaluateAurora(InventoryFixture fixture) {
        return finding(evaluate(rule, fixture.build()), "aurora");
    }

    @Test
    void evaluate_whenReaderInAnotherZone_passes() {
        Finding f = evaluateAurora(aurora("us-east-1a", "us-east-1b"));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("ReaderAvailabilityZones", List.of("us-east-1b"))
                .containsEntry("Members", List.of("aurora-0 (writer) in us-east-1a, private",
                        "aurora-1 in us-east-1b, private"));
    }

    @Test
    void evaluate_whenOnlyTheWriter_fails() {
        Finding f = evaluateAurora(aurora("us-east-1a"));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.message()).contains("no reader");
    }

    @Test
    void evaluate_whenEveryReaderInTheWritersZone_warns() {
        Finding f = evaluateAurora(aurora("us-east-1a", "us-east-1a"));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.message()).contains("writer's zone us-east-1a");
    }

    @Test
    void evaluate_whenSeveralReadersShareOneOtherZone_warns() {
        Finding f = evaluateAurora(aurora("us-east-1a", "us-east-1b", "us-east-1b"));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.message()).contains("all 2 readers share zone us-east-1b");
    }

    @Test
    void evaluate_whenReadersSpreadOverZones_passes() {
        assertThat(evaluateAurora(aurora("us-east-1a", "us-east-1b", "us-east-1c")).outcome())
                .isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenMembersDifferInPubliclyAccessible_warns() {
        InventoryFixture fixture = aurora("us-east-1a", "us-east-1b");
        fixture.dbInstance("aurora-2", db -> db.engine("aurora-postgresql").cluster("aurora").az("us-east-1c")
                .publiclyAccessible(true));
        fixture.dbCluster("mixed", c -> c.member("aurora-0", true).member("aurora-2", false));

        Finding f = finding(evaluate(rule, fixture.build()), "mixed");

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.message()).contains("PubliclyAccessible");
    }

    @Test
    void evaluate_whenNotAuroraServerlessV1OrWithoutInstances_isNotApplicable() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .dbCluster("multi-az-cluster", c -> c.engine("postgres").member("m-0", true))
                .dbCluster("docs", c -> c.engine("docdb"))
                .dbCluster("sls", c -> c.engineMode("serverless"))
                .dbCluster("headless", c -> c.globalCluster("global-orders"))
                .build());

        assertThat(findings).hasSize(4).extracting(Finding::outcome).containsOnly(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenMemberMissingOrFieldsNotCollected_errors() {
        InventoryFixture fixture = InventoryFixture.create()
                .dbCluster("ghost", c -> c.member("nobody", true))
                .dbCluster("unknown-exposure", c -> c.member("u-0", true).member("u-1", false))
                .dbInstance("u-0", db -> db.engine("aurora-mysql").cluster("unknown-exposure").az("us-east-1a"))
                .dbInstance("u-1", db -> db.engine("aurora-mysql").cluster("unknown-exposure").az("us-east-1b")
                        .publiclyAccessible(null))
                .dbCluster("no-engine", c -> c.engine(null));

        List<Finding> findings = evaluate(rule, fixture.build());

        assertThat(finding(findings, "ghost").outcome()).isEqualTo(Outcome.ERROR);
        assertThat(finding(findings, "unknown-exposure").outcome()).isEqualTo(Outcome.ERROR);
        assertThat(finding(findings, "no-engine").outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenRdsCollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, aurora("us-east-1a", "us-east-1b").failed(AwsService.RDS).build());
    }
}
