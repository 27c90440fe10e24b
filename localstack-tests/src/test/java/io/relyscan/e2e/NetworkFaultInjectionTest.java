package io.relyscan.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.relyscan.e2e.ScanEndToEndTest.E1;
import static io.relyscan.e2e.ScanEndToEndTest.W1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Network-level faults injected by {@link FaultProxy} between the real CLI and the demo account
 * ({@link DemoAccountScenario} in moto behind the {@link BackupOverlay}): random throttling, a throttle storm on
 * one service, bursts of 500/503, connection resets and responses slower than the attempt timeout. Every one of
 * them is transient, so each scan must end exactly as the clean scan of the same account through the same proxy
 * (whose findings are first checked against {@link ScanEndToEndTest#expectedFindings}): the same findings, every
 * coverage entry COMPLETE (so nothing is PASS that was not fully seen), the same exit code, and a bound on the
 * attempts, derived from {@code RetrySettings.defaults()} (4 attempts per call): a call's attempts are its one
 * clean attempt plus one per fault it absorbed, so the proxy sees exactly the clean scan's requests plus one per
 * fault it injected.
 */
class NetworkFaultInjectionTest {
    private static final String STORM_SERVICE = "backup";
    private static final double STORM_RATE = 2.0;
    private static final Duration STORM = Duration.ofSeconds(20);

    private static Emulator emulator;
    private static BackupOverlay overlay;
    private static FaultProxy proxy;
    private static ReportJson clean;
    private static Cli.Run cleanRun;
    private static int cleanRequests;

    @TempDir
    static Path work;

    @BeforeAll
    static void buildAccountAndScanItClean() {
        emulator = Emulator.start();
        assumeTrue(emulator.backend().equals("moto"), "the fault cases compare with the full moto scenario");
        overlay = BackupOverlay.start(emulator.endpoint());
        DemoAccountScenario.Built built = DemoAccountScenario.build(emulator, overlay);
        proxy = FaultProxy.start(overlay.endpoint());

        long start = System.nanoTime();
        cleanRun = scan(work.resolve("clean"));
        clean = ReportJson.read(work.resolve("clean"));
        cleanRequests = proxy.totalAttempts();
        assertThat(cleanRun.exitCode()).as(cleanRun.toString()).isEqualTo(1);
        assertThat(clean.complete()).isTrue();
        ScanEndToEndTest.assertFindings(clean.findings(), ScanEndToEndTest.expectedFindings(
                built.instanceIdsByAsg(), built.standaloneInstanceIds(), built.volumeIds()));
        System.out.println("[fault case] requests of the clean scan by call: " + proxy.attemptsByCall());
        record("clean", cleanRun, clean, start);
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (overlay != null) {
            overlay.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @BeforeEach
    void resetProxy() {
        proxy.clearRules();
        proxy.resetCounts();
    }

    @Test
    void thirtyPercentOfCallsThrottledAtRandom_scanEqualsTheCleanOne() {
        proxy.inject(FaultRule.matching(null, null, null).respond(FaultRule.Kind.THROTTLE).probability(0.3).seed(30));

        long start = System.nanoTime();
        Path out = work.resolve("throttled-30");
        Cli.Run run = scan(out);
        ReportJson report = ReportJson.read(out);

        assertSameAsClean(run, report);
        int faults = proxy.faultsInjected();
        assertThat(faults).as("throttles injected").isPositive();
        // Each throttle costs exactly one more attempt (no call ran out of its 10 throttled attempts), so the
        // attempts are the clean ones divided by the share of attempts let through: 1 / 0.7 = 1.43 x clean on
        // average. The proxy draws from Random(30) in arrival order and every request draws once, so the count is
        // the same on every run (174 for 106 clean requests: this seed's draws run high, 39 % throttled); the
        // bound, 1.8 x clean, is 4.4 standard deviations above the mean over all seeds.
        assertThat(proxy.totalAttempts()).isEqualTo(cleanRequests + faults)
                .isLessThanOrEqualTo((int) (cleanRequests * 1.8));
        List<ReportTelemetry> all = ReportTelemetry.all(report);
        assertThat(all.stream().mapToLong(ReportTelemetry::throttles).sum()).as("throttles in the report's telemetry")
                .isEqualTo(faultsOnInventoryServices(null));
        assertThat(all.stream().mapToLong(ReportTelemetry::retries).sum()).as("retries in the report's telemetry")
                .isEqualTo(faultsOnInventoryServices(null));
        record("30% throttled at random", run, report, start);
    }

    @Test
    void throttleStormOnOneServiceFor20Seconds_rateLimiterBacksOff_andTheScanEqualsTheCleanOne() {
        // For 20 s AWS Backup throttles, per region, every request beyond 2 per second, as AWS throttles a caller
        // that exceeds its rate. A client that kept its initial 20 calls/s would see 9 of 10 attempts throttled.
        proxy.inject(FaultRule.matching(STORM_SERVICE, null, null).respond(FaultRule.Kind.THROTTLE)
                .aboveRate(STORM_RATE).forDuration(STORM));

        long start = System.nanoTime();
        Path out = work.resolve("storm");
        Cli.Run run = scan(out);
        ReportJson report = ReportJson.read(out);

        assertSameAsClean(run, report);
        int faults = proxy.faultsInjected();
        assertThat(faults).as("throttles injected").isPositive();
        assertThat(proxy.totalAttempts()).isEqualTo(cleanRequests + faults);
        for (String region : List.of(E1, W1)) {
            ReportTelemetry t = ReportTelemetry.of(report, region, STORM_SERVICE);
            long throttled = proxy.log().stream().filter(a -> a.fault() != null && a.call().region().equals(region))
                    .count();
            assertThat(t.throttles()).as("throttles of " + region + "/backup in the report").isEqualTo(throttled);
            assertThat(t.retries()).as("retries of " + region + "/backup in the report").isEqualTo(throttled);
            assertThat(t.errorsByKind()).isEqualTo(throttled == 0 ? Map.of() : Map.of("THROTTLED", throttled));
        }
        assertThat(ReportTelemetry.of(report, E1, STORM_SERVICE).throttles()).as("the storm hit " + E1).isPositive();
        List<FaultProxy.Attempt> storm = proxy.log().stream()
                .filter(a -> a.call().service().equals(STORM_SERVICE) && a.call().region().equals(E1)).toList();
        System.out.println("[fault case] storm attempts of " + E1 + "/backup per second (throttled): "
                + perSecond(storm));
        long throttledInE1 = storm.stream().filter(a -> a.fault() != null).count();
        assertThat(throttledInE1).as("throttled share of the attempts: the limiter slowed down (a client that kept "
                + "its initial 20 calls/s would see 90 % throttled)").isLessThanOrEqualTo(storm.size() / 2);
        Map<Long, long[]> bySecond = bySecond(storm);
        bySecond.remove(0L);
        bySecond.forEach((second, n) -> assertThat(n[0]).as("attempts in second " + second + " of the storm, "
                + "after the limiter halved its rate: under a third of the initial 20/s").isLessThanOrEqualTo(6));
        record("throttle storm on backup for 20 s", run, report, start);
    }

    @Test
    void bursts_of500And503_areRetried_andTheScanEqualsTheCleanOne() {
        // Bursts of three in a row (fewer than the 4 attempts of one call, so no call can lose all of its).
        proxy.inject(FaultRule.matching(null, null, null).respond(FaultRule.Kind.HTTP_503).afterRequests(10)
                .limit(3));
        proxy.inject(FaultRule.matching(null, null, null).respond(FaultRule.Kind.HTTP_500).afterRequests(40)
                .limit(3));
        proxy.inject(FaultRule.matching(null, null, null).respond(FaultRule.Kind.HTTP_503).afterRequests(80)
                .limit(3));

        long start = System.nanoTime();
        Path out = work.resolve("5xx");
        Cli.Run run = scan(out);
        ReportJson report = ReportJson.read(out);

        assertSameAsClean(run, report);
        assertThat(proxy.faultsInjected()).isEqualTo(9);
        assertThat(proxy.totalAttempts()).isEqualTo(cleanRequests + 9);
        Map<String, Long> errors = ReportTelemetry.errorsByKind(report);
        assertThat(errors).as("failed attempts by kind").isEqualTo(Map.of("SERVICE_ERROR",
                faultsOnInventoryServices(null)));
        record("bursts of 500/503", run, report, start);
    }

    @Test
    void connectionResets_areRetried_andTheScanEqualsTheCleanOne() {
        proxy.inject(FaultRule.matching(null, null, null).respond(FaultRule.Kind.CONNECTION_RESET).afterRequests(5)
                .limit(3));
        proxy.inject(FaultRule.matching(null, null, null).respond(FaultRule.Kind.CONNECTION_RESET).afterRequests(80)
                .limit(3));

        long start = System.nanoTime();
        Path out = work.resolve("resets");
        Cli.Run run = scan(out);
        ReportJson report = ReportJson.read(out);

        assertSameAsClean(run, report);
        assertThat(proxy.faultsInjected()).isEqualTo(6);
        assertThat(proxy.totalAttempts()).isEqualTo(cleanRequests + 6);
        assertThat(ReportTelemetry.errorsByKind(report)).as("failed attempts by kind")
                .isEqualTo(Map.of("ENDPOINT_UNREACHABLE", faultsOnInventoryServices(null)));
        record("connection resets", run, report, start);
    }

    @Test
    void responsesSlowerThanTheAttemptTimeout_timeOut_areRetried_andTheScanEqualsTheCleanOne() {
        proxy.inject(FaultRule.matching("rds", E1, "DescribeDBInstances").delayedBy(Duration.ofSeconds(4)).limit(2));
        proxy.inject(FaultRule.matching("ec2", W1, "DescribeInstances").delayedBy(Duration.ofSeconds(4)).limit(1));

        long start = System.nanoTime();
        Path out = work.resolve("slow");
        Cli.Run run = scan(out, "--attempt-timeout", "1s", "--call-timeout", "20s");
        ReportJson report = ReportJson.read(out);

        assertSameAsClean(run, report);
        assertThat(proxy.faultsInjected()).isEqualTo(3);
        assertThat(proxy.totalAttempts()).isEqualTo(cleanRequests + 3);
        assertThat(ReportTelemetry.of(report, E1, "rds").errorsByKind()).isEqualTo(Map.of("TIMEOUT", 2L));
        assertThat(ReportTelemetry.of(report, E1, "rds").retries()).isEqualTo(2);
        assertThat(ReportTelemetry.of(report, W1, "ec2").errorsByKind()).isEqualTo(Map.of("TIMEOUT", 1L));
        assertThat(ReportTelemetry.errorsByKind(report)).isEqualTo(Map.of("TIMEOUT", 3L));
        record("responses slower than the attempt timeout", run, report, start);
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Cli.Run scan(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("scan", "--endpoint-url", proxy.endpoint().toString(),
                "--region", E1, "--region", W1, "--output-dir", out.toString(), "--format", "json",
                "--deadline", "2m"));
        args.addAll(List.of(extra));
        return Cli.run(Map.of(), args.toArray(String[]::new));
    }

    /**
     * A scan whose faults were all absorbed: the clean scan's exit code and findings, every coverage entry
     * COMPLETE, and (belt and braces) no rule PASSes anything in a region where one of its inputs is incomplete.
     */
    private static void assertSameAsClean(Cli.Run run, ReportJson report) {
        // Gaps first: their reasons and details are what a failure here needs to be explained.
        assertThat(incomplete(report)).as("coverage entries not COMPLETE (run: %s)", run).isEmpty();
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(cleanRun.exitCode());
        assertThat(report.complete()).isTrue();
        assertThat(keys(report.findings())).isEqualTo(keys(clean.findings()));
        assertNothingIncompleteIsPass(report);
    }

    private static void assertNothingIncompleteIsPass(ReportJson report) {
        Map<String, Set<String>> inputs = report.ruleInputs();
        Set<String> incomplete = incomplete(report).keySet();
        for (ReportJson.Row f : report.findings()) {
            boolean partial = inputs.getOrDefault(f.ruleId(), Set.of()).stream()
                    .anyMatch(s -> incomplete.contains(f.region() + "/" + s));
            if (partial) {
                assertThat(f.outcome()).as(f.key() + " reads an incomplete service").isEqualTo("ERROR");
            }
        }
    }

    /** Attempts in each second since the first one, "n(throttled)". */
    private static List<String> perSecond(List<FaultProxy.Attempt> attempts) {
        return bySecond(attempts).entrySet().stream()
                .map(e -> e.getKey() + "s:" + e.getValue()[0] + "(" + e.getValue()[1] + ")").toList();
    }

    /** Second since the first attempt to {attempts, throttled attempts} in it. */
    private static Map<Long, long[]> bySecond(List<FaultProxy.Attempt> attempts) {
        Map<Long, long[]> bySecond = new TreeMap<>();
        long first = attempts.isEmpty() ? 0 : attempts.get(0).atMillis();
        for (FaultProxy.Attempt a : attempts) {
            long[] n = bySecond.computeIfAbsent((a.atMillis() - first) / 1000, k -> new long[2]);
            n[0]++;
            n[1] += a.fault() == null ? 0 : 1;
        }
        return bySecond;
    }

    /** Faults injected on services the report has telemetry for (STS, which finds the account, has none). */
    private static long faultsOnInventoryServices(String service) {
        return proxy.log().stream().filter(a -> a.fault() != null && !a.call().service().equals("sts"))
                .filter(a -> service == null || a.call().service().equals(service)).count();
    }


    /** "region/service" to the gaps, of every coverage entry that is not COMPLETE. */
    private static Map<String, String> incomplete(ReportJson report) {
        Map<String, String> out = new TreeMap<>();
        report.coverage().stream().filter(c -> !c.status().equals("COMPLETE"))
                .forEach(c -> out.put(c.region() + "/" + c.service(), c.status() + " " + c.gaps()));
        return out;
    }

    private static Set<String> keys(List<ReportJson.Row> rows) {
        return rows.stream().map(ReportJson.Row::key).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Prints what the case measured, for docs/resilience.md. */
    private static void record(String name, Cli.Run run, ReportJson report, long startNanos) {
        List<ReportTelemetry> all = ReportTelemetry.all(report);
        System.out.printf("[fault case] %s: exit %d in %d ms; %d requests (%d faults) at the proxy; calls %d, "
                        + "attempts %d, retries %d, throttles %d; errors %s; breaker transitions %s%n", name,
                run.exitCode(), (System.nanoTime() - startNanos) / 1_000_000, proxy.totalAttempts(),
                proxy.faultsInjected(), all.stream().mapToLong(ReportTelemetry::calls).sum(),
                all.stream().mapToLong(ReportTelemetry::attempts).sum(),
                all.stream().mapToLong(ReportTelemetry::retries).sum(),
                all.stream().mapToLong(ReportTelemetry::throttles).sum(), ReportTelemetry.errorsByKind(report),
                all.stream().filter(t -> !t.breakerTransitions().isEmpty())
                        .map(t -> t.region() + "/" + t.service() + t.breakerTransitions()).toList());
    }
}
