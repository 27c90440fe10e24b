package io.relyscan.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Distributed run through JSON reports: three member accounts (moto gives AssumeRole credentials the account of
 * the role ARN), each holding DB instances, are scanned once whole and once as 2 shards ({@code --shard K/2}),
 * each shard writing its own JSON report. {@code relyscan merge} of the shards' reports gives the unsharded
 * report finding for finding, with the same exit code; overlapping shards and a shard evaluated with another
 * configuration (another rule catalog version) are refused with exit code 2 and nothing written.
 */
class ShardedReportMergeTest {
    private static final String REGION = "us-east-1";
    private static final List<String> ACCOUNTS = List.of("111122223333", "222233334444", "555566667777");

    private static Emulator emulator;

    @TempDir
    static Path work;

    @BeforeAll
    static void createResourcesInThreeMemberAccounts() {
        emulator = Emulator.start();
        assumeTrue(emulator.backend().equals("moto"), "moto maps assumed-role credentials to the role's account");
        for (String account : ACCOUNTS) {
            createDbInstance(account, "db-" + account.substring(0, 4));
        }
        createDbInstance(ACCOUNTS.get(1), "db-second");
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private static void createDbInstance(String account, String name) {
        MemberAccounts.createDbInstance(emulator.endpoint(), account, name);
    }

    private static List<String> common() {
        return List.of("--endpoint-url", emulator.endpoint().toString(), "--accounts", String.join(",", ACCOUNTS),
                "--role-name", "Audit", "--region", REGION, "--format", "json", "--deadline", "2m");
    }

    private static Cli.Run scan(String... more) {
        List<String> args = new ArrayList<>(List.of("scan"));
        args.addAll(common());
        args.addAll(List.of(more));
        return Cli.run(Map.of(), args.toArray(String[]::new));
    }

    private static Cli.Run merge(Path out, Path... reports) {
        List<String> args = new ArrayList<>(List.of("merge", "--output-dir", out.toString(), "--format", "json"));
        for (Path report : reports) {
            args.add(report.toString());
        }
        return Cli.run(Map.of(), args.toArray(String[]::new));
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> all = new ArrayList<>();
        array.forEach(all::add);
        return all;
    }

    @Test
    void shardReportsMerged_equalTheUnshardedReport_findingForFinding() {
        Path whole = work.resolve("unsharded");
        Cli.Run unsharded = scan("--output-dir", whole.toString());
        assertThat(unsharded.exitCode()).as(unsharded.toString()).isIn(0, 1, 3);

        Path[] reports = new Path[2];
        for (int k = 1; k <= 2; k++) {
            Path out = work.resolve("shard-" + k);
            Cli.Run shard = scan("--shard", k + "/2", "--output-dir", out.toString());
            assertThat(shard.exitCode()).as(shard.toString()).isIn(0, 1, 3);
            reports[k - 1] = out.resolve(ReportJson.FILE_NAME);
        }
        // Input order does not matter: give the shards last first.
        Path mergedOut = work.resolve("merged");
        Cli.Run merged = merge(mergedOut, reports[1], reports[0]);

        ReportJson expected = ReportJson.read(whole);
        ReportJson actual = ReportJson.read(mergedOut);
        assertThat(merged.exitCode()).as(merged.toString()).isEqualTo(unsharded.exitCode());
        assertThat(actual.root.path("scopes").findValuesAsText("account"))
                .containsExactlyInAnyOrderElementsOf(ACCOUNTS);
        assertThat(actual.findingsNode().size()).isGreaterThanOrEqualTo(ACCOUNTS.size());
        assertThat(actual.findingsNode().findValuesAsText("name")).contains("db-second");
        // Finding for finding: every field of every finding, in the report's order.
        assertThat(elements(actual.findingsNode())).containsExactlyElementsOf(elements(expected.findingsNode()));
        assertThat(actual.root.path("summary")).isEqualTo(expected.root.path("summary"));
        assertThat(actual.root.path("rules")).isEqualTo(expected.root.path("rules"));
        assertThat(actual.root.path("catalog")).isEqualTo(expected.root.path("catalog"));
        assertThat(actual.complete()).isEqualTo(expected.complete());
        assertThat(actual.coverage()).extracting(c -> c.account() + "/" + c.region() + "/" + c.service() + " "
                + c.status()).containsExactlyElementsOf(expected.coverage().stream()
                .map(c -> c.account() + "/" + c.region() + "/" + c.service() + " " + c.status()).toList());
    }

    @Test
    void overlappingShards_andAnotherCatalogVersion_areRefused() throws Exception {
        Path whole = work.resolve("whole-for-refusals");
        scan("--output-dir", whole.toString());
        Path shard = work.resolve("shard-1-for-refusals");
        scan("--shard", "1/2", "--output-dir", shard.toString());
        Path config = Files.writeString(work.resolve("stricter.yaml"), "version: 1\nrules:\n"
                + "  rds-instance-multi-az:\n    severity: CRITICAL\n");
        Path tuned = work.resolve("shard-2-tuned");
        scan("--shard", "2/2", "--output-dir", tuned.toString(), "--config", config.toString());

        Path out1 = work.resolve("refused-overlap");
        Cli.Run overlap = merge(out1, whole.resolve(ReportJson.FILE_NAME), shard.resolve(ReportJson.FILE_NAME));
        assertThat(overlap.exitCode()).as(overlap.toString()).isEqualTo(2);
        assertThat(overlap.err()).contains("merge: overlapping shards: scope ")
                .contains(whole.resolve(ReportJson.FILE_NAME) + " and " + shard.resolve(ReportJson.FILE_NAME));
        assertThat(out1).doesNotExist();

        Path out2 = work.resolve("refused-catalog");
        Cli.Run catalog = merge(out2, shard.resolve(ReportJson.FILE_NAME), tuned.resolve(ReportJson.FILE_NAME));
        assertThat(catalog.exitCode()).as(catalog.toString()).isEqualTo(2);
        assertThat(catalog.err()).contains("merge: different rule catalog versions: ")
                .contains(tuned.resolve(ReportJson.FILE_NAME).toString());
        assertThat(out2).doesNotExist();
    }
}
