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

class RdsClusterMultiAzRuleTest {
    private final RdsClusterMultiAzRule rule = new RdsClusterMultiAzRule();

    private static InventoryFixture auroraWithMembersIn(String... zones) {
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

    @Test
    void evaluate_whenMembersInTwoZones_passes() {
        Finding f = finding(evaluate(rule, auroraWithMembersIn("us-east-1a", "us-east-1b").build()), "aurora");

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("DistinctAvailabilityZones", List.of("us-east-1a", "us-east-1b"))
                .containsEntry("MemberAvailabilityZones", List.of("aurora-0=us-east-1a", "aurora-1=us-east-1b"));
    }

    @Test
    void evaluate_whenAllMembersInOneZone_failsDespiteThreeStorageZonesAndMultiAzFlag() {
        Finding f = finding(evaluate(rule, auroraWithMembersIn("us-east-1a", "us-east-1a").build()), "aurora");

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.evidence()).containsEntry("DistinctAvailabilityZones", List.of("us-east-1a"))
                .containsEntry("MultiAZ", true)
                .containsEntry("StorageAvailabilityZones", List.of("us-east-1a", "us-east-1b", "us-east-1c"));
    }

    @Test
    void evaluate_whenSingleWriterOnly_fails() {
        Finding f = finding(evaluate(rule, auroraWithMembersIn("us-east-1a").build()), "aurora");

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenMemberOfSameNameInOtherRegion_doesNotCountIt() {
        InventoryFixture fixture = InventoryFixture.create()
                .dbCluster("aurora", c -> c.member("aurora-0", true).member("aurora-1", false))
                .dbInstance("aurora-0", db -> db.cluster("aurora").az("us-east-1a"));
        // The only aurora-1 lives in another region: it cannot be the us-east-1 cluster's member.
        fixture.region("eu-west-1").dbInstance("aurora-1", db -> db.cluster("aurora").az("eu-west-1b"));

        List<Finding> findings = evaluate(rule, fixture.build());

        assertThat(findings).filteredOn(f -> f.region().equals("us-east-1"))
                .singleElement().satisfies(f -> assertThat(f.outcome()).isEqualTo(Outcome.ERROR));
    }

    @Test
    void evaluate_whenServerlessV1_warns() {
        Finding f = finding(evaluate(rule, InventoryFixture.create()
                .dbCluster("sls", c -> c.engineMode("serverless")).build()), "sls");

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.evidence()).containsEntry("EngineMode", "serverless");
    }

    @Test
    void evaluate_whenHeadlessGlobalSecondary_warns() {
        Finding f = finding(evaluate(rule, InventoryFixture.create()
                .dbCluster("secondary", c -> c.globalCluster("global-orders")).build()), "secondary");

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.message()).contains("headless");
    }

    @Test
    void evaluate_whenNoMembersAndNotGlobal_failsHigh() {
        Finding f = finding(evaluate(rule, InventoryFixture.create().dbCluster("empty", c -> c).build()), "empty");

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void evaluate_whenDocumentDbOrNeptune_isNotApplicable() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .dbCluster("docs", c -> c.engine("docdb")).dbCluster("graph", c -> c.engine("neptune")).build());

        assertThat(findings).extracting(Finding::outcome).containsOnly(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenMemberMissingFromInventory_errors() {
        Finding f = finding(evaluate(rule, InventoryFixture.create()
                .dbCluster("aurora", c -> c.member("ghost", true)).build()), "aurora");

        assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(f.message()).contains("ghost");
    }

    @Test
    void evaluate_whenMemberZoneNotCollected_errors() {
        InventoryFixture fixture = auroraWithMembersIn("us-east-1a");
        fixture.dbCluster("other", c -> c.member("o-1", true))
                .dbInstance("o-1", db -> db.cluster("other").az(null));

        Finding f = finding(evaluate(rule, fixture.build()), "other");

        assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenRdsCollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule,
                auroraWithMembersIn("us-east-1a", "us-east-1b").failed(AwsService.RDS).build());
    }
}
