package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fixture captures at 2026-11-28T12:00:00Z. */
class AsgCapacityHealthRuleTest {
    private static final String MINUTES_AGO_10 = "2026-11-28T11:50:00Z";
    private static final String MINUTES_AGO_45 = "2026-11-28T11:15:00Z";
    private static final String HOURS_AGO_2 = "2026-11-28T10:00:00Z";
    private static final String HOURS_AGO_30 = "2026-11-27T06:00:00Z";

    private final AsgCapacityHealthRule rule = new AsgCapacityHealthRule();

    private static UnaryOperator<InventoryFixture.AsgSpec> oneOfTwoInService() {
        return g -> g.capacity(1, 2, 4).instance("i-1", "us-east-1a", "InService", "Healthy");
    }

    private Finding web(UnaryOperator<InventoryFixture.AsgSpec> spec, UnaryOperator<InventoryFixture> more,
                        Map<String, String> parameters) {
        return only(evaluate(rule, more.apply(InventoryFixture.create().autoScalingGroup("web", spec)).build(),
                parameters));
    }

    private Finding web(UnaryOperator<InventoryFixture.AsgSpec> spec, UnaryOperator<InventoryFixture> more) {
        return web(spec, more, Map.of());
    }

    @Test
    void evaluate_whenDesiredInServiceHealthyAndBalanced_passes() {
        Finding f = web(g -> g, i -> i);

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("DesiredCapacity", 2).containsEntry("InServiceCount", 2)
                .containsEntry("InServiceByZone", List.of("us-east-1a=1", "us-east-1b=1"))
                .containsEntry("UnhealthyInstances", List.of()).containsEntry("LatestActivityEvent", null);
        assertThat(f.parameters()).containsEntry("shortfallMinutes", "30").containsEntry("maxZoneImbalance", "1")
                .containsEntry("maxZoneImbalancePercent", "20");
    }

    @Test
    void evaluate_whenShortAndNoActivityForADay_warns() {
        Finding f = web(oneOfTwoInService(), i -> i);

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.message()).contains("InService 1 < DesiredCapacity 2")
                .contains("no scaling activity in the last 24 h");
    }

    @Test
    void evaluate_whenShortSinceAnActivityOlderThanTheLimit_warns() {
        Finding f = web(oneOfTwoInService(), i -> i.scalingActivity("web", "a-1", "Successful", HOURS_AGO_2,
                MINUTES_AGO_45, null));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("2026-11-28T11:15:00Z (45 minutes, limit 30)");
        assertThat(f.evidence()).containsEntry("LatestActivityEvent", MINUTES_AGO_45);
    }

    @Test
    void evaluate_whenLimitRaisedAboveTheShortfall_passes() {
        Finding f = web(oneOfTwoInService(), i -> i.scalingActivity("web", "a-1", "Successful", HOURS_AGO_2,
                MINUTES_AGO_45, null), Map.of("shortfallMinutes", "60"));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.message()).contains("short for at most 45 minutes");
    }

    @Test
    void evaluate_whenShortDuringARecentLaunchInProgress_passes() {
        // The launch started 10 minutes ago and has not ended: a scale out under way, not a lasting shortfall.
        Finding f = web(oneOfTwoInService(), i -> i.scalingActivity("web", "a-1", "InProgress", MINUTES_AGO_10,
                null, null));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.message()).contains("at most 10 minutes");
    }

    @Test
    void evaluate_whenLaunchInProgressForLongerThanTheLimit_warns() {
        Finding f = web(oneOfTwoInService(), i -> i.scalingActivity("web", "a-1", "WaitingForSpotInstanceId",
                HOURS_AGO_2, null, null));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("120 minutes");
    }

    @Test
    void evaluate_whenShortWithLaunchSuspended_warnsWhateverTheActivities() {
        Finding f = web(g -> oneOfTwoInService().apply(g).suspend("Launch"),
                i -> i.scalingActivity("web", "a-1", "Successful", MINUTES_AGO_10, MINUTES_AGO_10, null));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("Launch process suspended");
    }

    @Test
    void evaluate_whenAnActivityTimeCannotBeRead_errorsInsteadOfGuessingTheDuration() {
        Finding f = web(oneOfTwoInService(), i -> i.scalingActivity("web", "a-1", "Successful", "yesterday",
                null, null));

        assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenAnInstanceIsUnhealthy_warns() {
        Finding f = web(g -> g.instance("i-1", "us-east-1a", "InService", "Healthy")
                .instance("i-2", "us-east-1b", "InService", "Unhealthy"), i -> i);

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.evidence()).containsEntry("UnhealthyInstances", List.of("i-2 (InService)"));
    }

    @Test
    void evaluate_whenZonesDifferByMoreThanOneAndTwentyPercent_warns() {
        Finding f = web(g -> g.capacity(2, 5, 8).instance("i-1", "us-east-1a", "InService", "Healthy")
                .instance("i-2", "us-east-1a", "InService", "Healthy")
                .instance("i-3", "us-east-1a", "InService", "Healthy")
                .instance("i-4", "us-east-1a", "InService", "Healthy")
                .instance("i-5", "us-east-1b", "InService", "Healthy"), i -> i);

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("counts differ by 3");
    }

    @Test
    void evaluate_whenZonesDifferByOne_passes() {
        Finding f = web(g -> g.capacity(2, 3, 6).azs("us-east-1a", "us-east-1b", "us-east-1c")
                .instance("i-1", "us-east-1a", "InService", "Healthy")
                .instance("i-2", "us-east-1a", "InService", "Healthy")
                .instance("i-3", "us-east-1b", "InService", "Healthy")
                // A zone with no InService instance counts as 0: 2 vs 0 would be an imbalance...
                .instance("i-4", "us-east-1c", "Pending", "Healthy"), i -> i);

        // ...so 2/1/0 differs by 2 > 1 and 2 > 20% of 2: flagged; the Pending instance does not count.
        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.evidence()).containsEntry("InServiceByZone",
                List.of("us-east-1a=2", "us-east-1b=1", "us-east-1c=0"));

        Finding even = web(g -> g.capacity(2, 3, 6).azs("us-east-1a", "us-east-1b")
                .instance("i-1", "us-east-1a", "InService", "Healthy")
                .instance("i-2", "us-east-1a", "InService", "Healthy")
                .instance("i-3", "us-east-1b", "InService", "Healthy"), i -> i);
        assertThat(even.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenDifferenceAboveOneButWithinTwentyPercent_passes() {
        UnaryOperator<InventoryFixture.AsgSpec> twelveAndTen = g -> {
            g.capacity(2, 22, 30);
            for (int n = 0; n < 22; n++) {
                g.instance("i-" + n, n < 12 ? "us-east-1a" : "us-east-1b", "InService", "Healthy");
            }
            return g;
        };

        assertThat(web(twelveAndTen, i -> i).outcome()).isEqualTo(Outcome.PASS);
        // Tightened to 10%: 2 > 1.2 now fails.
        assertThat(web(twelveAndTen, i -> i, Map.of("maxZoneImbalancePercent", "10")).outcome())
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenAScalingActivityFailedToday_warns() {
        Finding f = web(g -> g, i -> i.scalingActivity("web", "a-1", "Failed", HOURS_AGO_2, HOURS_AGO_2,
                "We currently do not have sufficient m7g.large capacity in the Availability Zone you requested"));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("1 scaling activity failed in the last 24 h")
                .contains("sufficient m7g.large capacity");
        assertThat(f.evidence().get("FailedActivitiesLast24h")).asList().hasSize(1);
    }

    @Test
    void evaluate_whenTheFailureIsOlderThanADayOrAnotherGroups_passes() {
        Finding f = web(g -> g, i -> i
                .scalingActivity("web", "a-1", "Failed", HOURS_AGO_30, HOURS_AGO_30, "old")
                .scalingActivity("batch", "a-2", "Failed", HOURS_AGO_2, HOURS_AGO_2, "not this group")
                .region("eu-west-1").scalingActivity("web", "a-3", "Failed", HOURS_AGO_2, HOURS_AGO_2, "other region")
                .region("us-east-1"));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenScaledToZero_isNotApplicableUnlessScalingFailed() {
        assertThat(web(g -> g.capacity(0, 0, 0), i -> i).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(web(g -> g.capacity(0, 0, 2), i -> i.scalingActivity("web", "a-1", "Failed", HOURS_AGO_2, null,
                "Access denied when attempting to assume role")).outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenInstancesNotCollected_errors() {
        assertThat(web(InventoryFixture.AsgSpec::instancesNotCollected, i -> i).outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenAutoScalingCollectionIncomplete_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create().autoScalingGroup("web", g -> g)
                .failed(AwsService.AUTOSCALING).build());
    }

    @Test
    void parameters_areBounded() {
        var inventory = InventoryFixture.create().autoScalingGroup("web", g -> g).build();
        assertThatThrownBy(() -> evaluate(rule, inventory, Map.of("shortfallMinutes", "1441")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 1440");
        assertThatThrownBy(() -> evaluate(rule, inventory, Map.of("shortfallMinutes", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> evaluate(rule, inventory, Map.of("maxZoneImbalancePercent", "101")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 100");
    }
}
