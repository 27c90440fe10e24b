package io.relyscan.report.snapshot;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.relyscan.core.error.InputException;
import io.relyscan.core.inventory.Coverage;
import io.relyscan.core.inventory.CoverageEntry;
import io.relyscan.core.inventory.EndpointTelemetry;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.inventory.Resource;
import io.relyscan.core.inventory.ResourceTypes;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.report.AtomicFiles;
import io.relyscan.report.internal.JsonFormat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The inventory snapshot: a versioned JSON document holding everything a scan collected, so that rules can
 * be evaluated again offline. Lossless: {@code fromJson(toJson(x)).equals(x)}, and writing what was read
 * gives the same bytes. The format is described in docs/json-report.md ("Inventory snapshot").
 *
 * <pre>
 * {"schemaVersion": 1, "kind": "relyscan-inventory", "capturedAt": "2026-11-28T12:00:00Z",
 *  "scopes": [{"account", "region"}], "resources": [{"type": "DbInstance", ...components...}],
 *  "coverage": [{"account", "region", "service", "status", "gaps": [...]}], "telemetry": [...]}
 * </pre>
 */
public final class InventorySnapshots {
    public static final String KIND = "relyscan-inventory";
    /** The schema version this release writes. */
    public static final int SCHEMA_VERSION = Inventory.SCHEMA_VERSION;
    /** The schema versions this release reads. */
    public static final Set<Integer> READABLE_VERSIONS = Set.of(SCHEMA_VERSION);

    static {
        for (Class<? extends Resource> type : ResourceTypes.all().values()) {
            RecordCodec.requireSupported(type);
        }
        RecordCodec.requireSupported(ScanScope.class);
        RecordCodec.requireSupported(CoverageEntry.class);
        RecordCodec.requireSupported(EndpointTelemetry.class);
    }

    private InventorySnapshots() {
    }

    /** The snapshot document, UTF-8, pretty-printed and deterministic. */
    public static byte[] toJson(Inventory inventory) {
        return JsonFormat.write(body(inventory));
    }

    private static JsonFormat.JsonBody body(Inventory inventory) {
        Objects.requireNonNull(inventory, "inventory");
        return g -> {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", SCHEMA_VERSION);
            g.writeStringField("kind", KIND);
            g.writeStringField("capturedAt", DateTimeFormatter.ISO_INSTANT.format(inventory.capturedAt()));
            g.writeArrayFieldStart("scopes");
            for (ScanScope scope : inventory.scopes()) {
                RecordCodec.writeRecord(g, scope, null);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("resources");
            for (Resource resource : inventory.resources()) {
                // Every Resource is a record (the interface is sealed to record types). A component called
                // "type" is renamed so as not to collide with the discriminator: see RecordCodec.fieldName.
                RecordCodec.writeRecord(g, (Record) resource, resource.typeName());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("coverage");
            for (CoverageEntry entry : inventory.coverage().entries()) {
                RecordCodec.writeRecord(g, entry, null);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("telemetry");
            for (EndpointTelemetry t : inventory.telemetry()) {
                RecordCodec.writeRecord(g, t, null);
            }
            g.writeEndArray();
            g.writeEndObject();
        };
    }

    /**
     * Reads a snapshot document.
     *
     * @param sourceName names the document in error messages, usually the file path
     * @throws InputException {@code source:line:column: field.path: problem} for malformed JSON, missing or
     *                        ill-typed fields, unknown resource types and unsupported schema versions
     */
    public static Inventory fromJson(byte[] json, String sourceName) {
        Objects.requireNonNull(json, "json");
        String source = sourceName == null || sourceName.isBlank() ? "<snapshot>" : sourceName;
        // Checking the whole document first keeps the errors (and their precedence) of reading it as one tree;
        // the resources are then decoded one at a time, never as a tree of the whole document.
        JsonNode.check(json, source);
        return new Reader(source).stream(json);
    }

    /**
     * Writes the snapshot atomically (see {@link AtomicFiles}): the bytes of {@link #toJson}, streamed to the
     * file rather than built in memory first (a million resources make a document of about 600 MB).
     */
    public static void write(Inventory inventory, Path file) {
        JsonFormat.JsonBody body = body(inventory);
        AtomicFiles.write(file, out -> JsonFormat.write(out, body));
    }

    /** Reads a snapshot file; a missing or unreadable file is an {@link InputException} naming it. */
    public static Inventory read(Path file) {
        Objects.requireNonNull(file, "file");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": inventory snapshot not found (no such file)");
        } catch (AccessDeniedException e) {
            throw new InputException(file + ": cannot read inventory snapshot: permission denied");
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                throw new InputException(file + ": is a directory, not an inventory snapshot file");
            }
            throw new InputException(file + ": cannot read inventory snapshot: " + e.getMessage(), e);
        }
        return fromJson(bytes, file.toString());
    }

    /** Decodes the document tree, checking the header before anything else. */
    private static final class Reader {
        private final String source;
        private final RecordCodec codec;

        Reader(String source) {
            this.source = source;
            this.codec = new RecordCodec(source);
        }

        /**
         * Reads a document {@link JsonNode#check} accepted, with the errors {@link #inventory} gives for its
         * tree: the top-level fields are read as trees, except the resources array, which (when it follows the
         * header fields, as in every snapshot relyscan writes) is decoded element by element after the header
         * is checked, the first step {@link #inventory} takes too.
         */
        Inventory stream(byte[] json) {
            try (JsonParser p = JsonFormat.parser(json)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return inventory(JsonNode.parse(json, source));
                }
                JsonLocation at = p.currentTokenLocation();
                Map<String, JsonNode> fields = new LinkedHashMap<>();
                Header header = null;
                List<Resource> resources = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (name.equals("resources") && value == JsonToken.START_ARRAY
                            && fields.keySet().containsAll(HEADER_FIELDS)) {
                        header = header(JsonNode.object(at.getLineNr(), at.getColumnNr(), fields));
                        resources = new ArrayList<>();
                        Map<ResourceKey, Integer> seen = new HashMap<>();
                        JsonToken t;
                        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                            resources.add(resource(JsonNode.read(p, t), resources.size(), seen));
                        }
                    } else {
                        fields.put(name, JsonNode.read(p, value));
                    }
                }
                JsonNode root = JsonNode.object(at.getLineNr(), at.getColumnNr(), fields);
                return resources == null ? inventory(root) : inventory(root, header, resources);
            } catch (IOException e) {
                throw Problems.at(source, 0, 0, "", "cannot read JSON: " + e.getMessage());
            }
        }

        private static final List<String> HEADER_FIELDS = List.of("schemaVersion", "kind", "capturedAt", "scopes");

        private record Header(Instant capturedAt, List<ScanScope> scopes) {
        }

        Inventory inventory(JsonNode root) {
            if (root.kind != JsonNode.Kind.OBJECT) {
                throw Problems.at(source, root, "", "expected a JSON object (an inventory snapshot), got "
                        + root.describe());
            }
            Header header = header(root);
            return inventory(root, header, resources(array(root, "resources")));
        }

        private Header header(JsonNode root) {
            version(root);
            kind(root);
            Instant capturedAt = capturedAt(required(root, "capturedAt"));
            List<ScanScope> scopes = new ArrayList<>();
            JsonNode scopeNodes = array(root, "scopes");
            for (int i = 0; i < scopeNodes.elements.size(); i++) {
                scopes.add(codec.readRecord(scopeNodes.elements.get(i), ScanScope.class, "scopes[" + i + "]"));
            }
            return new Header(capturedAt, scopes);
        }

        private Inventory inventory(JsonNode root, Header header, List<Resource> resources) {
            Instant capturedAt = header.capturedAt();
            List<ScanScope> scopes = header.scopes();
            Coverage coverage = coverage(array(root, "coverage"));
            List<EndpointTelemetry> telemetry = new ArrayList<>();
            JsonNode telemetryNodes = root.fields.get("telemetry");
            if (telemetryNodes != null && telemetryNodes.kind != JsonNode.Kind.NULL) {
                requireArray(telemetryNodes, "telemetry");
                for (int i = 0; i < telemetryNodes.elements.size(); i++) {
                    telemetry.add(codec.readRecord(telemetryNodes.elements.get(i), EndpointTelemetry.class,
                            "telemetry[" + i + "]"));
                }
            }
            try {
                return Inventory.of(capturedAt, scopes, resources, coverage, telemetry);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw Problems.at(source, root, "", "inconsistent inventory: " + Problems.cap(e.getMessage()));
            }
        }

        private void version(JsonNode root) {
            JsonNode node = required(root, "schemaVersion");
            if (node.kind != JsonNode.Kind.INTEGER) {
                throw Problems.at(source, node, "schemaVersion", "expected an integer, got " + node.describe());
            }
            boolean readable = node.text().length() < 10 && READABLE_VERSIONS.contains(Integer.parseInt(node.text()));
            if (!readable) {
                throw Problems.at(source, node, "schemaVersion", "unsupported snapshot schema version "
                        + Problems.cap(node.text()) + "; this relyscan reads schema version " + SCHEMA_VERSION
                        + " (supported: " + READABLE_VERSIONS.stream().sorted().map(String::valueOf).toList()
                        + "). Capture the inventory again with this release, or read it with the release that"
                        + " wrote it");
            }
        }

        private void kind(JsonNode root) {
            JsonNode node = required(root, "kind");
            if (node.kind != JsonNode.Kind.STRING || !KIND.equals(node.text())) {
                String hint = node.kind == JsonNode.Kind.STRING && "relyscan-report".equals(node.text())
                        ? " (this is a scan report, not an inventory snapshot)" : "";
                throw Problems.at(source, node, "kind", "expected \"" + KIND + "\", got " + node.describe() + hint);
            }
        }

        private Instant capturedAt(JsonNode node) {
            if (node.kind != JsonNode.Kind.STRING) {
                throw Problems.at(source, node, "capturedAt", "expected an ISO-8601 UTC timestamp string, got "
                        + node.describe());
            }
            try {
                return Instant.parse(node.text());
            } catch (DateTimeParseException e) {
                throw Problems.at(source, node, "capturedAt", "expected an ISO-8601 UTC timestamp such as "
                        + "2026-11-28T12:00:00Z, got " + node.describe());
            }
        }

        /** Identifies a resource for the duplicate check: its type and ARN. */
        private record ResourceKey(Class<?> type, String arn) {
        }

        private List<Resource> resources(JsonNode nodes) {
            List<Resource> resources = new ArrayList<>(nodes.elements.size());
            Map<ResourceKey, Integer> seen = new HashMap<>();
            for (int i = 0; i < nodes.elements.size(); i++) {
                resources.add(resource(nodes.elements.get(i), i, seen));
            }
            return resources;
        }

        /** The i-th resource; {@code seen} holds the index of every resource read before it. */
        private Resource resource(JsonNode node, int i, Map<ResourceKey, Integer> seen) {
            String path = "resources[" + i + "]";
            if (node.kind != JsonNode.Kind.OBJECT) {
                throw Problems.at(source, node, path, "expected an object, got " + node.describe());
            }
            JsonNode typeNode = node.fields.get("type");
            if (typeNode == null) {
                throw Problems.at(source, node, path + ".type", "required field is missing (the resource type,"
                        + " one of " + String.join(", ", ResourceTypes.all().keySet()) + ")");
            }
            if (typeNode.kind != JsonNode.Kind.STRING) {
                throw Problems.at(source, typeNode, path + ".type", "expected a string, got "
                        + typeNode.describe());
            }
            Class<? extends Resource> type = ResourceTypes.byName(typeNode.text()).orElseThrow(() ->
                    Problems.at(source, typeNode, path + ".type", "unknown resource type "
                            + Problems.quote(typeNode.text()) + "; known types: "
                            + String.join(", ", ResourceTypes.all().keySet())));
            Resource resource = (Resource) codec.readRecord(node, type.asSubclass(Record.class), path,
                    typeNode.text());
            Integer previous = seen.putIfAbsent(new ResourceKey(resource.getClass(), resource.arn()), i);
            if (previous != null) {
                JsonNode at = node.fields.getOrDefault("arn", node);
                throw Problems.at(source, at, path + ".arn", "duplicate " + resource.typeName() + " ARN, also at "
                        + "resources[" + previous + "]");
            }
            return resource;
        }

        private Coverage coverage(JsonNode nodes) {
            List<CoverageEntry> entries = new ArrayList<>(nodes.elements.size());
            Map<String, String> seen = new HashMap<>();
            for (int i = 0; i < nodes.elements.size(); i++) {
                String path = "coverage[" + i + "]";
                JsonNode node = nodes.elements.get(i);
                CoverageEntry entry = codec.readRecord(node, CoverageEntry.class, path);
                String previous = seen.putIfAbsent(entry.account() + "/" + entry.region() + "/"
                        + entry.service().id(), path);
                if (previous != null) {
                    throw Problems.at(source, node, path, "duplicate coverage entry for " + entry.account() + "/"
                            + Problems.cap(entry.region()) + "/" + entry.service().id() + ", also at " + previous);
                }
                entries.add(entry);
            }
            return Coverage.of(entries);
        }

        private JsonNode required(JsonNode object, String field) {
            JsonNode node = object.fields.get(field);
            if (node == null) {
                throw Problems.at(source, object, field, "required field is missing");
            }
            return node;
        }

        private JsonNode array(JsonNode object, String field) {
            JsonNode node = required(object, field);
            requireArray(node, field);
            return node;
        }

        private void requireArray(JsonNode node, String path) {
            if (node.kind != JsonNode.Kind.ARRAY) {
                throw Problems.at(source, node, path, "expected an array, got " + node.describe());
            }
        }
    }
}
