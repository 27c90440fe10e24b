package io.relyscan.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The parts of a relyscan JSON report (schema v1) the end-to-end tests assert on. */
final class ReportJson {
    static final String FILE_NAME = "relyscan-report.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One finding, reduced to what identifies it and its verdict. */
    record Row(String ruleId, String region, String name, String type, String outcome, String severity,
               String message) {
        /** The comparison key: severity only matters for failures. */
        String key() {
            return ruleId + " | " + region + " | " + name + " | " + outcome
                    + ("FAIL".equals(outcome) ? " | " + severity : "");
        }
    }

    /** One coverage entry. */
    record CoverageRow(String account, String region, String service, String status, String gaps) {
    }

    final JsonNode root;

    private ReportJson(JsonNode root) {
        this.root = root;
    }

    static ReportJson read(Path outputDir) {
        Path file = outputDir.resolve(FILE_NAME);
        try {
            return new ReportJson(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    int schemaVersion() {
        return root.path("schemaVersion").asInt(-1);
    }

    String kind() {
        return root.path("kind").asText();
    }

    boolean complete() {
        return root.path("complete").asBoolean(false);
    }

    JsonNode findingsNode() {
        return root.path("findings");
    }

    List<Row> findings() {
        List<Row> rows = new ArrayList<>();
        for (JsonNode f : root.path("findings")) {
            JsonNode r = f.path("resource");
            rows.add(new Row(f.path("ruleId").asText(), r.path("region").asText(), r.path("name").asText(),
                    r.path("type").asText(), f.path("outcome").asText(), f.path("severity").asText(),
                    f.path("message").asText()));
        }
        return rows;
    }

    /** The framework view ({@code --framework}), or a missing/null node. */
    JsonNode framework() {
        return root.path("framework");
    }

    /** The evaluated rules' metadata ("rules"). */
    JsonNode rulesNode() {
        return root.path("rules");
    }

    /** The one finding of this rule about the resource with this display name in this region. */
    JsonNode finding(String ruleId, String region, String name) {
        List<JsonNode> matches = new ArrayList<>();
        for (JsonNode f : root.path("findings")) {
            JsonNode r = f.path("resource");
            if (f.path("ruleId").asText().equals(ruleId) && r.path("region").asText().equals(region)
                    && r.path("name").asText().equals(name)) {
                matches.add(f);
            }
        }
        if (matches.size() != 1) {
            throw new AssertionError(matches.size() + " findings of " + ruleId + " about " + region + "/" + name);
        }
        return matches.get(0);
    }

    /** Each evaluated rule's id and the services it declares it reads ("inputs"). */
    java.util.Map<String, java.util.Set<String>> ruleInputs() {
        java.util.Map<String, java.util.Set<String>> inputs = new java.util.TreeMap<>();
        for (JsonNode r : root.path("rules")) {
            java.util.Set<String> services = new java.util.TreeSet<>();
            r.path("inputs").forEach(i -> services.add(i.asText()));
            inputs.put(r.path("id").asText(), services);
        }
        return inputs;
    }

    /** Per coverage entry ("region/service"), each operation called and its outcome ("OK" or the reasons). */
    java.util.Map<String, java.util.Map<String, String>> operations() {
        java.util.Map<String, java.util.Map<String, String>> out = new java.util.TreeMap<>();
        for (JsonNode c : root.path("coverage")) {
            java.util.Map<String, String> ops = new java.util.TreeMap<>();
            c.path("operations").forEach(o -> ops.put(o.path("operation").asText(), o.path("outcome").asText()));
            out.put(c.path("region").asText() + "/" + c.path("service").asText(), ops);
        }
        return out;
    }

    List<CoverageRow> coverage() {
        List<CoverageRow> rows = new ArrayList<>();
        for (JsonNode c : root.path("coverage")) {
            rows.add(new CoverageRow(c.path("account").asText(), c.path("region").asText(),
                    c.path("service").asText(), c.path("status").asText(), c.path("gaps").toString()));
        }
        return rows;
    }
}
