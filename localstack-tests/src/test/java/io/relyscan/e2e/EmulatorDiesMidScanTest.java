package io.relyscan.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.relyscan.e2e.ScanEndToEndTest.R01;
import static io.relyscan.e2e.ScanEndToEndTest.R02;
import static io.relyscan.e2e.ScanEndToEndTest.R03;
import static io.relyscan.e2e.ScanEndToEndTest.R04;
import static io.relyscan.e2e.ScanEndToEndTest.R05;
import static io.relyscan.e2e.ScanEndToEndTest.R06;
import static io.relyscan.e2e.ScanEndToEndTest.R07;
import static io.relyscan.e2e.ScanEndToEndTest.R08;
import static io.relyscan.e2e.ScanEndToEndTest.R09;
import static io.relyscan.e2e.ScanEndToEndTest.R10;
import static io.relyscan.e2e.ScanEndToEndTest.R11;
import static io.relyscan.e2e.ScanEndToEndTest.R12;
import static io.relyscan.e2e.ScanEndToEndTest.R13;
import static io.relyscan.e2e.ScanEndToEndTest.R14;
import static io.relyscan.e2e.ScanEndToEndTest.R15;
import static io.relyscan.e2e.ScanEndToEndTest.R16;
import static io.relyscan.e2e.ScanEndToEndTest.R17;
import static io.relyscan.e2e.ScanEndToEndTest.R18;
import static io.relyscan.e2e.ScanEndToEndTest.R19;
import static io.relyscan.e2e.ScanEndToEndTest.R20;
import static io.relyscan.e2e.ScanEndToEndTest.R21;
import static io.relyscan.e2e.ScanEndToEndTest.R22;
import static io.relyscan.e2e.ScanEndToEndTest.R23;
import static io.relyscan.e2e.ScanEndToEndTest.R24;
import static io.relyscan.e2e.ScanEndToEndTest.R25;
import static io.relyscan.e2e.ScanEndToEndTest.R26;
import static io.relyscan.e2e.ScanEndToEndTest.R27;
import static io.relyscan.e2e.ScanEndToEndTest.R28;
import static io.relyscan.e2e.ScanEndToEndTest.R29;
import static io.relyscan.e2e.ScanEndToEndTest.R30;
import static io.relyscan.e2e.ScanEndToEndTest.R31;
import static io.relyscan.e2e.ScanEndToEndTest.R32;
import static io.relyscan.e2e.ScanEndToEndTest.R33;
import static io.relyscan.e2e.ScanEndToEndTest.R34;
import static io.relyscan.e2e.ScanEndToEndTest.R35;
import static io.relyscan.e2e.ScanEndToEndTest.R36;
import static io.relyscan.e2e.ScanEndToEndTest.R37;
import static io.relyscan.e2e.ScanEndToEndTest.R38;
import static io.relyscan.e2e.ScanEndToEndTest.R39;
import static io.relyscan.e2e.ScanEndToEndTest.R40;
import static io.relyscan.e2e.ScanEndToEndTest.R41;
import static io.relyscan.e2e.ScanEndToEndTest.R42;
import static io.relyscan.e2e.ScanEndToEndTest.R43;
import static io.relyscan.e2e.ScanEndToEndTest.R44;
import static io.relyscan.e2e.ScanEndToEndTest.R45;
import static io.relyscan.e2e.ScanEndToEndTest.R46;
import static io.relyscan.e2e.ScanEndToEndTest.R47;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulator is killed while the scan runs (the overlay kills it when a request past the first few arrives).
 * The scan must say it is incomplete: exit code 3, complete=false, and for every (region, service) that was not
 * completely collected, the rules reading that service say ERROR there and never PASS.
 */
class EmulatorDiesMidScanTest {
    /** Requests let through before the emulator dies: the caller identity and a few collection calls. */
    private static final int REQUESTS_BEFORE_DEATH = 6;

    /**
     * The services each rule reads at the least, from the catalog's API and resource columns. The rules may
     * declare more (the test checks they declare at least these) and the ERROR check uses what they declare.
     */
    static final Map<String, Set<String>> RULE_INPUTS = Map.ofEntries(
            Map.entry(R01, Set.of("rds")),
            Map.entry(R02, Set.of("rds")),
            Map.entry(R03, Set.of("rds")),
            Map.entry(R04, Set.of("rds")),
            Map.entry(R05, Set.of("rds")),
            Map.entry(R06, Set.of("rds", "cloudwatch")),
            Map.entry(R07, Set.of("rds")),
            Map.entry(R08, Set.of("rds")),
            Map.entry(R09, Set.of("rds", "backup")),
            Map.entry(R10, Set.of("rds")),
            Map.entry(R11, Set.of("rds")),
            Map.entry(R12, Set.of("autoscaling", "ec2")),
            Map.entry(R13, Set.of("autoscaling")),
            Map.entry(R14, Set.of("autoscaling")),
            Map.entry(R15, Set.of("autoscaling")),
            Map.entry(R16, Set.of("autoscaling")),
            Map.entry(R17, Set.of("autoscaling", "elb", "elbv2")),
            Map.entry(R18, Set.of("autoscaling")),
            Map.entry(R19, Set.of("autoscaling", "ec2")),
            Map.entry(R20, Set.of("ec2")),
            Map.entry(R21, Set.of("ec2", "cloudwatch")),
            Map.entry(R22, Set.of("ec2")),
            Map.entry(R23, Set.of("ec2")),
            Map.entry(R24, Set.of("ec2")),
            Map.entry(R25, Set.of("elb", "elbv2")),
            Map.entry(R26, Set.of("elb", "elbv2")),
            Map.entry(R27, Set.of("elb", "elbv2", "ec2")),
            Map.entry(R28, Set.of("elb", "elbv2")),
            Map.entry(R29, Set.of("elbv2")),
            Map.entry(R30, Set.of("elb", "elbv2")),
            Map.entry(R31, Set.of("cloudwatch")),
            Map.entry(R32, Set.of("cloudwatch")),
            Map.entry(R33, Set.of("cloudwatch", "sns", "autoscaling")),
            Map.entry(R34, Set.of("cloudwatch")),
            Map.entry(R35, Set.of("cloudwatch", "rds", "elbv2", "autoscaling")),
            Map.entry(R36, Set.of("backup", "rds", "ec2")),
            Map.entry(R37, Set.of("backup")),
            Map.entry(R38, Set.of("backup")),
            Map.entry(R39, Set.of("backup", "rds", "ec2")),
            Map.entry(R40, Set.of("backup", "rds", "ec2")),
            Map.entry(R41, Set.of("backup")),
            Map.entry(R42, Set.of("backup")),
            Map.entry(R43, Set.of("backup")),
            Map.entry(R44, Set.of("backup")),
            Map.entry(R45, Set.of("backup")),
            Map.entry(R46, Set.of("backup")),
            Map.entry(R47, Set.of("config")));

    private Emulator emulator;
    private BackupOverlay overlay;

    @AfterEach
    void stop() {
        if (overlay != null) {
            overlay.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void scan_whenTheEmulatorDies_isIncomplete_andNeverPassesWhatItCouldNotSee(@TempDir Path out) {
        emulator = Emulator.start();
        overlay = BackupOverlay.start(emulator.endpoint());
        DemoAccountScenario.build(emulator, overlay);
        overlay.onRequestNumber(overlay.requestCount() + REQUESTS_BEFORE_DEATH, emulator::kill);

        Cli.Run scan = Cli.run(Map.of(), "scan", "--endpoint-url", overlay.endpoint().toString(),
                "--region", ScanEndToEndTest.E1, "--region", ScanEndToEndTest.W1, "--output-dir", out.toString(),
                "--format", "json,console", "--deadline", "20s", "--no-color");

        System.out.println(scan);
        assertThat(emulator.isAlive()).as("the emulator was killed during the scan").isFalse();
        assertThat(scan.exitCode()).as("exit code of an incomplete scan\n" + scan).isEqualTo(3);
        assertThat(scan.out().toLowerCase(Locale.ROOT)).as("console output\n" + scan).contains("incomplete");

        ReportJson report = ReportJson.read(out);
        assertThat(report.complete()).isFalse();
        List<ReportJson.CoverageRow> incomplete = report.coverage().stream()
                .filter(c -> !c.status().equals("COMPLETE")).toList();
        assertThat(incomplete).as("coverage entries left incomplete by the dead endpoint").isNotEmpty();
        incomplete.forEach(c -> System.out.println("incomplete: " + c));

        // Every rule declares at least the services the catalog says it reads; the check below then uses
        // what the rules declare.
        Map<String, Set<String>> declared = report.ruleInputs();
        assertThat(declared).containsOnlyKeys(RULE_INPUTS.keySet());
        RULE_INPUTS.forEach((rule, minimum) -> assertThat(declared.get(rule)).as(rule + " inputs")
                .containsAll(minimum));

        List<ReportJson.Row> findings = report.findings();
        for (ReportJson.CoverageRow gap : incomplete) {
            declared.forEach((rule, inputs) -> {
                if (!inputs.contains(gap.service())) {
                    return;
                }
                List<ReportJson.Row> inScope = findings.stream()
                        .filter(f -> f.ruleId().equals(rule) && f.region().equals(gap.region())).toList();
                String what = rule + " in " + gap.region() + " (" + gap.service() + " " + gap.status() + ")";
                assertThat(inScope).as(what + " has an ERROR finding").anySatisfy(f ->
                        assertThat(f.outcome()).isEqualTo("ERROR"));
                assertThat(inScope).as(what + ": every finding is ERROR, none PASS")
                        .allSatisfy(f -> assertThat(f.outcome()).as(f.key()).isEqualTo("ERROR"));
                assertThat(inScope).as(what + " has a scope-level ERROR finding").anySatisfy(f -> {
                    assertThat(f.type()).isEqualTo("Region");
                    assertThat(f.name()).isEqualTo(gap.region());
                });
            });
        }
    }
}
