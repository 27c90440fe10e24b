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

class AsgSubnetIpHeadroomRuleTest {
    private final AsgSubnetIpHeadroomRule rule = new AsgSubnetIpHeadroomRule();

    /** MaxSize 10 with 2 instances: 8 more instances need 8 addresses (one ENI each). */
    private static InventoryFixture fixture(Integer freeA, Integer freeB) {
        return InventoryFixture.create()
                .subnet("subnet-a", "us-east-1a", freeA)
                .subnet("subnet-b", "us-east-1b", freeB)
                .autoScalingGroup("web", g -> g.subnets("subnet-a", "subnet-b").capacity(2, 2, 10));
    }

    @Test
    void evaluate_whenSubnetsHaveEnoughFreeAddresses_passes() {
        Finding f = only(evaluate(rule, fixture(5, 3).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("AddressesNeeded", 8L).containsEntry("AddressesAvailable", 8L)
                .containsEntry("AvailableIpAddressCount", List.of("subnet-a=5", "subnet-b=3"));
    }

    @Test
    void evaluate_whenSubnetsRunShort_fails() {
        Finding f = only(evaluate(rule, fixture(4, 3).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.message()).contains("7 free address(es)").contains("8 needed");
    }

    @Test
    void evaluate_whenSeveralEnisPerInstance_multipliesTheNeed() {
        Finding f = only(evaluate(rule, fixture(10, 10).build(), Map.of(AsgSubnetIpHeadroomRule.ENIS_PER_INSTANCE, "3")));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.evidence()).containsEntry("AddressesNeeded", 24L);
    }

    @Test
    void evaluate_whenAlreadyAtMaxSize_passesWithZeroFree() {
        Finding f = only(evaluate(rule, InventoryFixture.create().subnet("subnet-a", "us-east-1a", 0)
                .autoScalingGroup("full", g -> g.subnets("subnet-a").capacity(2, 2, 2)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("AddressesNeeded", 0L);
    }

    @Test
    void evaluate_whenGroupHasNoSubnets_isNotApplicable() {
        assertThat(only(evaluate(rule, InventoryFixture.create().autoScalingGroup("classic", g -> g).build()))
                .outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenFreeAddressCountNotCollected_errors() {
        Finding f = only(evaluate(rule, fixture(100, null).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(f.message()).contains("subnet-b");
    }

    @Test
    void evaluate_whenSubnetMissingFromInventory_errors() {
        assertThat(only(evaluate(rule, InventoryFixture.create().subnet("subnet-a", "us-east-1a", 100)
                .autoScalingGroup("web", g -> g.subnets("subnet-a", "subnet-gone")).build())).outcome())
                .isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenInstancesNotCollected_errors() {
        assertThat(only(evaluate(rule, InventoryFixture.create().subnet("subnet-a", "us-east-1a", 100)
                .autoScalingGroup("web", g -> g.subnets("subnet-a").instancesNotCollected()).build())).outcome())
                .isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenEc2CollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, fixture(100, 100).failed(AwsService.EC2).build());
    }
}
