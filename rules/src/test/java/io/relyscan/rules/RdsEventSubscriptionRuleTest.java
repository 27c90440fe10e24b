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

class RdsEventSubscriptionRuleTest {
    private final RdsEventSubscriptionRule rule = new RdsEventSubscriptionRule();

    private static InventoryFixture instanceAndCluster() {
        return InventoryFixture.create().dbInstance("orders", db -> db).dbCluster("aurora", c -> c);
    }

    @Test
    void evaluate_whenOneSubscriptionCoversEverything_passes() {
        Finding f = only(evaluate(rule, instanceAndCluster().dbEventSubscription("all", s -> s).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.resourceType()).isEqualTo("Region");
        assertThat(f.evidence()).containsEntry("EventSubscriptions",
                List.of("all (all sources; all categories; enabled=true, status=active)"));
    }

    @Test
    void evaluate_whenCategoriesAndTypesAreSplitOverSubscriptions_passes() {
        Finding f = only(evaluate(rule, instanceAndCluster()
                .dbEventSubscription("db-failures", s -> s.sourceType("db-instance").categories("failure", "failover"))
                .dbEventSubscription("db-maintenance", s -> s.sourceType("db-instance").categories("maintenance"))
                .dbEventSubscription("clusters", s -> s.sourceType("db-cluster")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenNoSubscription_warns() {
        Finding f = only(evaluate(rule, instanceAndCluster().build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.evidence()).containsEntry("MissingEvents", List.of("db-instance:failure", "db-instance:failover",
                "db-instance:maintenance", "db-cluster:failure", "db-cluster:failover", "db-cluster:maintenance"));
    }

    @Test
    void evaluate_whenOnlyInstancesCovered_warnsAboutClusters() {
        Finding f = only(evaluate(rule, instanceAndCluster()
                .dbEventSubscription("instances", s -> s.sourceType("db-instance")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.evidence()).containsEntry("MissingEvents",
                List.of("db-cluster:failure", "db-cluster:failover", "db-cluster:maintenance"));
    }

    @Test
    void evaluate_whenMaintenanceMissing_warns() {
        Finding f = only(evaluate(rule, InventoryFixture.create().dbInstance("orders", db -> db)
                .dbEventSubscription("partial", s -> s.categories("failure", "failover")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.evidence()).containsEntry("MissingEvents", List.of("db-instance:maintenance"));
    }

    @Test
    void evaluate_whenSubscriptionDisabledOrCannotDeliver_doesNotCount() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db).dbEventSubscription("off", s -> s.enabled(false))
                .region("eu-west-1").dbInstance("billing", db -> db)
                .dbEventSubscription("denied", s -> s.status("no-permission"))
                .dbEventSubscription("gone", s -> s.status("topic-not-exist")).build());

        assertThat(findings).hasSize(2).extracting(Finding::outcome).containsOnly(Outcome.FAIL);
    }

    @Test
    void evaluate_whenLimitedToSourceIds_coversOnlyWhenEveryResourceIsListed() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db).dbInstance("billing", db -> db)
                .dbEventSubscription("orders-only", s -> s.sourceType("db-instance").sourceIds("orders"))
                .region("eu-west-1").dbInstance("orders", db -> db)
                .dbEventSubscription("orders-only", s -> s.sourceType("db-instance").sourceIds("orders")).build());

        assertThat(finding(findings, "us-east-1").outcome()).isEqualTo(Outcome.FAIL);
        assertThat(finding(findings, "eu-west-1").outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenSubscriptionInAnotherRegion_doesNotCount() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create().dbInstance("orders", db -> db)
                .region("eu-west-1").dbEventSubscription("all", s -> s).build());

        assertThat(finding(findings, "us-east-1").outcome()).isEqualTo(Outcome.FAIL);
        assertThat(finding(findings, "eu-west-1").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenRegionHasNoDatabases_isNotApplicable() {
        Finding f = only(evaluate(rule, InventoryFixture.create().build()));

        assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenEnabledFlagNotCollectedAndNothingElseCovers_errors() {
        Finding f = only(evaluate(rule, InventoryFixture.create().dbInstance("orders", db -> db)
                .dbEventSubscription("unknown", s -> s.enabled(null)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenRdsCollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule,
                instanceAndCluster().dbEventSubscription("all", s -> s).failed(AwsService.RDS).build());
    }
}
