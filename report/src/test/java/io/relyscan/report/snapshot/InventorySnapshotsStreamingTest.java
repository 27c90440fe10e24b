package io.relyscan.report.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.relyscan.core.error.InputException;
import io.relyscan.core.inventory.Inventory;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reader decodes resources one at a time when they follow the header fields (as relyscan writes them) and
 * falls back to the whole tree otherwise: both give the same inventory and the same errors.
 */
class InventorySnapshotsStreamingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @SuppressWarnings("unchecked")
    private static byte[] reordered(Inventory inventory, List<String> order) throws Exception {
        Map<String, Object> doc = JSON.readValue(InventorySnapshots.toJson(inventory), LinkedHashMap.class);
        Map<String, Object> out = new LinkedHashMap<>();
        order.forEach(k -> out.put(k, doc.get(k)));
        doc.forEach(out::putIfAbsent);
        return JSON.writeValueAsBytes(out);
    }

    @Test
    void resourcesBeforeTheHeader_readAsWhenWrittenInOrder() throws Exception {
        Inventory inventory = SnapshotSamples.inventory(SnapshotSamples.everyFieldSet());
        byte[] resourcesFirst = reordered(inventory, List.of("resources", "coverage"));
        assertThat(InventorySnapshots.fromJson(resourcesFirst, "x.json")).isEqualTo(inventory);
        byte[] compact = reordered(inventory, List.of("schemaVersion", "kind", "capturedAt", "scopes"));
        assertThat(InventorySnapshots.fromJson(compact, "x.json")).isEqualTo(inventory);
    }

    @SuppressWarnings("unchecked")
    @Test
    void aBadSchemaVersion_isReportedBeforeAnyResourceProblem_inEitherOrder() throws Exception {
        Inventory inventory = SnapshotSamples.inventory(SnapshotSamples.everyFieldSet());
        for (List<String> order : List.of(List.of("schemaVersion", "kind", "capturedAt", "scopes", "resources"),
                List.of("resources", "schemaVersion"))) {
            Map<String, Object> doc = JSON.readValue(reordered(inventory, order), LinkedHashMap.class);
            doc.put("schemaVersion", 99);
            ((List<Object>) doc.get("resources")).add(Map.of("type", "NoSuchType"));
            byte[] json = JSON.writeValueAsBytes(doc);
            assertThatThrownBy(() -> InventorySnapshots.fromJson(json, "x.json")).isInstanceOf(InputException.class)
                    .hasMessageContaining("unsupported snapshot schema version 99");
        }
    }

    @Test
    void malformedJsonAfterTheResources_isReportedAsMalformed_notAsAResourceProblem() throws Exception {
        Inventory inventory = SnapshotSamples.inventory(SnapshotSamples.everyFieldSet());
        String json = new String(InventorySnapshots.toJson(inventory), java.nio.charset.StandardCharsets.UTF_8);
        String broken = json.replace("\"type\": \"DbInstance\"", "\"type\": \"NoSuchType\"")
                .replaceFirst("\"coverage\": \\[", "\"coverage\": [,");
        assertThatThrownBy(() -> InventorySnapshots.fromJson(broken.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "x.json")).isInstanceOf(InputException.class).hasMessageContaining("malformed JSON");
    }
}
