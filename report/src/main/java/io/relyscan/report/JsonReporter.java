package io.relyscan.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.relyscan.core.baseline.BaselineComparison;
import io.relyscan.core.baseline.BaselineStatus;
import io.relyscan.core.baseline.ResolvedFinding;
import io.relyscan.core.engine.OutcomeSummary;
import io.relyscan.core.framework.ControlStatus;
import io.relyscan.core.framework.ControlView;
import io.relyscan.core.framework.FrameworkView;
import io.relyscan.core.framework.RuleMapping;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.CoverageEntry;
import io.relyscan.core.inventory.CoverageGap;
import io.relyscan.core.inventory.EndpointTelemetry;
import io.relyscan.core.inventory.OperationCoverage;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.RuleParameter;
import io.relyscan.core.rule.Severity;
import io.relyscan.core.waiver.Waiver;
import io.relyscan.core.waiver.WaiverStatus;
import io.relyscan.report.internal.JsonFormat;

import java.io.IOException;
import java.io.OutputStream;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The machine-readable report, schema version 1 (see docs/json-report.md). Every key is always present
 * (null where a value is absent), keys keep a fixed order, maps are sorted by key and lists keep the
 * report's order, so the same {@link ScanReport} always gives the same bytes. Strings are written exactly;
 * escaping them for display is the reader's business.
 *
 * <p>Waivers and baselines were added to version 1 as new fields (old readers ignore them): each finding's
 * {@code baseline} status and {@code waiver}, and the top-level {@code waivers} and {@code baseline}. The
 * baseline's own findings (resolved, not rechecked) are written in the finding shape without those two keys,
 * which describe this scan only.
 */
public final class JsonReporter implements Reporter {
    public static final int SCHEMA_VERSION = 1;
    public static final String KIND = "relyscan-report";
    static final String TOOL_NAME = "relyscan";

    @Override
    public String format() {
        return "json";
    }

    @Override
    public String defaultFileName() {
        return "relyscan-report.json";
    }

    /**
     * Streams the report through one generator over {@code out}: each finding is written as it is reached, so
     * only the generator's buffer (and a finding's own strings) is held, never the document.
     */
    @Override
    public void write(ScanReport report, OutputStream out) throws IOException {
        JsonFormat.write(out, g -> {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", SCHEMA_VERSION);
            g.writeStringField("kind", KIND);
            g.writeObjectFieldStart("tool");
            g.writeStringField("name", TOOL_NAME);
            JsonFormat.field(g, "version", report.toolVersion());
            g.writeEndObject();
            g.writeObjectFieldStart("catalog");
            JsonFormat.field(g, "toolVersion", report.catalog().toolVersion());
            g.writeStringField("digest", report.catalog().digest());
            g.writeEndObject();
            g.writeStringField("capturedAt", DateTimeFormatter.ISO_INSTANT.format(report.capturedAt()));
            g.writeBooleanField("complete", report.complete());
            g.writeArrayFieldStart("scopes");
            for (ScanScope scope : report.scopes()) {
                g.writeStartObject();
                JsonFormat.field(g, "account", scope.account());
                JsonFormat.field(g, "region", scope.region());
                g.writeEndObject();
            }
            g.writeEndArray();
            writeSummary(g, report.summary());
            g.writeArrayFieldStart("rules");
            for (RuleMetadata rule : report.rules()) {
                writeRule(g, rule);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("findings");
            for (Finding finding : report.findings()) {
                writeFinding(g, finding, report);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("coverage");
            for (CoverageEntry entry : report.coverage().entries()) {
                writeCoverage(g, entry);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("telemetry");
            for (EndpointTelemetry t : report.telemetry()) {
                writeTelemetry(g, t);
            }
            g.writeEndArray();
            writeFramework(g, report.framework());
            writeWaivers(g, report.waivers());
            writeBaseline(g, report.baseline());
            g.writeEndObject();
        });
    }

    private static void writeSummary(JsonGenerator g, OutcomeSummary summary) throws IOException {
        g.writeObjectFieldStart("summary");
        g.writeObjectFieldStart("byOutcome");
        for (Outcome o : Outcome.values()) {
            g.writeNumberField(o.name(), summary.count(o));
        }
        g.writeEndObject();
        g.writeObjectFieldStart("failuresBySeverity");
        for (Severity s : Severity.values()) {
            g.writeNumberField(s.name(), summary.failuresBySeverity().getOrDefault(s, 0L));
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeRule(JsonGenerator g, RuleMetadata rule) throws IOException {
        g.writeStartObject();
        JsonFormat.field(g, "id", rule.id());
        JsonFormat.field(g, "catalogId", rule.catalogId());
        JsonFormat.field(g, "title", rule.title());
        g.writeStringField("severity", rule.severity().name());
        JsonFormat.field(g, "resourceType", rule.resourceType());
        JsonFormat.field(g, "rationale", rule.rationale());
        JsonFormat.field(g, "remediation", rule.remediation());
        g.writeArrayFieldStart("controls");
        for (ControlRef c : rule.controls()) {
            g.writeStartObject();
            g.writeStringField("framework", c.framework().id());
            JsonFormat.field(g, "controlId", c.controlId());
            g.writeStringField("source", c.source().name());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("parameters");
        for (RuleParameter p : rule.parameters()) {
            g.writeStartObject();
            JsonFormat.field(g, "name", p.name());
            g.writeStringField("type", p.type().name());
            JsonFormat.field(g, "default", p.defaultValue());
            nullableInt(g, "minimum", p.minimum());
            nullableInt(g, "maximum", p.maximum());
            JsonFormat.field(g, "description", p.description());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("inputs");
        for (String service : rule.inputs().stream().map(AwsService::id).sorted().toList()) {
            g.writeString(service);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * A finding of this scan ({@code report} not null: with its baseline status and waiver) or one an earlier
     * report recorded ({@code report} null: the baseline's own findings, which have neither here).
     */
    private static void writeFinding(JsonGenerator g, Finding f, ScanReport report) throws IOException {
        g.writeStartObject();
        JsonFormat.field(g, "id", f.id());
        JsonFormat.field(g, "ruleId", f.ruleId());
        g.writeStringField("outcome", f.outcome().name());
        g.writeStringField("severity", f.severity().name());
        g.writeObjectFieldStart("resource");
        JsonFormat.field(g, "arn", f.resourceArn());
        JsonFormat.field(g, "type", f.resourceType());
        JsonFormat.field(g, "name", f.resourceName());
        JsonFormat.field(g, "account", f.account());
        JsonFormat.field(g, "region", f.region());
        g.writeEndObject();
        JsonFormat.field(g, "message", f.message());
        g.writeFieldName("evidence");
        JsonFormat.value(g, f.evidence());
        g.writeObjectFieldStart("parameters");
        for (Map.Entry<String, String> p : new TreeMap<>(f.parameters()).entrySet()) {
            JsonFormat.field(g, p.getKey(), p.getValue());
        }
        g.writeEndObject();
        if (report != null) {
            g.writeFieldName("baseline");
            Optional<BaselineStatus> status = report.baselineStatus(f);
            if (status.isPresent()) {
                g.writeString(status.get().name());
            } else {
                g.writeNull();
            }
            g.writeFieldName("waiver");
            Optional<WaiverStatus> waiver = report.waiverOf(f);
            if (waiver.isPresent()) {
                writeFindingWaiver(g, waiver.get());
            } else {
                g.writeNull();
            }
        }
        g.writeEndObject();
    }

    /**
     * The waiver that suppressed a finding, or whose expiry let it fail ({@code expired} true): the same as in
     * the top-level {@code waivers}, repeated so that a consumer reading one finding has it at hand.
     */
    private static void writeFindingWaiver(JsonGenerator g, WaiverStatus status) throws IOException {
        Waiver w = status.waiver();
        g.writeStartObject();
        JsonFormat.field(g, "id", w.id());
        JsonFormat.field(g, "source", w.source());
        JsonFormat.field(g, "reason", w.reason());
        JsonFormat.field(g, "owner", w.owner());
        JsonFormat.field(g, "expires", w.expires() == null ? null : w.expires().toString());
        g.writeBooleanField("expired", status.expired());
        g.writeEndObject();
    }

    /** What each waiver of the waivers file did, in the report's order (file order). */
    private static void writeWaivers(JsonGenerator g, List<WaiverStatus> waivers) throws IOException {
        g.writeArrayFieldStart("waivers");
        for (WaiverStatus status : waivers) {
            Waiver w = status.waiver();
            g.writeStartObject();
            JsonFormat.field(g, "id", w.id());
            JsonFormat.field(g, "ruleId", w.ruleId());
            JsonFormat.field(g, "resourcePattern", w.resourcePattern() == null ? null : w.resourcePattern().text());
            JsonFormat.field(g, "account", w.account());
            JsonFormat.field(g, "region", w.region());
            JsonFormat.field(g, "reason", w.reason());
            JsonFormat.field(g, "owner", w.owner());
            JsonFormat.field(g, "expires", w.expires() == null ? null : w.expires().toString());
            JsonFormat.field(g, "source", w.source());
            g.writeBooleanField("expired", status.expired());
            g.writeNumberField("suppressed", status.suppressed());
            g.writeNumberField("matchedWhileExpired", status.matchedWhileExpired());
            g.writeBooleanField("unused", status.unused());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * The comparison with an earlier report, or null. The NEW/PERSISTING status of each failure is on the
     * finding itself ({@code findings[].baseline}); here are the counts and the baseline failures that are
     * no longer failures (resolved) or could not be decided again (not rechecked), as the baseline recorded
     * them.
     */
    private static void writeBaseline(JsonGenerator g, BaselineComparison baseline) throws IOException {
        g.writeFieldName("baseline");
        if (baseline == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        JsonFormat.field(g, "source", baseline.source());
        g.writeStringField("capturedAt", DateTimeFormatter.ISO_INSTANT.format(baseline.baselineCapturedAt()));
        JsonFormat.field(g, "catalogDigest", baseline.baselineCatalog());
        g.writeObjectFieldStart("counts");
        g.writeNumberField("new", baseline.count(BaselineStatus.NEW));
        g.writeNumberField("persisting", baseline.count(BaselineStatus.PERSISTING));
        g.writeNumberField("resolved", baseline.count(BaselineStatus.RESOLVED));
        g.writeNumberField("notRechecked", baseline.notRechecked().size());
        g.writeEndObject();
        g.writeArrayFieldStart("resolved");
        for (ResolvedFinding r : baseline.resolved()) {
            g.writeStartObject();
            g.writeFieldName("now");
            if (r.now() == null) {
                g.writeNull();
            } else {
                g.writeString(r.now().name());
            }
            g.writeFieldName("previous");
            writeFinding(g, r.previous(), null);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("notRechecked");
        for (Finding f : baseline.notRechecked()) {
            writeFinding(g, f, null);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** The findings grouped by control, or null when the run was not restricted to a framework. */
    private static void writeFramework(JsonGenerator g, FrameworkView view) throws IOException {
        g.writeFieldName("framework");
        if (view == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringField("id", view.framework().id());
        g.writeStringField("title", view.framework().title());
        g.writeObjectFieldStart("byStatus");
        for (Map.Entry<ControlStatus, Long> e : view.byStatus().entrySet()) {
            g.writeNumberField(e.getKey().name(), e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("controls");
        for (ControlView control : view.controls()) {
            g.writeStartObject();
            JsonFormat.field(g, "id", control.id());
            JsonFormat.field(g, "title", control.title());
            g.writeStringField("status", control.status().name());
            g.writeArrayFieldStart("rules");
            for (RuleMapping rule : control.rules()) {
                g.writeStartObject();
                JsonFormat.field(g, "id", rule.ruleId());
                g.writeStringField("source", rule.source().name());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("findings");
            for (Outcome o : Outcome.values()) {
                g.writeNumberField(o.name(), control.count(o));
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeCoverage(JsonGenerator g, CoverageEntry e) throws IOException {
        g.writeStartObject();
        JsonFormat.field(g, "account", e.account());
        JsonFormat.field(g, "region", e.region());
        g.writeStringField("service", e.service().id());
        g.writeStringField("status", e.status().name());
        g.writeArrayFieldStart("gaps");
        for (CoverageGap gap : e.gaps()) {
            g.writeStartObject();
            JsonFormat.field(g, "operation", gap.operation());
            g.writeStringField("reason", gap.reason().name());
            JsonFormat.field(g, "message", gap.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("operations");
        for (OperationCoverage op : e.operations()) {
            g.writeStartObject();
            JsonFormat.field(g, "operation", op.operation());
            g.writeNumberField("calls", op.calls());
            g.writeStringField("outcome", op.outcome());
            g.writeObjectFieldStart("failures");
            for (Map.Entry<String, Long> f : op.failures().entrySet()) {
                g.writeNumberField(f.getKey(), f.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeTelemetry(JsonGenerator g, EndpointTelemetry t) throws IOException {
        g.writeStartObject();
        JsonFormat.field(g, "account", t.account());
        JsonFormat.field(g, "region", t.region());
        g.writeStringField("service", t.service().id());
        g.writeNumberField("calls", t.calls());
        g.writeNumberField("attempts", t.attempts());
        g.writeNumberField("retries", t.retries());
        g.writeNumberField("throttles", t.throttles());
        g.writeObjectFieldStart("errorsByKind");
        for (Map.Entry<String, Long> e : new TreeMap<>(t.errorsByKind()).entrySet()) {
            g.writeFieldName(JsonFormat.wellFormed(e.getKey()));
            if (e.getValue() == null) {
                g.writeNull();
            } else {
                g.writeNumber(e.getValue());
            }
        }
        g.writeEndObject();
        g.writeArrayFieldStart("breakerTransitions");
        for (String transition : t.breakerTransitions()) {
            JsonFormat.string(g, transition);
        }
        g.writeEndArray();
        g.writeNumberField("millis", t.millis());
        g.writeEndObject();
    }

    private static void nullableInt(JsonGenerator g, String field, Integer value) throws IOException {
        g.writeFieldName(field);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }
}
