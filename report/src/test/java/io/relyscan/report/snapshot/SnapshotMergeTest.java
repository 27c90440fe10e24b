package io.relyscan.report.snapshot;

import io.relyscan.core.error.InputException;
import io.relyscan.core.inventory.Coverage;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.inventory.Resource;
import io.relyscan.core.inventory.ScanScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotMergeTest {
    private static final Path DEMO = Path.of("..", "examples", "demo-account", "inventory.json");

    @TempDir
    Path tmp;

    /** The part of an inventory whose scopes, resources, coverage and telemetry are in the given regions. */
    static Inventory regions(Inventory whole, Predicate<String> region, Instant capturedAt) {
        return Inventory.of(capturedAt,
                whole.scopes().stream().filter(s -> region.test(s.region())).toList(),
                whole.resources().stream().filter(r -> region.test(r.region())).toList(),
                Coverage.of(whole.coverage().entries().stream().filter(e -> region.test(e.region())).toList()),
                whole.telemetry().stream().filter(t -> region.test(t.region())).toList());
    }

    private static Inventory demo() {
        return InventorySnapshots.read(DEMO);
    }

    @Test
    void disjointRegions_mergeBackToTheWholeInventory() {
        Inventory whole = demo();
        assertThat(whole.scopes()).extracting(ScanScope::region).containsExactly("eu-west-1", "us-east-1");
        Inventory us = regions(whole, "us-east-1"::equals, whole.capturedAt());
        Inventory eu = regions(whole, r -> !r.equals("us-east-1"), whole.capturedAt());
        assertThat(us.resources()).isNotEmpty();
        assertThat(eu.resources()).isNotEmpty();
        assertThat(us.resources().size() + eu.resources().size()).isEqualTo(whole.resources().size());

        Inventory merged = SnapshotMerge.merge(List.of(new SnapshotMerge.Input("us.json", us),
                new SnapshotMerge.Input("eu.json", eu)));

        assertThat(merged).isEqualTo(whole);
        assertThat(InventorySnapshots.toJson(merged)).isEqualTo(InventorySnapshots.toJson(whole));
    }

    @Test
    void capturedAt_isTheEarliestInput() {
        Inventory whole = demo();
        Instant early = Instant.parse("2026-11-28T10:00:00Z");
        Instant late = Instant.parse("2026-11-28T10:05:00Z");
        Inventory merged = SnapshotMerge.merge(List.of(
                new SnapshotMerge.Input("us.json", regions(whole, "us-east-1"::equals, late)),
                new SnapshotMerge.Input("eu.json", regions(whole, "eu-west-1"::equals, early))));
        assertThat(merged.capturedAt()).isEqualTo(early);
    }

    @Test
    void overlappingScopes_areRefusedNamingBothInputsAndTheScope() {
        Inventory whole = demo();
        Inventory us = regions(whole, "us-east-1"::equals, whole.capturedAt());
        Inventory usScopeOnly = Inventory.of(whole.capturedAt(), us.scopes(), List.of(), Coverage.of(List.of()),
                List.of());
        assertThatThrownBy(() -> SnapshotMerge.merge(List.of(new SnapshotMerge.Input("shard-1.json", us),
                new SnapshotMerge.Input("shard-2.json", usScopeOnly))))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("overlapping shards")
                .hasMessageContaining("123456789012/us-east-1")
                .hasMessageContaining("shard-1.json and shard-2.json");
    }

    @Test
    void overlappingCoverage_isRefusedEvenWhenTheScopesListsDiffer() {
        Inventory whole = demo();
        Inventory us = regions(whole, "us-east-1"::equals, whole.capturedAt());
        Inventory coverageOnly = Inventory.of(whole.capturedAt(), List.of(), List.of(), us.coverage(), List.of());
        assertThatThrownBy(() -> SnapshotMerge.merge(List.of(new SnapshotMerge.Input("a.json", us),
                new SnapshotMerge.Input("b.json", coverageOnly))))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("overlapping shards: coverage of 123456789012/us-east-1/")
                .hasMessageContaining("a.json and b.json");
    }

    @Test
    void duplicateResourceArns_areRefused() {
        Inventory whole = demo();
        Inventory us = regions(whole, "us-east-1"::equals, whole.capturedAt());
        Inventory eu = regions(whole, "eu-west-1"::equals, whole.capturedAt());
        Resource stray = us.resources().get(0);
        List<Resource> euPlusStray = new ArrayList<>(eu.resources());
        euPlusStray.add(stray);
        Inventory euWithStray = Inventory.of(eu.capturedAt(), eu.scopes(), euPlusStray, eu.coverage(),
                eu.telemetry());
        assertThatThrownBy(() -> SnapshotMerge.merge(List.of(new SnapshotMerge.Input("us.json", us),
                new SnapshotMerge.Input("eu.json", euWithStray))))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("duplicate " + stray.typeName() + " ARN " + stray.arn())
                .hasMessageContaining("us.json and eu.json");
    }

    @Test
    void theSameFileTwice_isRefusedAsSuch() {
        assertThatThrownBy(() -> SnapshotMerge.readAndMerge(List.of(DEMO, DEMO)))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("overlapping shards")
                .hasMessageContaining("(given twice)");
    }

    @Test
    void unreadableInput_isRefusedWithFileLineAndColumn() throws Exception {
        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "{\n  \"schemaVersion\": 1,\n  \"kind\": \"relyscan-inventory\",\n  oops\n}\n",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SnapshotMerge.readAndMerge(List.of(DEMO, broken)))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith(broken + ":4:");
        assertThatThrownBy(() -> SnapshotMerge.readAndMerge(List.of(DEMO, tmp.resolve("missing.json"))))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("missing.json: inventory snapshot not found");
    }

    @Test
    void inputOfAnotherSchemaVersion_isRefused() throws Exception {
        String json = Files.readString(DEMO, StandardCharsets.UTF_8);
        assertThat(json).contains("\"schemaVersion\": 1");
        Path future = tmp.resolve("future.json");
        Files.writeString(future, json.replaceFirst("\"schemaVersion\": 1", "\"schemaVersion\": 2"),
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SnapshotMerge.readAndMerge(List.of(DEMO, future)))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith(future + ":")
                .hasMessageContaining("unsupported snapshot schema version 2");
    }

    @Test
    void noInput_isRefused() {
        assertThatThrownBy(() -> SnapshotMerge.merge(List.of()))
                .isInstanceOf(InputException.class).hasMessageContaining("at least one");
    }
}
