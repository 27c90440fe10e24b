package io.relyscan.core.baseline;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.CollectionStatus;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.Severity;
import io.relyscan.core.waiver.WaiverSet;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BaselineComparisonTest {
    private static final String ACCOUNT = InventoryFixture.ACCOUNT;
    private static final String REGION = InventoryFixture.REGION;
    private static final String OTHER_REGION = "eu-west-1";
    private static final List<ControlRef> CONTROLS = List.of(ControlRef.anchored(Framework.WA_RELIABILITY,
            "REL10-BP01"), ControlRef.anchored(Framework.SOC2, "A1.2"), ControlRef.anchored(Framework.ISO27001,
            "A.8.14"), ControlRef.anchored(Framework.NIST_800_53, "CP-10"));
    private static final RuleMetadata MULTI_AZ = rule("rds-multi-az", "R01", Severity.HIGH, AwsService.RDS);
    private static final RuleMetadata ASG_ZONES = rule("asg-multi-az", "R02", Severity.MEDIUM, AwsService.AUTOSCALING);


    private static RuleMetadata rule(String id, String catalogId, Severity severity, AwsService input) {
        return new RuleMetadata(id, catalogId, "title", severity, "DbInstance", "why", "fix", CONTROLS, List.of(),
                Set.of(input));
    }

    private static Finding finding(RuleMetadata rule, String name, String region, Outcome outcome,
                                   Severity severity) {
        return new Finding(null, rule.id(), "arn:aws:rds:" + region + ":" + ACCOUNT + ":db:" + name, "DbInstance",
                name, ACCOUNT, region, outcome, severity, "msg " + name, Map.of(), Map.of());
    }

    private static Finding finding(String name, Outcome outcome) {
        return finding(MULTI_AZ, name, REGION, outcome, Severity.HIGH);
    }

    /** A FAIL turned SUPPRESSED by a waiver, as WaiverSet records it. */
    private static Finding waived(String name) {
        return finding(name, Outcome.FAIL).withOutcome(Outcome.SUPPRESSED, "msg " + name,
                Map.of(WaiverSet.WAIVED_OUTCOME, Outcome.FAIL.name()));
    }

    private static InventoryFixture scopes() {
        return InventoryFixture.create().scope(ACCOUNT, OTHER_REGION).scope(ACCOUNT, REGION);
    }

    private static ScanReport report(Inventory inventory, List<RuleMetadata> rules, Finding... findings) {
        return ScanReport.of("test", inventory, rules, List.of(findings));
    }

    private static ScanReport baseline(Finding... findings) {
        Inventory inv = scopes().capturedAt(InventoryFixture.CAPTURED_AT.minus(Duration.ofDays(7))).build();
        return report(inv, List.of(MULTI_AZ, ASG_ZONES), findings);
    }

    private static ScanReport current(Finding... findings) {
        return report(scopes().build(), List.of(MULTI_AZ, ASG_ZONES), findings);
    }

    @Test
    void of_failingNowButNotBefore_isNew_andFailingInBoth_isPersisting() {
        Finding persisting = finding("orders", Outcome.FAIL);
        Finding fresh = finding("billing", Outcome.FAIL);
        ScanReport now = current(persisting, fresh);

        BaselineComparison c = BaselineComparison.of("old.json", baseline(persisting,
                finding("billing", Outcome.PASS)), now);

        assertThat(c.status(persisting)).contains(BaselineStatus.PERSISTING);
        assertThat(c.status(fresh)).contains(BaselineStatus.NEW);
        assertThat(c.resolved()).isEmpty();
        assertThat(c.notRechecked()).isEmpty();
        assertThat(c.source()).isEqualTo("old.json");
        assertThat(c.baselineCapturedAt()).isEqualTo(InventoryFixture.CAPTURED_AT.minus(Duration.ofDays(7)));
    }

    @Test
    void of_nonFailingFindings_haveNoStatus() {
        Finding pass = finding("orders", Outcome.PASS);
        Finding na = finding("billing", Outcome.NOT_APPLICABLE);
        BaselineComparison c = BaselineComparison.of("old.json", baseline(), current(pass, na));

        assertThat(c.status(pass)).isEmpty();
        assertThat(c.status(na)).isEmpty();
    }

    @Test
    void of_waivedOnEitherSide_countsAsAFailure() {
        // waived then, failing now: PERSISTING (the waiver lapsed or was removed, the failure is not new)
        // failing then, waived now: PERSISTING (a waiver does not resolve a failure)
        Finding nowFailing = finding("orders", Outcome.FAIL);
        Finding nowWaived = waived("billing");
        BaselineComparison c = BaselineComparison.of("old.json",
                baseline(waived("orders"), finding("billing", Outcome.FAIL)), current(nowFailing, nowWaived));

        assertThat(c.status(nowFailing)).contains(BaselineStatus.PERSISTING);
        assertThat(c.status(nowWaived)).contains(BaselineStatus.PERSISTING);
        assertThat(c.resolved()).isEmpty();
        assertThat(c.notRechecked()).isEmpty();
    }

    @Test
    void of_waivedNowWithoutABaselineFailure_isNew() {
        Finding nowWaived = waived("billing");
        BaselineComparison c = BaselineComparison.of("old.json", baseline(), current(nowWaived));

        assertThat(c.status(nowWaived)).contains(BaselineStatus.NEW);
    }

    @Test
    void of_baselineFailureThatPassesOrIsNotApplicableNow_isResolvedWithItsOutcome() {
        Finding wasOrders = finding("orders", Outcome.FAIL);
        Finding wasBilling = finding("billing", Outcome.FAIL);
        BaselineComparison c = BaselineComparison.of("old.json", baseline(wasOrders, wasBilling),
                current(finding("orders", Outcome.PASS), finding("billing", Outcome.NOT_APPLICABLE)));

        assertThat(c.resolved()).extracting(r -> r.previous().resourceName(), r -> r.now())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("orders", Outcome.PASS),
                        org.assertj.core.groups.Tuple.tuple("billing", Outcome.NOT_APPLICABLE));
        assertThat(c.notRechecked()).isEmpty();
    }

    @Test
    void of_baselineFailureGoneFromAScopeScannedWhole_isResolvedWithNoCurrentOutcome() {
        Finding gone = finding("old-db", Outcome.FAIL);
        BaselineComparison c = BaselineComparison.of("old.json", baseline(gone), current());

        assertThat(c.resolved()).singleElement().satisfies(r -> {
            assertThat(r.previous()).isEqualTo(gone);
            assertThat(r.currentOutcome()).isEmpty();
        });
        assertThat(c.notRechecked()).isEmpty();
    }

    @Test
    void of_baselineFailureInAScopeNotScannedNow_isNotRecheckedNotResolved() {
        Finding elsewhere = finding(MULTI_AZ, "eu-db", OTHER_REGION, Outcome.FAIL, Severity.HIGH);
        ScanReport onlyUsEast = report(InventoryFixture.create().build(), List.of(MULTI_AZ));

        BaselineComparison c = BaselineComparison.of("old.json", baseline(elsewhere), onlyUsEast);

        assertThat(c.resolved()).isEmpty();
        assertThat(c.notRechecked()).containsExactly(elsewhere);
    }

    @Test
    void of_baselineFailureWhoseRuleServiceIsNotWhollyCollectedNow_isNotRechecked() {
        Finding partial = finding("partial-db", Outcome.FAIL);
        Finding failed = finding(MULTI_AZ, "failed-db", OTHER_REGION, Outcome.FAIL, Severity.HIGH);
        Inventory inv = InventoryFixture.create().scope(ACCOUNT, OTHER_REGION).failed(AwsService.RDS)
                .scope(ACCOUNT, REGION).coverage(AwsService.RDS, CollectionStatus.PARTIAL, GapReason.THROTTLED)
                .build();

        BaselineComparison c = BaselineComparison.of("old.json", baseline(partial, failed),
                report(inv, List.of(MULTI_AZ, ASG_ZONES)));

        assertThat(c.resolved()).isEmpty();
        assertThat(c.notRechecked()).containsExactlyInAnyOrder(partial, failed);
    }

    @Test
    void of_incompleteCoverageOfAnotherService_doesNotBlockResolution() {
        Finding gone = finding("old-db", Outcome.FAIL);
        Inventory inv = InventoryFixture.create().failed(AwsService.AUTOSCALING).scope(ACCOUNT, OTHER_REGION).build();

        BaselineComparison c = BaselineComparison.of("old.json", baseline(gone), report(inv, List.of(MULTI_AZ)));

        assertThat(c.resolved()).extracting(ResolvedFinding::previous).containsExactly(gone);
    }

    @Test
    void of_baselineFailureWithAnAccountThatIsNoAccountId_isNotRecheckedRatherThanAnError() {
        // A baseline is read from a file that may have been edited: its findings may name any account.
        Finding odd = new Finding(null, MULTI_AZ.id(), "arn:aws:rds:us-east-1:global:db:x", "DbInstance", "x",
                "global", REGION, Outcome.FAIL, Severity.HIGH, "msg", Map.of(), Map.of());

        BaselineComparison c = BaselineComparison.of("old.json", baseline(odd), current());

        assertThat(c.notRechecked()).containsExactly(odd);
    }

    @Test
    void of_baselineFailureOfARuleNotEvaluatedNow_isNotRechecked() {
        Finding asg = finding(ASG_ZONES, "web-asg", REGION, Outcome.FAIL, Severity.MEDIUM);
        ScanReport withoutAsgRule = report(scopes().build(), List.of(MULTI_AZ));

        BaselineComparison c = BaselineComparison.of("old.json", baseline(asg), withoutAsgRule);

        assertThat(c.resolved()).isEmpty();
        assertThat(c.notRechecked()).containsExactly(asg);
    }

    @Test
    void of_baselineFailureThatIsErrorNow_isNotRechecked() {
        Finding before = finding("orders", Outcome.FAIL);
        BaselineComparison c = BaselineComparison.of("old.json", baseline(before),
                current(finding("orders", Outcome.ERROR)));

        assertThat(c.resolved()).isEmpty();
        assertThat(c.notRechecked()).containsExactly(before);
    }

    @Test
    void of_baselineNonFailures_areNeitherResolvedNorNotRechecked() {
        BaselineComparison c = BaselineComparison.of("old.json",
                baseline(finding("orders", Outcome.PASS), finding("gone", Outcome.NOT_APPLICABLE),
                        finding(MULTI_AZ, "eu-db", OTHER_REGION, Outcome.ERROR, Severity.HIGH)),
                report(InventoryFixture.create().build(), List.of()));

        assertThat(c.resolved()).isEmpty();
        assertThat(c.notRechecked()).isEmpty();
    }

    @Test
    void count_countsEachStatus() {
        Finding persisting = finding("orders", Outcome.FAIL);
        BaselineComparison c = BaselineComparison.of("old.json",
                baseline(persisting, finding("fixed", Outcome.FAIL), finding("gone", Outcome.FAIL),
                        finding("broken", Outcome.FAIL)),
                current(persisting, finding("new-1", Outcome.FAIL), waived("new-2"), finding("fixed", Outcome.PASS),
                        finding("broken", Outcome.ERROR)));

        assertThat(c.count(BaselineStatus.NEW)).isEqualTo(2);
        assertThat(c.count(BaselineStatus.PERSISTING)).isEqualTo(1);
        assertThat(c.count(BaselineStatus.RESOLVED)).isEqualTo(2);
        assertThat(c.notRechecked()).hasSize(1);
    }

    @Test
    void newFailuresAtLeast_countsNewUnwaivedFailuresAtOrAboveTheSeverity() {
        Finding persistingHigh = finding("orders", Outcome.FAIL);
        Finding newHigh = finding("billing", Outcome.FAIL);
        Finding newCritical = finding(MULTI_AZ, "payments", REGION, Outcome.FAIL, Severity.CRITICAL);
        Finding newMedium = finding(ASG_ZONES, "web-asg", REGION, Outcome.FAIL, Severity.MEDIUM);
        Finding newWaived = waived("reports");
        ScanReport now = current(persistingHigh, newHigh, newCritical, newMedium, newWaived);

        BaselineComparison c = BaselineComparison.of("old.json", baseline(persistingHigh), now);

        assertThat(c.status(newWaived)).contains(BaselineStatus.NEW);
        assertThat(c.newFailuresAtLeast(now.findings(), Severity.CRITICAL)).isEqualTo(1);
        assertThat(c.newFailuresAtLeast(now.findings(), Severity.HIGH)).isEqualTo(2);
        assertThat(c.newFailuresAtLeast(now.findings(), Severity.MEDIUM)).isEqualTo(3);
        assertThat(c.newFailuresAtLeast(now.findings(), Severity.INFO)).isEqualTo(3);
    }
}
