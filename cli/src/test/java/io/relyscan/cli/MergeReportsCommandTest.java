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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static io.relyscan.cli.CliUsageTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** 'relyscan merge' of JSON scan reports through the real CLI. */
class MergeReportsCommandTest {
    private static final Path DEMO = Path.of("..", "examples", "demo-account", "inventory.json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Writes the part of the demo inventory in the matching regions as a snapshot file. */
    private Path snapshot(String name, Predicate<String> region) {
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

    /** The JSON report of evaluating the demo's part in the matching regions, as a shard would write it. */
    private Path report(String name, Predicate<String> region, String... extra) {
        Path out = tmp.resolve(name + "-out");
        List<String> args = new ArrayList<>(List.of("evaluate", "--inventory", snapshot(name + ".inventory.json",
                region).toString(), "--output-dir", out.toString(), "--format", "json"));
        args.addAll(List.of(extra));
        Result r = run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isNotEqualTo(2);
        return out.resolve("relyscan-report.json");
    }

    private static JsonNode json(Path file) throws Exception {
        return MAPPER.readTree(file.toFile());
    }

    private static List<JsonNode> elements(JsonNode... arrays) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode a : arrays) {
            a.forEach(all::add);
        }
        return all;
    }

    @Test
    void mergedReports_holdEveryFindingScopeAndCoverageOfEveryShard_withTheSameCatalog() throws Exception {
        Path us = report("us", "us-east-1"::equals);
        Path eu = report("eu", "eu-west-1"::equals);
        Path out = tmp.resolve("merged");

        Result r = run("merge", eu.toString(), us.toString(), "--output-dir", out.toString(),
                "--format", "console,json", "--fail-on", "LOW");

        assertThat(r.code()).as(r.err()).isIn(0, 1, 3);
        JsonNode merged = json(out.resolve("relyscan-report.json"));
        JsonNode a = json(us);
        JsonNode b = json(eu);
        assertThat(merged.get("catalog")).isEqualTo(a.get("catalog")).isEqualTo(b.get("catalog"));
        assertThat(merged.get("rules")).isEqualTo(a.get("rules"));
        assertThat(elements(merged.get("findings"))).hasSize(a.get("findings").size() + b.get("findings").size())
                .containsExactlyInAnyOrderElementsOf(elements(a.get("findings"), b.get("findings")));
        assertThat(elements(merged.get("scopes")))
                .containsExactlyInAnyOrderElementsOf(elements(a.get("scopes"), b.get("scopes")));
        assertThat(elements(merged.get("coverage")))
                .containsExactlyInAnyOrderElementsOf(elements(a.get("coverage"), b.get("coverage")));
        boolean complete = a.get("complete").asBoolean() && b.get("complete").asBoolean();
        assertThat(merged.get("complete").asBoolean()).isEqualTo(complete);
        assertThat(r.code() == 3).isEqualTo(!complete);
        assertThat(r.out()).contains("JSON report: " + out.resolve("relyscan-report.json"));

        Path again = tmp.resolve("again");
        Result reversed = run("merge", us.toString(), eu.toString(), "--output-dir", again.toString(),
                "--format", "json", "--fail-on", "LOW");
        assertThat(reversed.code()).isEqualTo(r.code());
        assertThat(Files.readAllBytes(again.resolve("relyscan-report.json")))
                .isEqualTo(Files.readAllBytes(out.resolve("relyscan-report.json")));
    }

    @Test
    void reportsEvaluatedWithDifferentConfigurations_areRefusedAndNothingIsWritten() throws Exception {
        Path config = Files.writeString(tmp.resolve("relyscan.yaml"), "version: 1\nrules:\n  rds-backup-retention:\n"
                + "    severity: CRITICAL\n");
        Path us = report("us", "us-east-1"::equals);
        Path eu = report("eu", "eu-west-1"::equals, "--config", config.toString());
        Path out = tmp.resolve("merged");

        Result r = run("merge", us.toString(), eu.toString(), "--output-dir", out.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("relyscan: error: merge: different rule catalog versions: " + us
                + " and " + eu + " were evaluated with different rules, severities, parameters or tier-1 tag");
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(out).doesNotExist();
    }

    @Test
    void theSameReportTwice_isAnOverlap() throws Exception {
        Path us = report("us", "us-east-1"::equals);
        Path copy = Files.copy(us, tmp.resolve("copy.json"));

        Result r = run("merge", us.toString(), copy.toString(), "--output-dir", tmp.resolve("o").toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("relyscan: error: merge: overlapping shards: scope 123456789012/us-east-1")
                .endsWith(us + " and " + copy);
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void snapshotsAndReports_cannotBeMixed() {
        Path us = snapshot("us.json", "us-east-1"::equals);
        Path eu = report("eu", "eu-west-1"::equals);

        Result r = run("merge", us.toString(), eu.toString(), "--output-dir", tmp.resolve("o").toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("relyscan: error: merge: the inputs mix inventory snapshots (" + us
                + ") and scan reports (" + eu + "); merge the shards' inventory snapshots or their JSON reports, "
                + "not both");
    }

    @Test
    void snapshotOnlyOptions_areRefusedForReports() throws Exception {
        Path us = report("us", "us-east-1"::equals);
        Path config = Files.writeString(tmp.resolve("relyscan.yaml"), "version: 1\n");

        Result save = run("merge", us.toString(), "--save-inventory", tmp.resolve("inv.json").toString(),
                "--output-dir", tmp.resolve("o").toString());
        Result configured = run("merge", us.toString(), "--config", config.toString(),
                "--output-dir", tmp.resolve("o").toString());

        assertThat(save.code()).isEqualTo(2);
        assertThat(save.err()).contains("--save-inventory: the inputs are scan reports");
        assertThat(configured.code()).isEqualTo(2);
        assertThat(configured.err()).contains("--config: the inputs are scan reports");
        assertThat(tmp.resolve("inv.json")).doesNotExist();
    }

    @Test
    void frameworkView_isComputedFromTheMergedFindings_orRegroupedOnRequest() throws Exception {
        Path us = report("us", "us-east-1"::equals, "--framework", "soc2");
        Path eu = report("eu", "eu-west-1"::equals, "--framework", "soc2");
        Path kept = tmp.resolve("kept");
        Path regrouped = tmp.resolve("regrouped");

        Result r = run("merge", us.toString(), eu.toString(), "--output-dir", kept.toString(), "--format", "json");
        Result r2 = run("merge", us.toString(), eu.toString(), "--framework", "nist-800-53",
                "--output-dir", regrouped.toString(), "--format", "json");

        assertThat(r.code()).as(r.err()).isNotEqualTo(2);
        assertThat(r2.code()).as(r2.err()).isEqualTo(r.code());
        JsonNode view = json(kept.resolve("relyscan-report.json")).get("framework");
        assertThat(view.get("id").asText()).isEqualTo("soc2");
        long fails = 0;
        for (JsonNode control : view.get("controls")) {
            fails += control.get("findings").get("FAIL").asLong();
        }
        long shardFails = 0;
        for (Path shard : List.of(us, eu)) {
            for (JsonNode control : json(shard).get("framework").get("controls")) {
                shardFails += control.get("findings").get("FAIL").asLong();
            }
        }
        assertThat(fails).isEqualTo(shardFails);
        assertThat(json(regrouped.resolve("relyscan-report.json")).get("framework").get("id").asText())
                .isEqualTo("nist-800-53");
    }

    @Test
    void aSnapshotOfAnotherSchemaVersion_isRefusedNamingTheFile() throws Exception {
        Path us = snapshot("us.json", "us-east-1"::equals);
        Path eu = snapshot("eu.json", "eu-west-1"::equals);
        Files.writeString(eu, Files.readString(eu).replaceFirst("\"schemaVersion\": 1", "\"schemaVersion\": 2"));

        Result r = run("merge", us.toString(), eu.toString(), "--output-dir", tmp.resolve("o").toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("relyscan: error: " + eu + ":2:")
                .contains("unsupported snapshot schema version 2");
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void help_explainsBothKindsAndWhatCatalogVersionMeans() {
        Result r = run("merge", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("FILE...").contains("inventory snapshots").contains("JSON scan reports")
                .contains("catalog version").contains("SHA-256").contains("cannot differ");
    }
}
