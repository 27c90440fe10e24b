package io.relyscan.report.snapshot;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.relyscan.core.baseline.BaselineComparison;
import io.relyscan.core.baseline.BaselineStatus;
import io.relyscan.core.baseline.ResolvedFinding;
import io.relyscan.core.engine.CatalogVersion;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.error.InputException;
import io.relyscan.core.framework.ControlDefinition;
import io.relyscan.core.framework.ControlStatus;
import io.relyscan.core.framework.ControlView;
import io.relyscan.core.framework.FrameworkView;
import io.relyscan.core.framework.RuleMapping;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.Coverage;
import io.relyscan.core.inventory.CoverageEntry;
import io.relyscan.core.inventory.EndpointTelemetry;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.MappingSource;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.ParameterType;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.RuleParameter;
import io.relyscan.core.rule.Severity;
import io.relyscan.core.waiver.ArnPattern;
import io.relyscan.core.waiver.Waiver;
import io.relyscan.core.waiver.WaiverSet;
import io.relyscan.core.waiver.WaiverStatus;
import io.relyscan.report.JsonReporter;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads a JSON scan report (written by {@link JsonReporter}, described in docs/json-report.md) back into the
 * {@link ScanReport} model, so that the reports of the shards of a distributed run can be merged, and an earlier
 * report used as a baseline. Faithful: rendering what was read gives the bytes that were read. {@code summary},
 * {@code complete}, {@code waivers[].unused}, {@code baseline.counts} and {@code findings[].waiver} are not read:
 * they follow from the rest. Reports written before {@code waivers} and {@code baseline} existed read as having
 * none.
 * <p>
 * The report must carry its rule catalog version ({@code catalog}); reports written before relyscan recorded
 * it are refused, since nothing would tell whether their findings were decided by the same rules.
 */
public final class JsonReports {
    private JsonReports() {
    }

    /**
     * Reads a report document.
     *
     * @param sourceName names the document in error messages, usually the file path
     * @throws InputException {@code source:line:column: field.path: problem} for anything malformed
     */
    public static ScanReport fromJson(byte[] json, String sourceName) {
        Objects.requireNonNull(json, "json");
        String source = sourceName == null || sourceName.isBlank() ? "<report>" : sourceName;
        return new Reader(source).report(JsonNode.parse(json, source));
    }

    /**
     * Reads what a baseline comparison ({@link BaselineComparison#of}) uses from a report file, streaming it: the
     * whole document is checked as {@link #fromJson} checks it (same errors, same order), but of the findings only
     * the failing ones ({@link WaiverSet#isFailure}) are kept, decoded one at a time; the report's own
     * {@code baseline} is checked and dropped (null). The file is never held in memory whole: a report of a million
     * resources (about 2 GB, two million findings) reads in the memory its failures take.
     *
     * @param sourceName names the document in error messages, usually the file path
     * @throws InputException {@code source:line:column: field.path: problem} for anything malformed
     */
    public static ScanReport readFailures(Path file, String sourceName) {
        Objects.requireNonNull(file, "file");
        String source = sourceName == null || sourceName.isBlank() ? "<report>" : sourceName;
        JsonNode.check(file, source);
        return new Reader(source).failures(file);
    }

    private static final class Reader {
        private final String source;
        private final RecordCodec codec;

        Reader(String source) {
            this.source = source;
            this.codec = new RecordCodec(source);
        }

        ScanReport report(JsonNode root) {
            Head head = head(root);
            List<Finding> findings = each(root, "findings", this::finding);
            return rest(root, head, findings, () -> statuses(array(root, "findings", ""), findings));
        }

        /** What precedes the findings, in the order they are checked. */
        private record Head(String toolVersion, CatalogVersion catalog, Instant capturedAt, List<ScanScope> scopes,
                            List<RuleMetadata> rules) {
        }

        /** The fields {@link #head} reads: once they are in, the findings can be decoded one at a time. */
        private static final List<String> HEAD_FIELDS = List.of("kind", "schemaVersion", "tool", "catalog",
                "capturedAt", "scopes", "rules");

        private Head head(JsonNode root) {
            if (root.kind != JsonNode.Kind.OBJECT) {
                throw Problems.at(source, root, "", "expected a JSON object (a scan report), got " + root.describe());
            }
            header(root);
            String toolVersion = text(object(root, "tool", ""), "version", "tool");
            JsonNode catalogNode = root.fields.get("catalog");
            if (catalogNode == null || catalogNode.kind == JsonNode.Kind.NULL) {
                throw Problems.at(source, root, "catalog", "the report has no rule catalog version (it was written "
                        + "by a relyscan before 'catalog' was recorded), so it cannot be checked against the other "
                        + "inputs; scan again with this release");
            }
            CatalogVersion catalog = build(catalogNode, "catalog", () -> new CatalogVersion(
                    text(catalogNode, "toolVersion", "catalog"), text(catalogNode, "digest", "catalog")));
            Instant capturedAt = instant(required(root, "capturedAt", ""), "capturedAt");
            List<ScanScope> scopes = each(root, "scopes", (n, p) -> codec.readRecord(n, ScanScope.class, p));
            List<RuleMetadata> rules = each(root, "rules", this::rule);
            return new Head(toolVersion, catalog, capturedAt, scopes, rules);
        }

        /** What follows the findings; {@code statuses} gives the NEW/PERSISTING status read from them. */
        private ScanReport rest(JsonNode root, Head head, List<Finding> findings,
                                Supplier<Map<String, BaselineStatus>> statuses) {
            List<CoverageEntry> coverage = each(root, "coverage", (n, p) -> codec.readRecord(n, CoverageEntry.class,
                    p));
            List<EndpointTelemetry> telemetry = each(root, "telemetry",
                    (n, p) -> codec.readRecord(n, EndpointTelemetry.class, p));
            JsonNode frameworkNode = root.fields.get("framework");
            FrameworkView framework = frameworkNode == null || frameworkNode.kind == JsonNode.Kind.NULL ? null
                    : framework(frameworkNode, "framework");
            List<WaiverStatus> waivers = root.fields.containsKey("waivers") ? each(root, "waivers", this::waiver)
                    : List.of();
            JsonNode baselineNode = root.fields.get("baseline");
            BaselineComparison baseline = baselineNode == null || baselineNode.kind == JsonNode.Kind.NULL ? null
                    : baseline(baselineNode, statuses);
            return build(root, "", () -> new ScanReport(head.toolVersion(), head.capturedAt(), head.scopes(),
                    head.rules(), findings, Coverage.of(coverage), telemetry, framework, head.catalog(), waivers,
                    baseline));
        }

        /**
         * The failing findings of a report, streamed: the document (already checked by {@link JsonNode#check})
         * is read field by field as trees, except the findings, which (when they follow the {@link #HEAD_FIELDS},
         * as in every report relyscan writes) are decoded one at a time after the head is checked, the first step
         * {@link #report} takes too, so the errors are those of {@link #report} and come in the same order.
         * Otherwise the findings are read as a tree: same result, without the memory saving.
         */
        ScanReport failures(Path file) {
            try (JsonParser p = JsonNode.parser(file)) {
                JsonToken first = p.nextToken();
                if (first != JsonToken.START_OBJECT) {
                    return onlyFailures(report(JsonNode.read(p, first)));
                }
                JsonLocation at = p.currentTokenLocation();
                Map<String, JsonNode> fields = new LinkedHashMap<>();
                Head head = null;
                List<Finding> failures = new ArrayList<>();
                InputException statusProblem = null;
                boolean headerChecked = false;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (name.equals("findings") && value == JsonToken.START_ARRAY
                            && fields.keySet().containsAll(HEAD_FIELDS)) {
                        head = head(JsonNode.object(at.getLineNr(), at.getColumnNr(), fields));
                        JsonToken t;
                        for (int i = 0; (t = p.nextToken()) != JsonToken.END_ARRAY; i++) {
                            JsonNode element = JsonNode.read(p, t);
                            Finding finding = element(element, "findings[" + i + "]", this::finding);
                            if (WaiverSet.isFailure(finding)) {
                                failures.add(finding);
                            }
                            try {
                                if (statusProblem == null) {
                                    status(element, i);
                                }
                            } catch (InputException e) {
                                statusProblem = e; // reported where report() reports it: with the baseline
                            }
                        }
                    } else {
                        fields.put(name, JsonNode.read(p, value));
                        if (!headerChecked && headerDecided(fields)) {
                            header(JsonNode.object(at.getLineNr(), at.getColumnNr(), fields));
                            headerChecked = true;
                        }
                    }
                }
                JsonNode root = JsonNode.object(at.getLineNr(), at.getColumnNr(), fields);
                if (head == null) {
                    return onlyFailures(report(root));
                }
                InputException problem = statusProblem;
                ScanReport report = rest(root, head, failures, () -> {
                    if (problem != null) {
                        throw problem;
                    }
                    return Map.of();
                });
                return report.withBaseline(null);
            } catch (IOException e) {
                throw Problems.at(source, 0, 0, "", "cannot read JSON: " + e.getMessage());
            }
        }

        /**
         * True once {@link #header} can give its verdict from the fields read so far: a wrong {@code kind} (an
         * inventory snapshot, say) is its first error whatever follows, so it is reported before the rest of a
         * possibly large document is read.
         */
        private static boolean headerDecided(Map<String, JsonNode> fields) {
            JsonNode kind = fields.get("kind");
            return kind != null && (fields.containsKey("schemaVersion") || kind.kind != JsonNode.Kind.STRING
                    || !JsonReporter.KIND.equals(kind.text()));
        }

        private static ScanReport onlyFailures(ScanReport r) {
            return new ScanReport(r.toolVersion(), r.capturedAt(), r.scopes(), r.rules(),
                    r.findings().stream().filter(WaiverSet::isFailure).toList(), r.coverage(), r.telemetry(),
                    r.framework(), r.catalog(), r.waivers(), null);
        }

        /** One entry of {@code waivers}; {@code unused} follows from the rest and is not read. */
        private WaiverStatus waiver(JsonNode n, String path) {
            String patternText = text(n, "resourcePattern", path);
            ArnPattern pattern = patternText == null ? null : build(required(n, "resourcePattern", path),
                    join(path, "resourcePattern"), () -> ArnPattern.of(patternText));
            LocalDate expires = text(n, "expires", path) == null ? null
                    : date(required(n, "expires", path), join(path, "expires"));
            Waiver waiver = build(n, path, () -> new Waiver(text(n, "id", path), text(n, "ruleId", path), pattern,
                    text(n, "account", path), text(n, "region", path), text(n, "reason", path),
                    text(n, "owner", path), expires, text(n, "source", path)));
            return new WaiverStatus(waiver, bool(n, "expired", path),
                    count(required(n, "suppressed", path), join(path, "suppressed")),
                    count(required(n, "matchedWhileExpired", path), join(path, "matchedWhileExpired")));
        }

        /**
         * {@code baseline}: the NEW/PERSISTING status of each failure is read from the findings
         * ({@code findings[].baseline}); {@code counts} follow from the rest and are not read.
         */
        private BaselineComparison baseline(JsonNode n, Supplier<Map<String, BaselineStatus>> statuses) {
            String path = "baseline";
            if (n.kind != JsonNode.Kind.OBJECT) {
                throw Problems.at(source, n, path, "expected an object or null, got " + n.describe());
            }
            Map<String, BaselineStatus> status = statuses.get();
            List<ResolvedFinding> resolved = each(n, "resolved", path, (r, p) -> {
                JsonNode now = required(r, "now", p);
                Outcome outcome = now.kind == JsonNode.Kind.NULL ? null : enumOf(Outcome.class, r, "now", p);
                if (outcome != null && outcome != Outcome.PASS && outcome != Outcome.NOT_APPLICABLE) {
                    throw Problems.at(source, now, join(p, "now"), "expected PASS, NOT_APPLICABLE or null (gone), "
                            + "got " + now.describe());
                }
                Finding previous = finding(object(r, "previous", p), join(p, "previous"));
                return build(r, p, () -> new ResolvedFinding(previous, outcome));
            });
            List<Finding> notRechecked = each(n, "notRechecked", path, this::finding);
            Instant capturedAt = instant(required(n, "capturedAt", path), join(path, "capturedAt"));
            return build(n, path, () -> new BaselineComparison(text(n, "source", path), capturedAt,
                    text(n, "catalogDigest", path), status, resolved, notRechecked));
        }

        /** The NEW/PERSISTING status of each finding that has one, by finding id. */
        private Map<String, BaselineStatus> statuses(JsonNode findingNodes, List<Finding> findings) {
            Map<String, BaselineStatus> status = new LinkedHashMap<>();
            for (int i = 0; i < findingNodes.elements.size(); i++) {
                BaselineStatus s = status(findingNodes.elements.get(i), i);
                if (s != null) {
                    status.put(findings.get(i).id(), s);
                }
            }
            return status;
        }

        /** {@code findings[i].baseline}: null when absent or null. */
        private BaselineStatus status(JsonNode finding, int i) {
            JsonNode f = finding.fields.get("baseline");
            if (f == null || f.kind == JsonNode.Kind.NULL) {
                return null;
            }
            BaselineStatus s = enumOf(BaselineStatus.class, finding, "baseline", "findings[" + i + "]");
            if (s == BaselineStatus.RESOLVED) {
                throw Problems.at(source, f, "findings[" + i + "].baseline", "a finding of this scan is NEW or "
                        + "PERSISTING, never RESOLVED");
            }
            return s;
        }

        private void header(JsonNode root) {
            JsonNode kind = required(root, "kind", "");
            if (kind.kind != JsonNode.Kind.STRING || !JsonReporter.KIND.equals(kind.text())) {
                String hint = kind.kind == JsonNode.Kind.STRING && InventorySnapshots.KIND.equals(kind.text())
                        ? " (this is an inventory snapshot, not a scan report)" : "";
                throw Problems.at(source, kind, "kind", "expected \"" + JsonReporter.KIND + "\", got "
                        + kind.describe() + hint);
            }
            JsonNode version = required(root, "schemaVersion", "");
            if (version.kind != JsonNode.Kind.INTEGER
                    || !String.valueOf(JsonReporter.SCHEMA_VERSION).equals(version.text())) {
                throw Problems.at(source, version, "schemaVersion", "unsupported report schema version "
                        + version.describe() + "; this relyscan reads report schema version "
                        + JsonReporter.SCHEMA_VERSION);
            }
        }

        private RuleMetadata rule(JsonNode n, String path) {
            List<ControlRef> controls = each(n, "controls", path, (c, p) -> build(c, p, () -> new ControlRef(
                    enumOf(Framework.class, c, "framework", p, f -> Framework.byId(f).orElse(null)),
                    text(c, "controlId", p), enumOf(MappingSource.class, c, "source", p))));
            List<RuleParameter> parameters = each(n, "parameters", path, (c, p) -> build(c, p,
                    () -> new RuleParameter(text(c, "name", p), enumOf(ParameterType.class, c, "type", p),
                            text(c, "default", p), integer(c, "minimum", p), integer(c, "maximum", p),
                            text(c, "description", p))));
            Set<AwsService> inputs = EnumSet.noneOf(AwsService.class);
            JsonNode inputNodes = array(n, "inputs", path);
            for (int i = 0; i < inputNodes.elements.size(); i++) {
                inputs.add(service(inputNodes.elements.get(i), path + ".inputs[" + i + "]"));
            }
            return build(n, path, () -> new RuleMetadata(text(n, "id", path), text(n, "catalogId", path),
                    text(n, "title", path), enumOf(Severity.class, n, "severity", path), text(n, "resourceType", path),
                    text(n, "rationale", path), text(n, "remediation", path), controls, parameters, inputs));
        }

        private Finding finding(JsonNode n, String path) {
            JsonNode resource = object(n, "resource", path);
            String resourcePath = path + ".resource";
            Map<String, Object> evidence = new LinkedHashMap<>();
            object(n, "evidence", path).fields.forEach((k, v) -> evidence.put(k, value(v)));
            Map<String, String> parameters = new LinkedHashMap<>();
            JsonNode parameterNodes = object(n, "parameters", path);
            parameterNodes.fields.keySet().forEach(k -> parameters.put(k, text(parameterNodes, k, path
                    + ".parameters")));
            Finding finding = build(n, path, () -> new Finding(text(n, "id", path), text(n, "ruleId", path),
                    text(resource, "arn", resourcePath), text(resource, "type", resourcePath),
                    text(resource, "name", resourcePath), text(resource, "account", resourcePath),
                    text(resource, "region", resourcePath), enumOf(Outcome.class, n, "outcome", path),
                    enumOf(Severity.class, n, "severity", path), text(n, "message", path), evidence, parameters));
            if (finding.id() == null || finding.id().isBlank()) {
                throw Problems.at(source, n, path + ".id", "required field is missing");
            }
            return finding;
        }

        private FrameworkView framework(JsonNode n, String path) {
            Framework framework = enumOf(Framework.class, n, "id", path, f -> Framework.byId(f).orElse(null));
            List<ControlView> controls = each(n, "controls", path, (c, p) -> {
                List<RuleMapping> rules = each(c, "rules", p, (r, rp) -> build(r, rp, () -> new RuleMapping(
                        text(r, "id", rp), enumOf(MappingSource.class, r, "source", rp))));
                Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
                JsonNode findings = object(c, "findings", p);
                for (Outcome o : Outcome.values()) {
                    JsonNode count = findings.fields.get(o.name());
                    if (count != null) {
                        counts.put(o, longValue(count, p + ".findings." + o.name()));
                    }
                }
                return build(c, p, () -> new ControlView(ControlDefinition.of(framework, text(c, "id", p),
                        text(c, "title", p)), rules, counts, enumOf(ControlStatus.class, c, "status", p)));
            });
            return build(n, path, () -> new FrameworkView(framework, controls));
        }

        // ---- values -----------------------------------------------------------------------------------

        /** Evidence values as the reporter writes them back: see JsonFormat.value. */
        private Object value(JsonNode n) {
            return switch (n.kind) {
                case NULL -> null;
                case STRING -> n.text();
                case BOOLEAN -> n.scalar;
                case INTEGER -> {
                    BigInteger big = new BigInteger(n.text());
                    yield big.bitLength() < 64 ? (Object) big.longValue() : big;
                }
                case DECIMAL -> {
                    double d = Double.parseDouble(n.text());
                    yield Double.isFinite(d) && Double.toString(d).equals(n.text()) ? (Object) d
                            : new BigDecimal(n.text());
                }
                case ARRAY -> {
                    List<Object> items = new ArrayList<>(n.elements.size());
                    n.elements.forEach(e -> items.add(value(e)));
                    yield items;
                }
                case OBJECT -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    n.fields.forEach((k, v) -> map.put(k, value(v)));
                    yield map;
                }
            };
        }

        private AwsService service(JsonNode n, String path) {
            if (n.kind != JsonNode.Kind.STRING) {
                throw Problems.at(source, n, path, "expected a service id, got " + n.describe());
            }
            return AwsService.fromId(n.text()).orElseThrow(() -> Problems.at(source, n, path, "unknown service "
                    + Problems.quote(n.text())));
        }

        private <E extends Enum<E>> E enumOf(Class<E> type, JsonNode object, String field, String path) {
            return enumOf(type, object, field, path, name -> {
                try {
                    return Enum.valueOf(type, name);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            });
        }

        private <E extends Enum<E>> E enumOf(Class<E> type, JsonNode object, String field, String path,
                                             Function<String, E> parse) {
            JsonNode n = required(object, field, path);
            E value = n.kind == JsonNode.Kind.STRING ? parse.apply(n.text()) : null;
            if (value == null) {
                throw Problems.at(source, n, join(path, field), "expected one of "
                        + Arrays.stream(type.getEnumConstants()).map(Enum::name).toList() + ", got " + n.describe());
            }
            return value;
        }

        /** A string field; JSON null gives null, an absent field or another type is an error. */
        private String text(JsonNode object, String field, String path) {
            JsonNode n = required(object, field, path);
            if (n.kind == JsonNode.Kind.NULL) {
                return null;
            }
            if (n.kind != JsonNode.Kind.STRING) {
                throw Problems.at(source, n, join(path, field), "expected a string, got " + n.describe());
            }
            return n.text();
        }

        private Integer integer(JsonNode object, String field, String path) {
            JsonNode n = required(object, field, path);
            if (n.kind == JsonNode.Kind.NULL) {
                return null;
            }
            long value = longValue(n, join(path, field));
            if (value != (int) value) {
                throw Problems.at(source, n, join(path, field), "out of range: " + n.describe());
            }
            return (int) value;
        }

        private long longValue(JsonNode n, String path) {
            if (n.kind != JsonNode.Kind.INTEGER) {
                throw Problems.at(source, n, path, "expected an integer, got " + n.describe());
            }
            try {
                return Long.parseLong(n.text());
            } catch (NumberFormatException e) {
                throw Problems.at(source, n, path, "out of range: " + n.describe());
            }
        }

        private boolean bool(JsonNode object, String field, String path) {
            JsonNode n = required(object, field, path);
            if (n.kind != JsonNode.Kind.BOOLEAN) {
                throw Problems.at(source, n, join(path, field), "expected true or false, got " + n.describe());
            }
            return Boolean.TRUE.equals(n.scalar);
        }

        private long count(JsonNode n, String path) {
            long value = longValue(n, path);
            if (value < 0) {
                throw Problems.at(source, n, path, "expected a count (0 or more), got " + n.describe());
            }
            return value;
        }

        private LocalDate date(JsonNode n, String path) {
            try {
                if (n.kind == JsonNode.Kind.STRING) {
                    return LocalDate.parse(n.text());
                }
            } catch (DateTimeParseException e) {
                // fall through
            }
            throw Problems.at(source, n, path, "expected a date (YYYY-MM-DD), got " + n.describe());
        }

        private Instant instant(JsonNode n, String path) {
            try {
                if (n.kind == JsonNode.Kind.STRING) {
                    return Instant.parse(n.text());
                }
            } catch (DateTimeParseException e) {
                // fall through
            }
            throw Problems.at(source, n, path, "expected an ISO-8601 UTC timestamp, got " + n.describe());
        }

        // ---- structure --------------------------------------------------------------------------------

        private interface ElementReader<T> {
            T read(JsonNode node, String path);
        }

        private <T> List<T> each(JsonNode object, String field, ElementReader<T> reader) {
            return each(object, field, "", reader);
        }

        private <T> List<T> each(JsonNode object, String field, String path, ElementReader<T> reader) {
            JsonNode nodes = array(object, field, path);
            List<T> items = new ArrayList<>(nodes.elements.size());
            for (int i = 0; i < nodes.elements.size(); i++) {
                items.add(element(nodes.elements.get(i), join(path, field) + "[" + i + "]", reader));
            }
            return items;
        }

        /** One element of an array of objects. */
        private <T> T element(JsonNode element, String path, ElementReader<T> reader) {
            if (element.kind != JsonNode.Kind.OBJECT) {
                throw Problems.at(source, element, path, "expected an object, got " + element.describe());
            }
            return reader.read(element, path);
        }

        private JsonNode array(JsonNode object, String field, String path) {
            JsonNode n = required(object, field, path);
            if (n.kind != JsonNode.Kind.ARRAY) {
                throw Problems.at(source, n, join(path, field), "expected an array, got " + n.describe());
            }
            return n;
        }

        private JsonNode object(JsonNode object, String field, String path) {
            JsonNode n = required(object, field, path);
            if (n.kind != JsonNode.Kind.OBJECT) {
                throw Problems.at(source, n, join(path, field), "expected an object, got " + n.describe());
            }
            return n;
        }

        private JsonNode required(JsonNode object, String field, String path) {
            if (object.kind != JsonNode.Kind.OBJECT) {
                throw Problems.at(source, object, path, "expected an object, got " + object.describe());
            }
            JsonNode n = object.fields.get(field);
            if (n == null) {
                throw Problems.at(source, object, join(path, field), "required field is missing");
            }
            return n;
        }

        /** Runs a model constructor; its validation failures become errors at the node. */
        private <T> T build(JsonNode at, String path, java.util.function.Supplier<T> constructor) {
            try {
                return constructor.get();
            } catch (IllegalArgumentException | NullPointerException e) {
                throw Problems.at(source, at, path, "invalid: " + Problems.cap(String.valueOf(e.getMessage())));
            }
        }

        private static String join(String path, String field) {
            return path == null || path.isEmpty() ? field : path + "." + field;
        }
    }
}
