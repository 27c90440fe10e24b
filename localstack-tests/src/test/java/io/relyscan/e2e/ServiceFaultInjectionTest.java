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
 * Service-level faults injected by {@link FaultProxy} between the real CLI and the demo account
 * ({@link DemoAccountScenario} in moto behind the {@link BackupOverlay}): malformed and truncated bodies, AccessDenied
 * on one service, one region down, and credentials that expire mid-scan. Each case is compared with a clean scan
 * of the same account through the same proxy (whose findings are first checked against
 * {@link ScanEndToEndTest#expectedFindings}): the findings of every rule that reads only what was fully collected
 * are exactly the clean ones; every finding of a rule that reads an incomplete (region, service) is ERROR and is
 * either the region-level ERROR or a finding the clean scan had; the exit code is 3; attempts are bounded.
 */
class ServiceFaultInjectionTest {
    /** Attempts per call: {@code RetrySettings.defaults()}. */
    private static final int MAX_ATTEMPTS = 4;
    /** Collection tasks at once: the CLI's default {@code --concurrency}. */
    private static final int CONCURRENCY = 8;
    /** Requests in flight at once across all endpoints: the CLI's default {@code --max-in-flight}. */
    private static final int MAX_IN_FLIGHT = 16;
    private static final String EXPIRED_MESSAGE = "The security token included in the request is expired";

    private static Emulator emulator;
    private static BackupOverlay overlay;
    private static FaultProxy proxy;
    private static ReportJson clean;
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

        Cli.Run run = scan(work.resolve("clean"));
        clean = ReportJson.read(work.resolve("clean"));
        cleanRequests = proxy.totalAttempts();
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(clean.complete()).isTrue();
        ScanEndToEndTest.assertFindings(clean.findings(), ScanEndToEndTest.expectedFindings(
                built.instanceIdsByAsg(), built.standaloneInstanceIds(), built.volumeIds()));
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
    void truncatedRdsListing_whenPersistent_isInvalidResponseAfterEveryAttempt_andOnlyRdsRulesGiveError() {
        proxy.inject(FaultRule.matching("rds", E1, "DescribeDBInstances").respond(FaultRule.Kind.TRUNCATED_BODY));

        Path out = work.resolve("truncated");
        Cli.Run run = scan(out);
        ReportJson report = ReportJson.read(out);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(incomplete(report)).as("coverage not COMPLETE").containsOnlyKeys(E1 + "/rds");
        assertThat(report.coverage()).filteredOn(c -> c.region().equals(E1) && c.service().equals("rds"))
                .singleElement().satisfies(c -> {
                    assertThat(c.status()).isIn("FAILED", "PARTIAL");
                    assertThat(c.gaps()).contains("DescribeDBInstances").contains("INVALID_RESPONSE")
                            .contains("after " + MAX_ATTEMPTS + " attempts");
                });
        assertOnlyAffectedRulesChanged(report, Set.of(E1 + "/rds"));
        int hit = proxy.attempts("rds", E1, "DescribeDBInstances");
        ReportTelemetry rds = ReportTelemetry.of(report, E1, "rds");
        assertThat(hit).as("every attempt of the listing was answered truncated").isEqualTo(proxy.faultsInjected())
                .isPositive().isLessThanOrEqualTo(MAX_ATTEMPTS * 2);
        assertThat(hit % MAX_ATTEMPTS).as("each failed call made exactly " + MAX_ATTEMPTS + " attempts").isZero();
        assertThat(rds.errorsByKind()).isEqualTo(Map.of("INVALID_RESPONSE", (long) hit));
        assertThat(rds.retries()).isEqualTo(hit - hit / MAX_ATTEMPTS);
        assertThat(proxy.totalAttempts()).as("attempts of the whole scan: the clean scan's, plus the retries")
                .isLessThanOrEqualTo(cleanRequests + hit);
        record("truncated RDS listing", run, report);
    }

    @Test
    void truncatedRdsListing_whenTransient_isRetried_andTheScanEqualsTheCleanOne() {
        proxy.inject(FaultRule.matching("rds", E1, "DescribeDBInstances").respond(FaultRule.Kind.TRUNCATED_BODY)
                .limit(2));

        Path out = work.resolve("truncated-twice");
        Cli.Run run = scan(out);
        ReportJson report = ReportJson.read(out);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(report.complete()).isTrue();
        assertThat(keys(report.findings())).isEqualTo(keys(clean.findings()));
        ReportTelemetry rds = ReportTelemetry.of(report, E1, "rds");
        assertThat(proxy.faultsInjected()).isEqualTo(2);
        assertThat(rds.errorsByKind()).isEqualTo(Map.of("INVALID_RESPONSE", 2L));
        assertThat(rds.retries()).isEqualTo(2);
        assertThat(proxy.totalAttempts()).isEqualTo(cleanRequests + 2);
        record("truncated RDS listing twice", run, report);
    }

    @Test
    void backupAnswerThatIsNotJson_whenPersistent_isInvalidResponse_andOnlyBackupRulesGiveError() {
        proxy.inject(FaultRule.matching("backup", E1, "ListBackupPlans").respond(FaultRule.Kind.MALFORMED_BODY));

        Path out = work.resolve("malformed");
        Cli.Run run = scan(out);
        ReportJson report = ReportJson.read(out);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(incomplete(report)).containsOnlyKeys(E1 + "/backup");
        assertThat(incomplete(report).get(E1 + "/backup")).contains("ListBackupPlans").contains("INVALID_RESPONSE");
        assertOnlyAffectedRulesChanged(report, Set.of(E1 + "/backup"));
        int hit = proxy.attempts("backup", E1, "ListBackupPlans");
        assertThat(hit).isEqualTo(proxy.faultsInjected()).isPositive().isLessThanOrEqualTo(MAX_ATTEMPTS * 2);
        assertThat(hit % MAX_ATTEMPTS).isZero();
        assertThat(ReportTelemetry.of(report, E1, "backup").errorsByKind()).isEqualTo(Map.of("INVALID_RESPONSE",
                (long) hit));
        record("Backup ListBackupPlans not JSON", run, report);
    }

    @Test
    void accessDeniedOnRds_givesErrorOnlyForRdsRules_andIsNeverRetried_norOpensTheBreaker() {
        proxy.inject(FaultRule.matching("rds", E1, null).error(403, "AccessDenied", "User: arn:aws:iam::"
                + "123456789012:user/relyscan is not authorized to perform this rds action"));

        Path out = work.resolve("denied");
        Cli.Run run = scan(out);
        ReportJson report = ReportJson.read(out);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(incomplete(report)).containsOnlyKeys(E1 + "/rds");
        assertThat(incomplete(report).get(E1 + "/rds")).contains("ACCESS_DENIED").doesNotContain("attempts");
        assertOnlyAffectedRulesChanged(report, Set.of(E1 + "/rds"));
        ReportTelemetry rds = ReportTelemetry.of(report, E1, "rds");
        int denied = proxy.attempts("rds", E1, null);
        assertThat(denied).as("requests to RDS in " + E1).isEqualTo(proxy.faultsInjected()).isPositive();
        assertThat(rds.attempts()).as("one attempt per call").isEqualTo(rds.calls()).isEqualTo(denied);
        assertThat(rds.retries()).isZero();
        assertThat(rds.errorsByKind()).isEqualTo(Map.of("ACCESS_DENIED", (long) denied));
        assertThat(rds.breakerTransitions()).isEmpty();
        record("AccessDenied on RDS", run, report);
    }

    @Test
    void oneRegionDown_opensItsBreakers_theOtherRegionCompletesClean_andTheScanEndsWellInsideTheDeadline() {
        proxy.inject(FaultRule.matching(null, W1, null).respond(FaultRule.Kind.CONNECTION_RESET));

        Path out = work.resolve("region-down");
        long start = System.nanoTime();
        Cli.Run run = scan(out);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        ReportJson report = ReportJson.read(out);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        // --deadline 2m: a scan that ended by waiting for the deadline would take 120 s; retries, backoff and the
        // breakers end it long before. A third of the deadline leaves room for a slow CI machine.
        assertThat(took).as("wall time").isLessThan(Duration.ofSeconds(40));
        assertThat(report.coverage()).filteredOn(c -> c.region().equals(E1))
                .allSatisfy(c -> assertThat(c.status()).as(c.toString()).isEqualTo("COMPLETE"));
        assertThat(report.coverage()).filteredOn(c -> c.region().equals(W1)).isNotEmpty()
                .allSatisfy(c -> {
                    assertThat(c.status()).as(c.toString()).isEqualTo("FAILED");
                    assertThat(c.gaps()).as(c.toString()).containsAnyOf("ENDPOINT_UNREACHABLE", "BREAKER_OPEN")
                            .doesNotContain("DEADLINE_EXCEEDED");
                });
        Set<String> w1 = report.coverage().stream().filter(c -> c.region().equals(W1))
                .map(c -> W1 + "/" + c.service()).collect(Collectors.toSet());
        assertOnlyAffectedRulesChanged(report, w1);
        // R45 could not look for the copy destinations in eu-west-1, whose Backup collection failed: both plans
        // are ERROR (the one that passed and the one whose destination vault does not exist, unknown now).
        assertThat(report.findings()).filteredOn(f -> f.ruleId().equals(ScanEndToEndTest.R45)
                        && f.region().equals(E1)).extracting(ReportJson.Row::key)
                .containsExactlyInAnyOrder(ScanEndToEndTest.R45 + " | " + E1 + " | daily-35d | ERROR",
                        ScanEndToEndTest.R45 + " | " + E1 + " | weekly-7d | ERROR");
        // Nothing of eu-west-1 was collected: every rule says ERROR there once, at region level, with the reason.
        assertThat(report.findings()).filteredOn(f -> f.region().equals(W1))
                .allSatisfy(f -> {
                    assertThat(f.outcome()).as(f.key()).isEqualTo("ERROR");
                    assertThat(f.name()).as(f.key() + ": region level").isEqualTo(W1);
                    // the reason, or for R41 (which reports the gap itself) what was not collected
                    assertThat(f.message()).containsAnyOf("ENDPOINT_UNREACHABLE", "BREAKER_OPEN", "not collected");
                })
                .extracting(ReportJson.Row::ruleId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(report.ruleInputs().keySet());

        List<ReportTelemetry> down = ReportTelemetry.all(report).stream().filter(t -> t.region().equals(W1)).toList();
        long attempts = down.stream().mapToLong(ReportTelemetry::attempts).sum();
        long attemptedCalls = down.stream().mapToLong(t -> t.calls() - t.errorsByKind().getOrDefault(
                "BREAKER_OPEN", 0L)).sum();
        assertThat(proxy.attempts(null, W1, null)).as("requests to " + W1).isEqualTo((int) attempts);
        assertThat(attempts).as("at most " + MAX_ATTEMPTS + " attempts per call that was not short-circuited")
                .isLessThanOrEqualTo(MAX_ATTEMPTS * attemptedCalls);
        assertThat(down).as("endpoints whose breaker opened")
                .anySatisfy(t -> assertThat(t.breakerTransitions()).contains("CLOSED_TO_OPEN"));
        record("eu-west-1 down (connection reset), took " + took.toMillis() + " ms", run, report);
    }

    @Test
    void credentialsExpiringMidScan_nameTheCauseInOneLine_stopAllCalls_andNothingUnseenPasses() {
        int passed = cleanRequests / 3;
        proxy.inject(FaultRule.matching(null, null, null).error(400, "ExpiredToken", EXPIRED_MESSAGE)
                .afterRequests(passed));

        Path out = work.resolve("expired");
        Cli.Run run = scan(out);
        ReportJson report = ReportJson.read(out);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        List<String> causeLines = run.err().lines().filter(l -> l.contains("ExpiredToken")).toList();
        assertThat(causeLines).as("stderr\n" + run.err()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("relyscan: AWS credentials expired during the scan (ExpiredToken: " + EXPIRED_MESSAGE
                        + ", first seen on ")
                .contains("later calls were not attempted")
                .endsWith("refresh the credentials (e.g. aws sso login, or new session keys) and scan again"));
        // Once AWS said the token expired, no call was sent with it: a call checks the credentials again once it
        // holds its in-flight permits, so at most the requests already in flight were answered ExpiredToken:
        // up to 4 per collection task (its concurrent calls), and --max-in-flight in all.
        assertThat(proxy.totalAttempts()).isEqualTo(passed + proxy.faultsInjected());
        assertThat(proxy.faultsInjected()).as("requests answered ExpiredToken").isBetween(1, MAX_IN_FLIGHT);
        Map<String, String> incomplete = incomplete(report);
        assertThat(incomplete).as("not collected").isNotEmpty();
        incomplete.forEach((scope, gaps) -> assertThat(gaps).as(scope).contains("INVALID_CREDENTIALS")
                .containsAnyOf("ExpiredToken", "AWS credentials expired during the scan"));
        assertOnlyAffectedRulesChanged(report, incomplete.keySet());
        long retries = ReportTelemetry.all(report).stream().mapToLong(ReportTelemetry::retries).sum();
        assertThat(retries).as("retries in the whole scan (ExpiredToken is not retried)").isZero();
        record("credentials expire after " + passed + " requests", run, report);
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Cli.Run scan(Path out) {
        return Cli.run(Map.of(), "scan", "--endpoint-url", proxy.endpoint().toString(), "--region", E1,
                "--region", W1, "--output-dir", out.toString(), "--format", "json", "--deadline", "2m");
    }

    /**
     * The findings of a faulty scan against the clean one, given the (region/service) entries that were not
     * completely collected: rules reading none of them in a region say exactly what they said in the clean scan
     * there; rules reading one of them say ERROR for everything there, including a region-level ERROR, and about
     * nothing the clean scan did not know.
     *
     * <p>One rule reads across regions: R45 backup-cross-region-copy checks that a plan's copy destination vault
     * exists in the destination region. When that region's Backup coverage is incomplete, R45's findings in the
     * source region are ERROR: the destination was looked for in a region whose collection is incomplete.
     */
    private static void assertOnlyAffectedRulesChanged(ReportJson report, Set<String> incompleteScopes) {
        Map<String, Set<String>> inputs = report.ruleInputs();
        List<String> unaffectedExpected = new ArrayList<>();
        Set<String> cleanNames = new TreeSet<>();
        for (ReportJson.Row f : clean.findings()) {
            cleanNames.add(f.ruleId() + " | " + f.region() + " | " + f.name());
            if (!affected(inputs, incompleteScopes, f.ruleId(), f.region())
                    && !readsAnotherRegionsIncompleteBackup(incompleteScopes, f.ruleId(), f.region())) {
                unaffectedExpected.add(f.key());
            }
        }
        List<ReportJson.Row> unaffected = new ArrayList<>();
        for (ReportJson.Row f : report.findings()) {
            String name = f.ruleId() + " | " + f.region() + " | " + f.name();
            if (!affected(inputs, incompleteScopes, f.ruleId(), f.region())) {
                if (readsAnotherRegionsIncompleteBackup(incompleteScopes, f.ruleId(), f.region())) {
                    assertThat(f.outcome()).as(f.key() + " relies on another region's Backup: " + f.message())
                            .isEqualTo("ERROR");
                    assertThat(cleanNames).as("a finding of the clean scan").contains(name);
                } else {
                    unaffected.add(f);
                }
                continue;
            }
            assertThat(f.outcome()).as(f.key() + " reads an incomplete service: " + f.message()).isEqualTo("ERROR");
            boolean regionLevel = f.name().equals(f.region());
            assertThat(regionLevel || cleanNames.contains(f.ruleId() + " | " + f.region() + " | " + f.name()))
                    .as(f.key() + " is the region-level ERROR or a finding of the clean scan").isTrue();
        }
        ScanEndToEndTest.assertFindings(unaffected, unaffectedExpected);
        for (String scope : incompleteScopes) {
            String region = scope.substring(0, scope.indexOf('/'));
            String service = scope.substring(scope.indexOf('/') + 1);
            inputs.forEach((rule, services) -> {
                if (services.contains(service)) {
                    assertThat(report.findings()).as(rule + " in " + region + " has a region-level ERROR")
                            .anySatisfy(f -> {
                                assertThat(f.ruleId()).isEqualTo(rule);
                                assertThat(f.region()).isEqualTo(region);
                                assertThat(f.name()).isEqualTo(region);
                                assertThat(f.outcome()).isEqualTo("ERROR");
                                // The engine's "inputs not completely collected ... <service> ..." unless the
                                // rule said ERROR itself, e.g. R41's "AWS Backup region settings ... were not
                                // collected".
                                assertThat(f.message().toLowerCase(java.util.Locale.ROOT))
                                        .containsAnyOf(service, "not collected");
                            });
                }
            });
        }
    }

    private static boolean readsAnotherRegionsIncompleteBackup(Set<String> incompleteScopes, String rule,
                                                               String region) {
        return rule.equals(ScanEndToEndTest.R45) && incompleteScopes.stream()
                .anyMatch(s -> s.endsWith("/backup") && !s.startsWith(region + "/"));
    }

    private static boolean affected(Map<String, Set<String>> inputs, Set<String> incompleteScopes, String rule,
                                    String region) {
        return inputs.getOrDefault(rule, Set.of()).stream().anyMatch(s -> incompleteScopes.contains(region + "/" + s));
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
    private static void record(String name, Cli.Run run, ReportJson report) {
        List<ReportTelemetry> all = ReportTelemetry.all(report);
        System.out.printf("[fault case] %s: exit %d, %d requests (%d faults) at the proxy; calls %d, attempts %d, "
                        + "retries %d, breaker transitions %s; errors %s; incomplete %s%n", name, run.exitCode(),
                proxy.totalAttempts(), proxy.faultsInjected(), all.stream().mapToLong(ReportTelemetry::calls).sum(),
                all.stream().mapToLong(ReportTelemetry::attempts).sum(),
                all.stream().mapToLong(ReportTelemetry::retries).sum(),
                all.stream().filter(t -> !t.breakerTransitions().isEmpty())
                        .map(t -> t.region() + "/" + t.service() + t.breakerTransitions()).toList(),
                all.stream().filter(t -> !t.errorsByKind().isEmpty())
                        .map(t -> t.region() + "/" + t.service() + t.errorsByKind()).toList(),
                incomplete(report).keySet());
        System.out.println("[fault case] stderr: " + run.err().strip());
    }
}
