package io.relyscan.report.snapshot;

import io.relyscan.core.baseline.BaselineComparison;
import io.relyscan.core.engine.CatalogVersion;
import io.relyscan.core.engine.EngineSettings;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.error.InputException;
import io.relyscan.core.inventory.Coverage;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Tier1Selector;
import io.relyscan.core.waiver.Waiver;
import io.relyscan.core.waiver.WaiverStatus;
import io.relyscan.report.FrameworkFixtures;
import io.relyscan.report.JsonReporter;
import io.relyscan.report.ReportFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportMergeTest {
    private static final JsonReporter JSON = new JsonReporter();

    @TempDir
    Path tmp;

    /**
     * The part of a report about the accounts {@code account} accepts, as the shard scanning them would give: with
     * the same waivers, counting what they did in this part only, and (when the report has one) compared with the
     * same baseline ({@link ReportFixtures#baselineReport()}), which the shard sees whole.
     */
    static ScanReport accounts(ScanReport whole, Predicate<String> account) {
        List<Finding> findings = whole.findings().stream().filter(f -> account.test(f.account())).toList();
        Map<String, long[]> counts = new HashMap<>();
        for (Finding f : findings) {
            whole.waiverOf(f).ifPresent(s -> counts.computeIfAbsent(s.waiver().source(), k -> new long[2])
                    [f.outcome() == Outcome.SUPPRESSED ? 0 : 1]++);
        }
        List<WaiverStatus> waivers = whole.waivers().stream().map(s -> {
            long[] n = counts.getOrDefault(s.waiver().source(), new long[2]);
            return new WaiverStatus(s.waiver(), s.expired(), n[0], n[1]);
        }).toList();
        ScanReport part = new ScanReport(whole.toolVersion(), whole.capturedAt(),
                whole.scopes().stream().filter(s -> account.test(s.account())).toList(), whole.rules(), findings,
                Coverage.of(whole.coverage().entries().stream().filter(e -> account.test(e.account())).toList()),
                whole.telemetry().stream().filter(t -> account.test(t.account())).toList(), null, whole.catalog(),
                waivers, null);
        if (whole.baseline() != null) {
            part = part.withBaseline(BaselineComparison.of(whole.baseline().source(),
                    ReportFixtures.baselineReport(), part));
        }
        return whole.framework() == null ? part : part.withFramework(io.relyscan.core.framework.FrameworkView.of(
                io.relyscan.core.framework.ControlCatalog.of(whole.framework().framework(),
                        whole.framework().controls().stream().map(c -> c.control()).toList()),
                part.rules(), part.findings()));
    }

    private static ReportMerge.Input input(String name, ScanReport report) {
        return new ReportMerge.Input(name, report);
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new java.util.ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static String text(ScanReport report) {
        return new String(JSON.render(report), StandardCharsets.UTF_8);
    }

    @Test
    void disjointAccounts_mergeBackToTheWholeReport_inAnyOrder() {
        ScanReport whole = ReportFixtures.report();
        String other = ReportFixtures.OTHER_ACCOUNT;
        ScanReport a = accounts(whole, other::equals);
        ScanReport b = accounts(whole, acc -> !acc.equals(other));
        assertThat(a.findings()).isNotEmpty();
        assertThat(b.findings()).isNotEmpty();

        ScanReport ab = ReportMerge.merge(List.of(input("a.json", a), input("b.json", b)));
        ScanReport ba = ReportMerge.merge(List.of(input("b.json", b), input("a.json", a)));

        assertThat(text(ab)).isEqualTo(text(whole));
        assertThat(text(ba)).isEqualTo(text(whole));
        assertThat(ab.complete()).isEqualTo(whole.complete());
    }

    @Test
    void shards_countWhatTheWaiversDidInTheirOwnAccounts_andSeeTheBaselineWhole() {
        ScanReport whole = ReportFixtures.report();
        String other = ReportFixtures.OTHER_ACCOUNT;
        ScanReport a = accounts(whole, other::equals);
        ScanReport b = accounts(whole, acc -> !acc.equals(other));
        // The shards differ from the whole here, so the merge test below really sums and reconciles.
        assertThat(a.waivers()).extracting(WaiverStatus::suppressed).containsExactly(0L, 0L, 0L);
        assertThat(b.waivers()).extracting(WaiverStatus::suppressed).containsExactly(1L, 0L, 0L);
        assertThat(b.waivers()).extracting(WaiverStatus::matchedWhileExpired).containsExactly(0L, 1L, 0L);
        assertThat(a.baseline().notRechecked()).hasSize(5);
        assertThat(a.baseline().resolved()).isEmpty();
        assertThat(b.baseline().resolved()).hasSize(2);
        assertThat(b.baseline().notRechecked()).hasSize(1);
    }

    @Test
    void sameWaiver_countsAreSummed_otherWaiversKept_inFileOrder() {
        ScanReport whole = ReportFixtures.report();
        String other = ReportFixtures.OTHER_ACCOUNT;
        ScanReport a = accounts(whole, other::equals);
        ScanReport b = accounts(whole, acc -> !acc.equals(other));
        Waiver extra = new Waiver("ONLY-IN-A", ReportFixtures.RDS_MULTI_AZ.id(), null, other, null,
                "Another file, given to one shard only.", "ops", null, "other-waivers.yaml:3");
        Waiver line11 = new Waiver(null, ReportFixtures.RDS_MULTI_AZ.id(), null, null, "ap-south-1",
                "Declared on line 11, after line 10 and before line 16.", "ops", null, "waivers.yaml:11");
        List<WaiverStatus> aWaivers = new java.util.ArrayList<>(a.waivers());
        aWaivers.add(new WaiverStatus(extra, false, 0, 0));
        aWaivers.add(new WaiverStatus(line11, false, 2, 0));
        ScanReport aWithExtra = new ScanReport(a.toolVersion(), a.capturedAt(), a.scopes(), a.rules(), a.findings(),
                a.coverage(), a.telemetry(), null, a.catalog(), aWaivers, a.baseline());

        ScanReport merged = ReportMerge.merge(List.of(input("b.json", b), input("a.json", aWithExtra)));

        assertThat(merged.waivers()).extracting(s -> s.waiver().source()).containsExactly("other-waivers.yaml:3",
                "waivers.yaml:2", "waivers.yaml:10", "waivers.yaml:11", "waivers.yaml:16");
        assertThat(merged.waivers()).extracting(WaiverStatus::suppressed).containsExactly(0L, 1L, 0L, 2L, 0L);
        assertThat(merged.waivers()).extracting(WaiverStatus::matchedWhileExpired)
                .containsExactly(0L, 0L, 1L, 0L, 0L);
        assertThat(merged.waivers()).extracting(WaiverStatus::unused)
                .containsExactly(true, false, false, false, true);
    }

    @Test
    void sameWaiverExpiredInOneShardOnly_isExpiredInTheMerge() {
        ScanReport whole = ReportFixtures.report();
        String other = ReportFixtures.OTHER_ACCOUNT;
        ScanReport a = accounts(whole, other::equals);
        ScanReport b = accounts(whole, acc -> !acc.equals(other));
        WaiverStatus first = b.waivers().get(0);
        List<WaiverStatus> aWaivers = new java.util.ArrayList<>(a.waivers());
        aWaivers.set(0, new WaiverStatus(first.waiver(), true, 0, 3));
        ScanReport expiredInA = new ScanReport(a.toolVersion(), a.capturedAt(), a.scopes(), a.rules(), a.findings(),
                a.coverage(), a.telemetry(), null, a.catalog(), aWaivers, a.baseline());

        WaiverStatus merged = ReportMerge.merge(List.of(input("a.json", expiredInA), input("b.json", b)))
                .waivers().get(0);

        assertThat(merged.waiver()).isEqualTo(first.waiver());
        assertThat(merged.expired()).isTrue();
        assertThat(merged.suppressed()).isEqualTo(1);
        assertThat(merged.matchedWhileExpired()).isEqualTo(3);
    }

    @Test
    void baseline_isDroppedWhenTheInputsWereComparedWithDifferentBaselinesOrSomeWithNone() {
        ScanReport whole = ReportFixtures.report();
        String other = ReportFixtures.OTHER_ACCOUNT;
        ScanReport a = accounts(whole, other::equals);
        ScanReport b = accounts(whole, acc -> !acc.equals(other));
        ScanReport otherSource = b.withBaseline(BaselineComparison.of("elsewhere.json", ReportFixtures.baselineReport(),
                b));
        ScanReport otherTime = b.withBaseline(BaselineComparison.of(whole.baseline().source(),
                ReportFixtures.cleanReport(), b));

        assertThat(ReportMerge.merge(List.of(input("a.json", a), input("b.json", otherSource))).baseline()).isNull();
        assertThat(ReportMerge.merge(List.of(input("a.json", a), input("b.json", otherTime))).baseline()).isNull();
        assertThat(ReportMerge.merge(List.of(input("a.json", a), input("b.json", b.withBaseline(null))))
                .baseline()).isNull();
        assertThat(ReportMerge.merge(List.of(input("a.json", a.withBaseline(null)), input("b.json", b)))
                .baseline()).isNull();
        assertThat(ReportMerge.merge(List.of(input("a.json", a), input("b.json", b))).baseline())
                .isEqualTo(whole.baseline());
    }

    @Test
    void frameworkView_isComputedAgainFromTheMergedFindings() {
        ScanReport whole = FrameworkFixtures.report();
        String other = ReportFixtures.OTHER_ACCOUNT;
        ScanReport a = accounts(whole, other::equals);
        ScanReport b = accounts(whole, acc -> !acc.equals(other));
        assertThat(text(a)).isNotEqualTo(text(whole));

        ScanReport merged = ReportMerge.merge(List.of(input("a.json", a), input("b.json", b)));

        assertThat(merged.framework()).isEqualTo(whole.framework());
        assertThat(text(merged)).isEqualTo(text(whole));
    }

    @Test
    void capturedAt_isTheEarliestInput() {
        ScanReport whole = ReportFixtures.report();
        String other = ReportFixtures.OTHER_ACCOUNT;
        ScanReport a = accounts(whole, other::equals);
        ScanReport b = accounts(whole, acc -> !acc.equals(other));
        Instant later = whole.capturedAt().plusSeconds(60);
        ScanReport laterB = new ScanReport(b.toolVersion(), later, b.scopes(), b.rules(), b.findings(), b.coverage(),
                b.telemetry(), null, b.catalog());
        assertThat(ReportMerge.merge(List.of(input("b", laterB), input("a", a))).capturedAt())
                .isEqualTo(whole.capturedAt());
    }

    @Test
    void sameScopeInTwoInputs_isRefusedNamingBoth() {
        ScanReport whole = ReportFixtures.report();
        assertThatThrownBy(() -> ReportMerge.merge(List.of(input("shard-1.json", whole), input("shard-2.json",
                whole))))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("merge: overlapping shards: scope ")
                .hasMessageEndingWith("is in both shard-1.json and shard-2.json");
        assertThatThrownBy(() -> ReportMerge.merge(List.of(input("x.json", whole), input("x.json", whole))))
                .hasMessageEndingWith("x.json (given twice)");
    }

    @Test
    void sameFindingInTwoInputs_isRefused() {
        ScanReport whole = ReportFixtures.report();
        ScanReport findingsOnly = new ScanReport(whole.toolVersion(), whole.capturedAt(), List.of(), whole.rules(),
                whole.findings().subList(0, 1), Coverage.of(List.of()), List.of(), null, whole.catalog());
        assertThatThrownBy(() -> ReportMerge.merge(List.of(input("a.json", whole), input("b.json", findingsOnly))))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("merge: overlapping shards: finding " + whole.findings().get(0).id())
                .hasMessageContaining("rule " + whole.findings().get(0).ruleId())
                .hasMessageEndingWith("is in both a.json and b.json");
    }

    @Test
    void differentCatalogDigest_isRefused() {
        ScanReport whole = ReportFixtures.report();
        String other = ReportFixtures.OTHER_ACCOUNT;
        ScanReport a = accounts(whole, other::equals);
        ScanReport b = accounts(whole, acc -> !acc.equals(other));
        CatalogVersion tuned = CatalogVersion.of(b.toolVersion(), b.rules(), EngineSettings.defaults()
                .withParameters(Map.of("rds-backup-retention", Map.of("minRetentionDays", "30"))));
        assertThatThrownBy(() -> ReportMerge.merge(List.of(input("a.json", a), input("b.json",
                b.withCatalog(tuned)))))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("merge: different rule catalog versions: a.json and b.json were evaluated "
                        + "with different rules, severities, parameters or tier-1 tag")
                .hasMessageContaining(a.catalog().digest().substring(0, 12))
                .hasMessageContaining(tuned.digest().substring(0, 12));
    }

    @Test
    void differentToolVersion_isRefused() {
        ScanReport whole = ReportFixtures.report();
        String other = ReportFixtures.OTHER_ACCOUNT;
        ScanReport a = accounts(whole, other::equals);
        ScanReport b = accounts(whole, acc -> !acc.equals(other));
        ScanReport older = b.withCatalog(CatalogVersion.ofDefaults("0.0.9", b.rules()));
        assertThatThrownBy(() -> ReportMerge.merge(List.of(input("a.json", a), input("b.json", older))))
                .isInstanceOf(InputException.class)
                .hasMessage("merge: different rule catalog versions: a.json was evaluated by relyscan "
                        + ReportFixtures.TOOL_VERSION + ", b.json by relyscan 0.0.9; scan every shard with the "
                        + "same relyscan release");
    }

    @Test
    void frameworkViewInOneInputOnly_isRefused() {
        ScanReport whole = FrameworkFixtures.report();
        String other = ReportFixtures.OTHER_ACCOUNT;
        ScanReport a = accounts(whole, other::equals);
        ScanReport b = accounts(whole, acc -> !acc.equals(other)).withFramework(null);
        assertThatThrownBy(() -> ReportMerge.merge(List.of(input("a.json", a), input("b.json", b))))
                .isInstanceOf(InputException.class)
                .hasMessage("merge: a.json is grouped by framework wa-reliability but b.json by none; scan every "
                        + "shard with the same --framework");
    }

    @Test
    void tier1Selector_changesTheDigest() {
        ScanReport whole = ReportFixtures.report();
        CatalogVersion plain = CatalogVersion.ofDefaults("1", whole.rules());
        CatalogVersion tier1 = CatalogVersion.of("1", whole.rules(), EngineSettings.defaults()
                .withTier1(Tier1Selector.anyValueOf("criticality")));
        assertThat(tier1.digest()).isNotEqualTo(plain.digest());
        assertThat(CatalogVersion.ofDefaults("1", reversed(whole.rules()))).isEqualTo(plain);
    }

    @Test
    void files_mixedKindsAreRefusedNamingTheFiles() throws Exception {
        ScanReport whole = ReportFixtures.report();
        Path report = Files.write(tmp.resolve("report.json"), JSON.render(whole));
        Path snapshot = Files.write(tmp.resolve("inventory.json"), InventorySnapshots.toJson(ReportFixtures.inventory()));
        assertThat(ShardInputs.kindOf(List.of(report))).isEqualTo(ShardInputs.Kind.SCAN_REPORT);
        assertThat(ShardInputs.kindOf(List.of(snapshot))).isEqualTo(ShardInputs.Kind.INVENTORY_SNAPSHOT);
        assertThatThrownBy(() -> ShardInputs.kindOf(List.of(report, snapshot)))
                .isInstanceOf(InputException.class)
                .hasMessage("merge: the inputs mix inventory snapshots (" + snapshot + ") and scan reports (" + report
                        + "); merge the shards' inventory snapshots or their JSON reports, not both");
        Path other = Files.writeString(tmp.resolve("other.json"), "{\"kind\": \"something\"}");
        assertThatThrownBy(() -> ShardInputs.kindOf(List.of(other)))
                .hasMessage(other + ":1:10: kind: expected \"relyscan-inventory\" (an inventory snapshot) or "
                        + "\"relyscan-report\" (a scan report), got the string \"something\"");
        assertThatThrownBy(() -> ShardInputs.kindOf(List.of(tmp.resolve("missing.json"))))
                .hasMessage(tmp.resolve("missing.json") + ": not found (no such file)");
    }

    @Test
    void files_reportsAreReadAndMerged() throws Exception {
        ScanReport whole = ReportFixtures.report();
        String other = ReportFixtures.OTHER_ACCOUNT;
        Path a = Files.write(tmp.resolve("a.json"), JSON.render(accounts(whole, other::equals)));
        Path b = Files.write(tmp.resolve("b.json"), JSON.render(accounts(whole, acc -> !acc.equals(other))));
        assertThat(text(ShardInputs.readAndMergeReports(List.of(b, a)))).isEqualTo(text(whole));
    }
}
