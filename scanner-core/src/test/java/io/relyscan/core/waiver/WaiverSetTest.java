package io.relyscan.core.waiver;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.framework.ControlCatalog;
import io.relyscan.core.framework.ControlDefinition;
import io.relyscan.core.framework.FrameworkView;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.Coverage;
import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaiverSetTest {
    private static final String RULE = "rds-instance-multi-az";
    private static final Instant CAPTURED = Instant.parse("2026-11-01T10:00:00Z");
    private static final LocalDate YESTERDAY = LocalDate.parse("2026-10-31");
    private static final LocalDate TODAY = LocalDate.parse("2026-11-01");

    private static String arn(String name) {
        return "arn:aws:rds:eu-west-1:111122223333:db:" + name;
    }

    private static Finding finding(String name, Outcome outcome) {
        return new Finding(null, RULE, arn(name), "DbInstance", name, "111122223333", "eu-west-1", outcome,
                Severity.HIGH, "message of " + name, Map.of("MultiAZ", false), Map.of());
    }

    private static Waiver waiver(String id, String pattern, LocalDate expires, int line) {
        return new Waiver(id, RULE, ArnPattern.of(pattern), null, null, "Accepted for a stated reason.",
                "owner-" + line, expires, "waivers.yaml:" + line);
    }

    private static ScanReport report(Finding... findings) {
        RuleMetadata rule = new RuleMetadata(RULE, "R01", "Multi-AZ", Severity.HIGH, "DbInstance", "why", "fix",
                List.of(ControlRef.anchored(Framework.WA_RELIABILITY, "REL10-BP01"),
                        ControlRef.anchored(Framework.SOC2, "A1.2"), ControlRef.anchored(Framework.ISO27001, "A.8.14"),
                        ControlRef.anchored(Framework.NIST_800_53, "CP-10")), List.of(), Set.of(AwsService.RDS));
        return new ScanReport("1.0", CAPTURED, List.of(), List.of(rule), List.of(findings), Coverage.of(List.of()),
                List.of());
    }

    private static Finding byName(ScanReport report, String name) {
        return report.findings().stream().filter(f -> f.resourceName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void apply_suppressesOnlyFailures_withTheWaiversReasonAndOwner() {
        ScanReport report = report(finding("a-fail", Outcome.FAIL), finding("b-pass", Outcome.PASS),
                finding("c-error", Outcome.ERROR), finding("d-na", Outcome.NOT_APPLICABLE));
        WaiverSet set = new WaiverSet(List.of(waiver("W-1", "*", TODAY, 3)));

        ScanReport waived = set.apply(report);

        Finding suppressed = byName(waived, "a-fail");
        assertThat(suppressed.outcome()).isEqualTo(Outcome.SUPPRESSED);
        assertThat(suppressed.message()).isEqualTo("message of a-fail");
        assertThat(suppressed.severity()).isEqualTo(Severity.HIGH);
        assertThat(suppressed.id()).isEqualTo(finding("a-fail", Outcome.FAIL).id());
        assertThat(suppressed.evidence()).containsEntry("MultiAZ", false)
                .containsEntry(WaiverSet.WAIVED_OUTCOME, "FAIL").containsEntry(WaiverSet.WAIVER_ID, "W-1")
                .containsEntry(WaiverSet.WAIVER_REASON, "Accepted for a stated reason.")
                .containsEntry(WaiverSet.WAIVER_OWNER, "owner-3").containsEntry(WaiverSet.WAIVER_EXPIRES, "2026-11-01")
                .containsEntry(WaiverSet.WAIVER_SOURCE, "waivers.yaml:3");
        assertThat(WaiverSet.isFailure(suppressed)).isTrue();
        // a waiver never hides positive evidence, a check that could not be made, or an unjudged resource
        for (String name : List.of("b-pass", "c-error", "d-na")) {
            assertThat(byName(waived, name)).isEqualTo(byName(report, name));
        }
        assertThat(waived.summary().count(Outcome.FAIL)).isZero();
        assertThat(waived.summary().count(Outcome.SUPPRESSED)).isEqualTo(1);
        assertThat(waived.summary().failuresAtLeast(Severity.INFO)).isZero();
        assertThat(waived.waivers()).containsExactly(new WaiverStatus(set.waivers().get(0), false, 1, 0));
        assertThat(waived.waiverOf(suppressed)).contains(waived.waivers().get(0));
    }

    @Test
    void apply_firstUnexpiredWaiverInFileOrderWins() {
        Waiver expired = waiver("OLD", "*", YESTERDAY, 2);
        Waiver narrow = waiver("NARROW", arn("a-*"), null, 8);
        Waiver broad = waiver(null, "*", null, 14);
        ScanReport waived = new WaiverSet(List.of(expired, narrow, broad)).apply(report(
                finding("a-1", Outcome.FAIL), finding("a-2", Outcome.FAIL), finding("b-1", Outcome.FAIL)));

        assertThat(byName(waived, "a-1").evidence()).containsEntry(WaiverSet.WAIVER_ID, "NARROW")
                .doesNotContainKey(WaiverSet.EXPIRED_WAIVER);
        assertThat(byName(waived, "b-1").evidence()).containsEntry(WaiverSet.WAIVER_SOURCE, "waivers.yaml:14")
                .doesNotContainKeys(WaiverSet.WAIVER_ID, WaiverSet.WAIVER_EXPIRES);
        // an expired waiver earlier in the file does not stand in the way of a valid one
        assertThat(waived.waivers()).containsExactly(new WaiverStatus(expired, true, 0, 0),
                new WaiverStatus(narrow, false, 2, 0), new WaiverStatus(broad, false, 1, 0));
    }

    @Test
    void apply_expiredWaiverLetsTheFailureThrough_andSaysSo() {
        Waiver expired = waiver("W-7", "*", YESTERDAY, 10);
        Waiver unused = waiver("W-9", arn("nothing-*"), null, 20);
        ScanReport waived = new WaiverSet(List.of(expired, unused)).apply(report(finding("a", Outcome.FAIL),
                finding("b", Outcome.FAIL), finding("c", Outcome.PASS)));

        Finding a = byName(waived, "a");
        assertThat(a.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(a.evidence()).containsEntry(WaiverSet.EXPIRED_WAIVER,
                "W-7 (waivers.yaml:10), owner owner-10, expired on 2026-10-31").doesNotContainKey(WaiverSet.WAIVED_OUTCOME);
        assertThat(waived.summary().count(Outcome.FAIL)).isEqualTo(2);
        assertThat(waived.waivers()).containsExactly(new WaiverStatus(expired, true, 0, 2),
                new WaiverStatus(unused, false, 0, 0));
        assertThat(waived.waivers().get(0).unused()).isFalse();
        assertThat(waived.waivers().get(1).unused()).isTrue();
        assertThat(waived.waiverOf(a)).contains(waived.waivers().get(0));
    }

    @Test
    void apply_judgesExpiryAtTheCaptureTime_lastDayInclusive() {
        // captured on 2026-11-01: a waiver expiring that day still applies, whatever today's date is
        ScanReport waived = new WaiverSet(List.of(waiver("W", "*", TODAY, 1))).apply(report(finding("a",
                Outcome.FAIL)));
        assertThat(byName(waived, "a").outcome()).isEqualTo(Outcome.SUPPRESSED);
        assertThat(waived.waivers().get(0).expired()).isFalse();
    }

    @Test
    void apply_anonymousExpiredWaiverIsNamedByItsSource() {
        ScanReport waived = new WaiverSet(List.of(waiver(null, "*", YESTERDAY, 4))).apply(report(finding("a",
                Outcome.FAIL)));
        assertThat(byName(waived, "a").evidence()).containsEntry(WaiverSet.EXPIRED_WAIVER,
                "the waiver at waivers.yaml:4, owner owner-4, expired on 2026-10-31");
    }

    @Test
    void apply_withNoWaivers_returnsTheReportUnchanged() {
        ScanReport report = report(finding("a", Outcome.FAIL));
        assertThat(WaiverSet.none().apply(report)).isSameAs(report);
    }

    @Test
    void apply_refusesAFrameworkViewAndASecondApplication() {
        ScanReport report = report(finding("a", Outcome.FAIL));
        WaiverSet set = new WaiverSet(List.of(waiver("W", "*", null, 1)));
        ScanReport grouped = report.withFramework(FrameworkView.of(ControlCatalog.of(Framework.NIST_800_53,
                List.of(ControlDefinition.of(Framework.NIST_800_53, "CP-10", "Recovery"))), report.rules(),
                report.findings()));
        assertThatThrownBy(() -> set.apply(grouped)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before the framework view");

        ScanReport once = set.apply(report);
        assertThatThrownBy(() -> set.apply(once)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already applied");
        // the same findings read back from a report file, without their waiver statuses: still refused
        ScanReport readBack = report(once.findings().toArray(Finding[]::new));
        assertThat(WaiverSet.waivedFindings(readBack)).isEqualTo(1);
        assertThatThrownBy(() -> set.apply(readBack)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already applied");
        assertThat(WaiverSet.waivedFindings(report)).isZero();
    }

    @Test
    void isFailure_countsSuppressedFailuresOnly() {
        assertThat(WaiverSet.isFailure(finding("a", Outcome.FAIL))).isTrue();
        assertThat(WaiverSet.isFailure(finding("a", Outcome.PASS))).isFalse();
        assertThat(WaiverSet.isFailure(finding("a", Outcome.SUPPRESSED))).isFalse();
    }
}
