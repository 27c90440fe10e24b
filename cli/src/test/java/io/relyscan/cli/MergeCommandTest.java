package io.relyscan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.relyscan.cli.CliUsageTest.Result;
import io.relyscan.core.inventory.Coverage;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.report.snapshot.InventorySnapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

import static io.relyscan.cli.CliUsageTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** 'relyscan merge' through the real CLI: the bundled example split by region merges back to the same report. */
class MergeCommandTest {
    private static final Path DEMO = Path.of("..", "examples", "demo-account", "inventory.json");

    @TempDir
    Path tmp;

    /** Writes the part of the demo inventory in the matching regions as a snapshot file. */
    private Path shard(String name, Predicate<String> region) {
        Inventory whole = InventorySnapshots.read(DEMO);
        Inventory part = Inventory.of(whole.capturedAt(),
                whole.scopes().stream().filter(s -> region.test(s.region())).toList(),
                whole.resources().stream().filter(r -> region.test(r.region())).toList(),
                Coverage.of(whole.coverage().entries().stream().filter(e -> region.test(e.region())).toList()),
                whole.telemetry().stream().filter(t -> region.test(t.region())).toList());
        Path file = tmp.resolve(name);
        InventorySnapshots.write(part, file);
        return file;
    }

    private static JsonNode report(Path out) throws Exception {
        return new ObjectMapper().readTree(out.resolve("relyscan-report.json").toFile());
    }

    @Test
    void mergedRegionShards_giveExactlyTheFindingsOfTheWholeInventory() throws Exception {
        Path us = shard("us.json", "us-east-1"::equals);
        Path eu = shard("eu.json", "eu-west-1"::equals);
        Path wholeOut = tmp.resolve("whole");
        Path mergedOut = tmp.resolve("merged");
        Path mergedSnapshot = tmp.resolve("merged.inventory.json");

        Result whole = run("evaluate", "--inventory", DEMO.toString(), "--output-dir", wholeOut.toString(),
                "--format", "json", "--fail-on", "LOW");
        Result merged = run("merge", us.toString(), eu.toString(), "--save-inventory", mergedSnapshot.toString(),
                "--output-dir", mergedOut.toString(), "--format", "json", "--fail-on", "LOW");

        assertThat(whole.code()).as(whole.err()).isNotEqualTo(2);
        assertThat(merged.code()).as(merged.err()).isEqualTo(whole.code());
        JsonNode expected = report(wholeOut);
        JsonNode actual = report(mergedOut);
        assertThat(actual.get("findings").size()).isPositive();
        // finding for finding, including the region-spanning R45 (backup-cross-region-copy): the rules see the
        // merged inventory, every region at once
        assertThat(actual.get("findings")).isEqualTo(expected.get("findings"));
        assertThat(actual.get("findings").findValuesAsText("ruleId")).contains("backup-cross-region-copy");
        assertThat(actual).isEqualTo(expected);
        assertThat(Files.readAllBytes(mergedSnapshot)).isEqualTo(Files.readAllBytes(DEMO));
    }

    @Test
    void overlappingShards_areAOneLineUsageErrorNamingBothFilesAndTheScope() {
        Path us = shard("us.json", "us-east-1"::equals);
        Path all = shard("all.json", r -> true);
        Path out = tmp.resolve("out");

        Result r = run("merge", us.toString(), all.toString(), "--output-dir", out.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("relyscan: error: merge: overlapping shards: scope "
                + "123456789012/us-east-1").endsWith(us + " and " + all);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(out).doesNotExist();
    }

    @Test
    void unreadableSnapshot_isAUsageErrorWithFileLineAndColumn() throws Exception {
        Path broken = Files.writeString(tmp.resolve("broken.json"), "{\"schemaVersion\": 1,\n \"kind\": 7}\n");

        Result r = run("merge", DEMO.toString(), broken.toString(), "--output-dir", tmp.resolve("o").toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("relyscan: error: " + broken + ":2:");
    }

    @Test
    void aJsonReportAmongSnapshots_isRefusedAsAMixOfKinds() throws Exception {
        Path out = tmp.resolve("out");
        Result evaluated = run("evaluate", "--inventory", DEMO.toString(), "--output-dir", out.toString(),
                "--format", "json");
        assertThat(evaluated.code()).as(evaluated.err()).isNotEqualTo(2);
        Path report = out.resolve("relyscan-report.json");

        Result r = run("merge", DEMO.toString(), report.toString(), "--output-dir", tmp.resolve("o").toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("relyscan: error: merge: the inputs mix inventory snapshots ("
                + DEMO + ") and scan reports (" + report + "); merge the shards' inventory snapshots or their JSON "
                + "reports, not both");
    }

    @Test
    void framework_restrictsTheMergedEvaluationLikeEvaluate() throws Exception {
        Path us = shard("us.json", "us-east-1"::equals);
        Path eu = shard("eu.json", "eu-west-1"::equals);
        Path wholeOut = tmp.resolve("whole");
        Path mergedOut = tmp.resolve("merged");

        run("evaluate", "--inventory", DEMO.toString(), "--framework", "soc2", "--output-dir", wholeOut.toString(),
                "--format", "json");
        Result merged = run("merge", us.toString(), eu.toString(), "--framework", "soc2",
                "--output-dir", mergedOut.toString(), "--format", "json");

        assertThat(merged.code()).as(merged.err()).isNotEqualTo(2);
        assertThat(report(mergedOut).get("framework").isNull()).isFalse();
        assertThat(report(mergedOut)).isEqualTo(report(wholeOut));
    }

    @Test
    void noSnapshot_isAUsageError() {
        Result r = run("merge");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("FILE").contains("relyscan merge --help");
    }

    @Test
    void help_describesTheCommandAndItsRefusals() {
        Result r = run("merge", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: relyscan merge").contains("FILE...").contains("--save-inventory")
                .contains("overlap").contains("earliest").contains("--framework").contains("Exit codes");
        Result top = run("--help");
        assertThat(top.out()).contains("merge");
    }
}
