package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class AsgMultiAzRuleTest {
    private final AsgMultiAzRule rule = new AsgMultiAzRule();

    private static InventoryFixture subnets() {
        return InventoryFixture.create()
                .subnet("subnet-a1", "us-east-1a").subnet("subnet-a2", "us-east-1a")
                .subnet("subnet-b1", "us-east-1b").subnet("subnet-lz", "us-east-1-bos-1a");
    }

    @Test
    void evaluate_whenSubnetsInTwoZones_passes() {
        Finding f = only(evaluate(rule, subnets()
                .autoScalingGroup("web", g -> g.subnets("subnet-a1", "subnet-b1").azs("us-east-1a")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("DistinctAvailabilityZones", List.of("us-east-1a", "us-east-1b"))
                .containsEntry("ZoneSource", "subnets");
    }

    @Test
    void evaluate_whenSeveralSubnetsInOneZone_countsOneZoneAndFails() {
        Finding f = only(evaluate(rule, subnets()
                .autoScalingGroup("web", g -> g.subnets("subnet-a1", "subnet-a2")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.evidence()).containsEntry("DistinctAvailabilityZones", List.of("us-east-1a"));
    }

    @Test
    void evaluate_whenLocalZoneSubnet_countsAsItsOwnZone() {
        Finding f = only(evaluate(rule, subnets()
                .autoScalingGroup("edge", g -> g.subnets("subnet-a1", "subnet-lz")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("DistinctAvailabilityZones", List.of("us-east-1-bos-1a", "us-east-1a"));
    }

    @Test
    void evaluate_whenNoSubnets_usesAvailabilityZones() {
        Finding single = only(evaluate(rule, InventoryFixture.create()
                .autoScalingGroup("classic", g -> g.azs("us-east-1c")).build()));

        assertThat(single.outcome()).isEqualTo(Outcome.FAIL);
        assertThat((String) single.evidence().get("ZoneSource")).startsWith("AvailabilityZones");
    }

    @Test
    void evaluate_whenSubnetNotInInventory_fallsBackToAvailabilityZonesAndSaysSo() {
        Finding f = only(evaluate(rule, subnets()
                .autoScalingGroup("web", g -> g.subnets("subnet-a1", "subnet-gone")
                        .azs("us-east-1a", "us-east-1b")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat((String) f.evidence().get("ZoneSource")).contains("subnet-gone");
    }

    @Test
    void evaluate_whenMinimumRaisedToThree_failsTwoZoneGroup() {
        Finding f = only(evaluate(rule, subnets()
                .autoScalingGroup("web", g -> g.subnets("subnet-a1", "subnet-b1")).build(),
                Map.of("minAvailabilityZones", "3")));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("fewer than 3");
    }

    @Test
    void evaluate_whenExemptionTagPresent_isNotApplicable() {
        Finding f = only(evaluate(rule, subnets()
                .autoScalingGroup("batch", g -> g.subnets("subnet-a1").tag("relyscan:single-az-ok", "batch"))
                .build()));

        assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(f.message()).contains("relyscan:single-az-ok");
    }

    @Test
    void evaluate_whenCustomExemptionKey_usesIt() {
        Finding f = only(evaluate(rule, subnets()
                .autoScalingGroup("batch", g -> g.subnets("subnet-a1").tag("single-az", "yes")).build(),
                Map.of("exemptionTagKey", "single-az")));

        assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenScaledToZero_isNotApplicable() {
        Finding f = only(evaluate(rule, subnets()
                .autoScalingGroup("idle", g -> g.subnets("subnet-a1").capacity(0, 0, 0)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(f.message()).contains("MaxSize=0");
    }

    @Test
    void evaluate_whenNoZonesCollected_errors() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .autoScalingGroup("web", g -> g.azs()).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenEc2CollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, subnets()
                .autoScalingGroup("web", g -> g.subnets("subnet-a1", "subnet-b1")).failed(AwsService.EC2).build());
    }

    @Test
    void metadata_hasStringExemptionParameter() {
        assertThat(rule.metadata().parameter("exemptionTagKey"))
                .hasValueSatisfying(p -> assertThat(p.defaultValue()).isEqualTo("relyscan:single-az-ok"));
        assertThat(rule.metadata().inputs()).containsExactlyInAnyOrder(AwsService.AUTOSCALING, AwsService.EC2);
    }
}
