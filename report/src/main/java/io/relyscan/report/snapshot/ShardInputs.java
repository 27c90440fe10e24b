package io.relyscan.report.snapshot;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.error.InputException;
import io.relyscan.report.JsonReporter;
import io.relyscan.report.internal.JsonFormat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The input files of {@code relyscan merge}: tells inventory snapshots from scan reports by their {@code kind}
 * field, refuses a mix of both, and reads scan reports for {@link ReportMerge}.
 */
public final class ShardInputs {
    /** What a shard wrote. */
    public enum Kind {
        INVENTORY_SNAPSHOT(InventorySnapshots.KIND, "inventory snapshot"),
        SCAN_REPORT(JsonReporter.KIND, "scan report");

        private final String kindField;
        private final String description;

        Kind(String kindField, String description) {
            this.kindField = kindField;
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** Peeking at the kind reads at most this much of a file (the field comes second in both documents). */
    private static final int PEEK_BYTES = 64 * 1024;

    private ShardInputs() {
    }

    /**
     * The kind shared by every file.
     *
     * @throws InputException naming the files when a file is neither kind, or when the kinds are mixed
     */
    public static Kind kindOf(List<Path> files) {
        Objects.requireNonNull(files, "files");
        if (files.isEmpty()) {
            throw new InputException("merge: at least one input file is required");
        }
        Map<Kind, List<String>> byKind = new LinkedHashMap<>();
        for (Path file : files) {
            byKind.computeIfAbsent(kindOf(file), k -> new ArrayList<>()).add(file.toString());
        }
        if (byKind.size() > 1) {
            throw new InputException("merge: the inputs mix inventory snapshots ("
                    + String.join(", ", byKind.get(Kind.INVENTORY_SNAPSHOT)) + ") and scan reports ("
                    + String.join(", ", byKind.get(Kind.SCAN_REPORT)) + "); merge the shards' inventory snapshots "
                    + "or their JSON reports, not both");
        }
        return byKind.keySet().iterator().next();
    }

    /** The kind of one file, from its top-level {@code kind} field. */
    static Kind kindOf(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(PEEK_BYTES);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        String kind = peekKind(head);
        for (Kind k : Kind.values()) {
            if (k.kindField.equals(kind)) {
                return k;
            }
        }
        throw notAShardFile(file);
    }

    /** Reads the whole file to say precisely (with line and column) why it is neither kind. */
    private static InputException notAShardFile(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return unreadable(file, e);
        }
        String source = file.toString();
        JsonNode root = JsonNode.parse(bytes, source);
        String expected = "expected \"" + InventorySnapshots.KIND + "\" (an inventory snapshot) or \""
                + JsonReporter.KIND + "\" (a scan report)";
        if (root.kind != JsonNode.Kind.OBJECT) {
            return Problems.at(source, root, "", "expected a JSON object (an inventory snapshot or a scan report), "
                    + "got " + root.describe());
        }
        JsonNode kind = root.fields.get("kind");
        if (kind == null) {
            return Problems.at(source, root, "kind", "required field is missing; " + expected);
        }
        return Problems.at(source, kind, "kind", expected + ", got " + kind.describe());
    }

    /** The string value of the top-level "kind" field, or null when it is not found in the bytes given. */
    private static String peekKind(byte[] head) {
        try (JsonParser p = JsonFormat.parser(head)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("kind".equals(name)) {
                    return value == JsonToken.VALUE_STRING ? p.getText() : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads every scan report with the strict reader, then merges them (see {@link ReportMerge}). */
    public static ScanReport readAndMergeReports(List<Path> files) {
        List<ReportMerge.Input> inputs = new ArrayList<>(files.size());
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw unreadable(file, e);
            }
            inputs.add(new ReportMerge.Input(file.toString(), JsonReports.fromJson(bytes, file.toString())));
        }
        return ReportMerge.merge(inputs);
    }

    private static InputException unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new InputException(file + ": not found (no such file)");
        }
        if (e instanceof AccessDeniedException) {
            return new InputException(file + ": cannot read: permission denied");
        }
        if (Files.isDirectory(file)) {
            return new InputException(file + ": is a directory, not a snapshot or report file");
        }
        return new InputException(file + ": cannot read: " + e.getMessage(), e);
    }
}
