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
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class RdsSubnetGroupAzSpanRuleTest {
    private final RdsSubnetGroupAzSpanRule rule = new RdsSubnetGroupAzSpanRule();

    private static InventoryFixture usedGroup(String... zones) {
        return InventoryFixture.create().dbInstance("orders", db -> db.dbSubnetGroup("db-subnets"))
                .dbSubnetGroup("db-subnets", g -> g.zones(zones));
    }

    @Test
    void evaluate_whenThreeZones_passes() {
        Finding f = only(evaluate(rule, usedGroup("us-east-1a", "us-east-1b", "us-east-1c").build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("UsedBy", List.of("orders"))
                .containsEntry("AvailabilityZones", List.of("us-east-1a", "us-east-1b", "us-east-1c"));
    }

    @Test
    void evaluate_whenOneZone_failsEvenWithSeveralSubnets() {
        Finding f = only(evaluate(rule, usedGroup("us-east-1a", "us-east-1a").build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void evaluate_whenTwoZones_failsAtInfo() {
        Finding f = only(evaluate(rule, usedGroup("us-east-1a", "us-east-1b", "us-east-1b").build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void evaluate_whenUsedOnlyByAClusterOrNotUsed() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .dbCluster("aurora", c -> c.dbSubnetGroup("cluster-subnets"))
                .dbSubnetGroup("cluster-subnets", g -> g.zones("us-east-1a"))
                .dbSubnetGroup("spare", g -> g.zones("us-east-1a"))
                .region("eu-west-1").dbInstance("elsewhere", db -> db.dbSubnetGroup("spare")).build());

        assertThat(finding(findings, "cluster-subnets").outcome()).isEqualTo(Outcome.FAIL);
        assertThat(finding(findings, "cluster-subnets").evidence()).containsEntry("UsedBy", List.of("cluster aurora"));
        // An instance in another region using a group of the same name does not make this one in use.
        assertThat(finding(findings, "spare").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenSubnetZoneNotCollected_errors() {
        Finding f = only(evaluate(rule, InventoryFixture.create().dbInstance("orders", db -> db)
                .dbSubnetGroup("db-subnets", g -> g.subnet("subnet-x", null)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenRdsCollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule,
                usedGroup("us-east-1a", "us-east-1b", "us-east-1c").failed(AwsService.RDS).build());
    }
}
