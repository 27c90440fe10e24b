package io.relyscan.report;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import java.nio.file.Files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsoleReporterTest {
    private static final String SGR = "\u001b\\[[0-9;]*m";

    @Test
    void reporter_namesItsFormatAndFile() {
        ConsoleReporter reporter = new ConsoleReporter(ConsoleStyle.plain());
        assertThat(reporter.format()).isEqualTo("console");
        assertThat(reporter.defaultFileName()).isEqualTo("relyscan-report.txt");
    }

    @Test
    void plainStyle_isUncolouredHundredColumnsFailingOnHigh() {
        assertThat(ConsoleStyle.plain()).isEqualTo(new ConsoleStyle(false, 100, Severity.HIGH));
        assertThatThrownBy(() -> new ConsoleStyle(false, 19, Severity.HIGH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 20");
    }

    @ParameterizedTest
    @ValueSource(ints = {20, 33, 40, 60, 80, 100, 140})
    void everyLine_fitsTheWidth_plainAndColoured(int width) {
        for (ScanReport report : List.of(ReportFixtures.report(), longNames())) {
            for (boolean color : new boolean[] {false, true}) {
                String text = render(report, new ConsoleStyle(color, width, Severity.MEDIUM));
                assertThat(text.lines()).allSatisfy(line -> {
                    String visible = line.replaceAll(SGR, "");
                    assertThat(visible.codePointCount(0, visible.length())).as("line %s", line)
                            .isLessThanOrEqualTo(width);
                });
            }
        }
    }

    @Test
    void longTexts_areCutWithAnEllipsis() {
        String text = render(longNames(), ConsoleStyle.plain());
        assertThat(text).contains("\u2026");
        assertThat(text.lines().filter(l -> l.startsWith("  db-")).toList()).allSatisfy(line ->
                assertThat(line).hasSize(100).endsWith("\u2026"));
    }

    @Test
    void plainOutput_containsNoEscapeOrControlCharacter() {
        String text = render(ReportFixtures.report(), ConsoleStyle.plain());
        assertThat(text.chars()).noneMatch(c -> c < 0x20 && c != '\n');
        assertThat(text.chars()).noneMatch(c -> c >= 0x7f && c <= 0x9f);
        assertThat(text).doesNotContain("\u001b").doesNotContain("\u202e").doesNotContain("\u2028");
    }

    @Test
    void colouredOutput_isThePlainOutputWithSgrCodesAdded() {
        ScanReport report = ReportFixtures.report();
        String coloured = render(report, new ConsoleStyle(true, 100, Severity.HIGH));
        assertThat(coloured).contains("\u001b[1;31m[CRITICAL]\u001b[0m").contains("\u001b[31m[HIGH]\u001b[0m")
                .contains("\u001b[33m[MEDIUM]\u001b[0m").contains("\u001b[36m[LOW]\u001b[0m");
        assertThat(coloured.replaceAll(SGR, "")).isEqualTo(render(report, ConsoleStyle.plain()));
    }

    @Test
    void hostileNamesAndMessages_cannotForgeLinesOrColours() {
        String plain = render(ReportFixtures.report(), ConsoleStyle.plain());
        String coloured = render(ReportFixtures.report(), new ConsoleStyle(true, 100, Severity.HIGH));
        assertThat(plain.lines()).noneMatch(l -> l.startsWith("[PASS]")).noneMatch(l -> l.contains("forged line")
                && !l.contains("single-AZ"));
        assertThat(plain).contains("  NEW evil\uFFFD-db  [PASS] all clear\uFFFD  ");
        assertThat(plain).doesNotContain("pwned").doesNotContain("\u0007");
        // The only escape sequences in colour mode are the reporter's own SGR codes.
        assertThat(coloured.replaceAll(SGR, "")).doesNotContain("\u001b");
        assertThat(plain.lines().count()).isEqualTo(coloured.lines().count());
    }

    @Test
    void failures_areGroupedByRule_mostSevereFirst() {
        List<String> headers = render(ReportFixtures.report(), ConsoleStyle.plain()).lines()
                .filter(l -> l.startsWith("[")).toList();
        assertThat(headers).containsExactly(
                "[CRITICAL] backup-plan-covers-rds \u2014 RDS instance is protected by an AWS Backup plan (1)",
                "[HIGH] asg-multi-az \u2014 Auto Scaling group spans several availability zones (1)",
                "[HIGH] rds-instance-multi-az \u2014 RDS instance is Multi-AZ (3)",
                "[MEDIUM] rds-backup-retention \u2014 RDS automated backups are kept long enough (1)",
                "[LOW] alarm-has-action \u2014 Alarm notifies someone when it fires (1)",
                "[LOW] config-recorder-enabled \u2014 AWS Config records configuration changes (1)",
                "[CRITICAL] backup-plan-covers-rds \u2014 RDS instance is protected by an AWS Backup plan (1)",
                "[LOW] alarm-has-action \u2014 Alarm notifies someone when it fires (1)",
                "[CRITICAL] backup-plan-covers-rds \u2014 RDS instance is protected by an AWS Backup plan (1)");
    }

    @Test
    void waivedFindings_areListedWithTheirWaiver_andExpiredAndUnusedWaiversAreReported() {
        String text = render(ReportFixtures.report(), ConsoleStyle.plain());
        assertThat(text).contains("\nWaived (1)\n----------\n[CRITICAL] backup-plan-covers-rds")
                .contains("  NEW reports-db  111122223333/eu-west-1  no backup plan selects this instance\n"
                        + "        waived by WAIVER-12 (waivers.yaml:2), owner data-platform@example.com, expires "
                        + "2027-01-31\n"
                        + "        reason: Reporting replica, rebuilt nightly from orders-db; it is never restored.\n")
                .contains("      web-asg  111122223333/us-east-1  runs in 1 availability zone")
                .contains("        waiver expired: waivers.yaml:10, owner web-team, expired 2026-10-31\n")
                .contains("\nWaivers (3)\n-----------\n  1 in use (1 finding waived), 1 expired, 1 unused\n"
                        + "  EXPIRED waivers.yaml:10: rule asg-multi-az, owner web-team, expired 2026-10-31\n"
                        + "          1 failing finding no longer waived (FAIL again); renew the waiver or fix them\n"
                        + "  UNUSED  <script>alert('w')</script> (waivers.yaml:16): rule alarm-has-action, owner "
                        + "\uFFFDops\uFFFD <team@e\u2026\n");
        String coloured = render(ReportFixtures.report(), new ConsoleStyle(true, 100, Severity.HIGH));
        assertThat(coloured).contains("  \u001b[1;33mEXPIRED\u001b[0m waivers.yaml:10")
                .contains("        \u001b[1;33mwaiver expired:\u001b[0m waivers.yaml:10");
    }

    @Test
    void baseline_givesCountsSource_marksNewFailures_andListsResolvedAndNotRechecked() {
        String text = render(ReportFixtures.report(), ConsoleStyle.plain());
        assertThat(text).contains("Fail-on:   HIGH: 5 failing findings at or above it (3 new)\n"
                        + "Baseline:  7 new, 2 persisting, 2 resolved, 1 not rechecked\n"
                        + "           vs baseline/relyscan-report.json captured 2026-11-21T12:00:00Z\n")
                .contains("  NEW orders-db  111122223333/us-east-1  no backup plan selects this instance\n")
                .contains("\n      orders-db                    111122223333/us-east-1  single-AZ instance")
                .contains("\nResolved since the baseline (2)\n-------------------------------\n"
                        + "  rds-instance-multi-az  billing-db  111122223333/us-east-1  now PASS\n"
                        + "  rds-instance-multi-az  old-db  111122223333/us-east-1  resource gone\n")
                .contains("\nNot rechecked (1)\n")
                .contains("  rds-instance-multi-az  mumbai-db  111122223333/ap-south-1\n");
        // Without a baseline there is no mark column and no baseline section.
        String unwaived = render(ReportFixtures.unwaivedReport(), ConsoleStyle.plain());
        assertThat(unwaived).doesNotContain("NEW").doesNotContain("Baseline").doesNotContain("Resolved")
                .doesNotContain("Waive").contains("\n  orders-db   111122223333/us-east-1  no backup plan");
    }

    @Test
    void hostileWaiverText_isSanitized_andTheReasonWrappedNotCut() {
        ScanReport report = ReportFormatsTestSupport.hostileWaiverReport();
        String plain = render(report, new ConsoleStyle(false, 60, Severity.HIGH));
        String coloured = render(report, new ConsoleStyle(true, 60, Severity.HIGH));
        assertThat(plain).doesNotContain("\u001b").doesNotContain("\u0007");
        assertThat(coloured.replaceAll(SGR, "")).isEqualTo(plain);
        assertThat(plain.lines()).allSatisfy(l -> assertThat(l.codePointCount(0, l.length())).isLessThanOrEqualTo(60));
        assertThat(wrappedBlock(plain, "waived by ")).isEqualTo("waived by <script>alert('w')</script> "
                + "(waivers.yaml:16), owner \uFFFDops\uFFFD <team@example.com>, no expiry");
        assertThat(wrappedBlock(plain, "reason: "))
                .isEqualTo("reason: " + report.waivers().get(0).waiver().reason());
    }

    /** The first block that starts with {@code start} (after the 4-space indent), its 6-space lines joined. */
    private static String wrappedBlock(String text, String start) {
        List<String> lines = text.lines().toList();
        int first = 0;
        while (!lines.get(first).startsWith("    " + start)) {
            first++;
        }
        StringBuilder block = new StringBuilder(lines.get(first).strip());
        for (int i = first + 1; i < lines.size() && lines.get(i).startsWith("      "); i++) {
            block.append(' ').append(lines.get(i).strip());
        }
        return block.toString();
    }

    @Test
    void sections_forErrorsAndMissingCoverage_arePresentWhenNeeded() {
        String text = render(ReportFixtures.report(), ConsoleStyle.plain());
        assertThat(text).contains("\nFailing findings (8)\n").contains("\nCould not evaluate (2)\n")
                .contains("\nNot collected (2)\n")
                .contains("  444455556666/us-east-1/backup: FAILED\n    Describe: ACCESS_DENIED \u2014 injected by test\n")
                .contains("Status:    INCOMPLETE: 2 services not fully collected, 2 findings not evaluated")
                .contains("Fail-on:   HIGH: 5 failing findings at or above it");
    }

    @Test
    void cleanReport_saysSoAndHasNoErrorSections() {
        String text = render(ReportFixtures.cleanReport(), ConsoleStyle.plain());
        assertThat(text).contains("Status:    COMPLETE").contains("  No failing findings.")
                .doesNotContain("Could not evaluate").doesNotContain("Not collected").doesNotContain("API calls");
    }

    @Test
    void render_isDeterministic() {
        ConsoleReporter reporter = new ConsoleReporter(new ConsoleStyle(true, 100, Severity.LOW));
        assertThat(reporter.render(ReportFixtures.report())).isEqualTo(reporter.render(ReportFixtures.report()));
    }

    @Test
    void write_streamsTheBytesRenderGives_aBufferAtATime_flushesAndLeavesTheStreamOpen() throws Exception {
        ConsoleReporter reporter = new ConsoleReporter(new ConsoleStyle(true, 100, Severity.HIGH));
        StreamingTestSupport.RecordingStream out = new StreamingTestSupport.RecordingStream();
        reporter.write(ReportFixtures.report(), out);
        assertThat(out.bytes.toByteArray()).isEqualTo(reporter.render(ReportFixtures.report()))
                .isEqualTo(Files.readAllBytes(Golden.file("console-color.txt")));
        assertThat(out.flushedLast).isTrue();
        assertThat(out.closed).isFalse();

        ScanReport big = StreamingTestSupport.manyFindings(2000);
        StreamingTestSupport.RecordingStream bigOut = new StreamingTestSupport.RecordingStream();
        reporter.write(big, bigOut);
        assertThat(bigOut.bytes.toByteArray()).isEqualTo(reporter.render(big));
        assertThat(bigOut.bytes.size()).isGreaterThan(128 * 1024);
        assertThat(bigOut.largestWrite).isLessThanOrEqualTo(64 * 1024);
        assertThat(bigOut.flushedLast).isTrue();
        assertThat(bigOut.closed).isFalse();
    }

    @Test
    void print_givesStdoutTheTextRenderGives_inItsOwnCharset_andLeavesItOpen() {
        ConsoleReporter reporter = new ConsoleReporter(ConsoleStyle.plain());
        for (ScanReport report : List.of(ReportFixtures.report(), StreamingTestSupport.manyFindings(2000))) {
            String text = new String(reporter.render(report), StandardCharsets.UTF_8);
            for (java.nio.charset.Charset charset : List.of(StandardCharsets.UTF_8, StandardCharsets.US_ASCII)) {
                StreamingTestSupport.RecordingStream printed = new StreamingTestSupport.RecordingStream();
                reporter.print(report, new java.io.PrintStream(printed, true, charset));
                java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
                new java.io.PrintStream(expected, true, charset).print(text);
                assertThat(printed.bytes.toByteArray()).isEqualTo(expected.toByteArray());
                assertThat(printed.closed).isFalse();
            }
        }
    }

    /** Names and messages far wider than any terminal. */
    private static ScanReport longNames() {
        InventoryFixture fixture = InventoryFixture.create();
        for (int i = 0; i < 3; i++) {
            fixture.dbInstance("db-" + i + "-" + "x".repeat(150), db -> db.multiAz(false));
        }
        Inventory inv = fixture.build();
        RuleContext ctx = RuleContext.withDefaults(ReportFixtures.RDS_MULTI_AZ, inv);
        List<Finding> findings = inv.all(DbInstance.class).stream()
                .map(db -> ctx.on(db).fail("single-AZ " + "because ".repeat(40))).toList();
        return ScanReport.of("9.9.9-" + "v".repeat(200), inv, List.of(ReportFixtures.RDS_MULTI_AZ), findings);
    }

    private static String render(ScanReport report, ConsoleStyle style) {
        return new String(new ConsoleReporter(style).render(report), StandardCharsets.UTF_8);
    }
}
