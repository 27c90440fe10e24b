package io.relyscan.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.relyscan.core.baseline.BaselineComparison;
import io.relyscan.core.baseline.BaselineStatus;
import io.relyscan.core.baseline.ResolvedFinding;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.waiver.Waiver;
import io.relyscan.core.waiver.WaiverStatus;
import io.relyscan.report.OcsfMapping.Code;
import io.relyscan.report.internal.JsonFormat;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * OCSF 1.1.0 Compliance Finding events (class_uid 2003, category Findings, cloud profile) for Amazon Security
 * Lake and other OCSF consumers; see docs/ocsf.md. One event per finding, every outcome included (a PASS is
 * evidence for an auditor), as JSON Lines: one compact event per line, in the report's finding order, which
 * is what Firehose, Glue, Athena and Spark read without a custom parser and what streams for millions of
 * findings. Every event time is the inventory capture time, so the same report always gives the same bytes.
 * Strings are written exactly (JSON-escaped, with terminal- and script-dangerous characters as {@code \\u}
 * escapes).
 */
public final class OcsfReporter implements Reporter {
    public static final String OCSF_VERSION = "1.1.0";
    static final int CATEGORY_UID = 2;
    static final int CLASS_UID = 2003;
    static final String CLASS_NAME = "Compliance Finding";
    static final String FINDING_TYPE = "Software and Configuration Checks/Industry and Regulatory Standards";
    private static final int AWS_ACCOUNT_TYPE_ID = 10;

    @Override
    public String format() {
        return "ocsf";
    }

    @Override
    public String defaultFileName() {
        return "relyscan-ocsf.jsonl";
    }

    /**
     * Streams one event per line through one generator over {@code out}, each written as its finding is
     * reached. Held besides the generator's buffer: the rules by id and the ids of baseline findings closed
     * now (both small next to the findings, which the report holds anyway).
     */
    @Override
    public void write(ScanReport report, OutputStream out) throws IOException {
        Map<String, RuleMetadata> rules = new TreeMap<>();
        report.rules().forEach(r -> rules.put(r.id(), r));
        Set<String> closedIds = report.baselineComparison().map(OcsfReporter::closedIds).orElse(Set.of());
        JsonFormat.writeLines(out, g -> {
            for (Finding f : report.findings()) {
                Optional<BaselineStatus> baseline = closedIds.contains(f.id()) ? Optional.of(BaselineStatus.RESOLVED)
                        : report.baselineStatus(f);
                new Event(g, report, f, Optional.ofNullable(rules.get(f.ruleId())), baseline,
                        report.waiverOf(f)).write();
            }
        });
    }

    /** Baseline failures that pass now (or are not applicable): their events close the earlier finding. */
    private static Set<String> closedIds(BaselineComparison comparison) {
        return comparison.resolved().stream().filter(r -> r.now() != null).map(ResolvedFinding::previous)
                .map(Finding::id).collect(Collectors.toSet());
    }

    /** Writes the event of one finding. */
    private record Event(JsonGenerator g, ScanReport report, Finding f, Optional<RuleMetadata> rule,
                         Optional<BaselineStatus> baseline, Optional<WaiverStatus> waiver) {
        void write() throws IOException {
            long time = report.capturedAt().toEpochMilli();
            Code activity = OcsfMapping.activity(baseline);
            g.writeStartObject();
            code("activity_id", "activity_name", activity);
            g.writeNumberField("category_uid", CATEGORY_UID);
            g.writeStringField("category_name", "Findings");
            g.writeNumberField("class_uid", CLASS_UID);
            g.writeStringField("class_name", CLASS_NAME);
            g.writeNumberField("type_uid", CLASS_UID * 100L + activity.id());
            g.writeStringField("type_name", CLASS_NAME + ": " + activity.caption());
            g.writeNumberField("time", time);
            g.writeNumberField("timezone_offset", 0);
            code("severity_id", "severity", OcsfMapping.severity(f.outcome(), f.severity()));
            code("status_id", "status", OcsfMapping.findingStatus(f.outcome()));
            Optional<String> statusDetail = statusDetail();
            if (statusDetail.isPresent()) {
                JsonFormat.field(g, "status_detail", statusDetail.get());
            }
            if (f.outcome() == Outcome.SUPPRESSED && waiver.isPresent()) {
                JsonFormat.field(g, "comment", waiver.get().waiver().reason());
            }
            code("confidence_id", "confidence", OcsfMapping.confidence(f.outcome()));
            JsonFormat.field(g, "message", f.message());
            writeMetadata(time);
            writeCloud();
            writeFindingInfo(time);
            writeCompliance();
            writeResource();
            if (rule.isPresent()) {
                g.writeObjectFieldStart("remediation");
                JsonFormat.field(g, "desc", rule.get().remediation());
                g.writeEndObject();
            }
            writeUnmapped();
            g.writeEndObject();
        }

        private void code(String idField, String captionField, Code code) throws IOException {
            g.writeNumberField(idField, code.id());
            g.writeStringField(captionField, code.caption());
        }

        /** Why a waived finding is suppressed, or that an expired waiver no longer suppresses it. */
        private Optional<String> statusDetail() {
            if (waiver.isEmpty()) {
                return Optional.empty();
            }
            Waiver w = waiver.get().waiver();
            String name = w.label().map(id -> "waiver " + id + " (" + w.source() + ")")
                    .orElse("the waiver at " + w.source());
            if (f.outcome() == Outcome.SUPPRESSED) {
                return Optional.of("Suppressed by " + name + ", owner " + w.owner()
                        + (w.expires() == null ? ", no expiry" : ", expires " + w.expires()) + ": " + w.reason());
            }
            return Optional.of("Not suppressed: " + name + ", owner " + w.owner() + ", expired on " + w.expires());
        }

        private void writeMetadata(long time) throws IOException {
            g.writeObjectFieldStart("metadata");
            g.writeStringField("version", OCSF_VERSION);
            // One event per finding per scan: the finding id is stable across scans, the capture time is not.
            JsonFormat.field(g, "uid", f.id() + "-" + time);
            g.writeObjectFieldStart("product");
            g.writeStringField("name", JsonReporter.TOOL_NAME);
            g.writeStringField("vendor_name", JsonReporter.TOOL_NAME);
            JsonFormat.field(g, "version", report.toolVersion());
            g.writeEndObject();
            g.writeArrayFieldStart("profiles");
            g.writeString("cloud");
            g.writeEndArray();
            g.writeStringField("original_time", report.capturedAt().toString());
            g.writeEndObject();
        }

        private void writeCloud() throws IOException {
            g.writeObjectFieldStart("cloud");
            g.writeStringField("provider", "AWS");
            if (f.account() != null) {
                writeAccount("account");
            }
            if (f.region() != null) {
                JsonFormat.field(g, "region", f.region());
            }
            g.writeEndObject();
        }

        private void writeAccount(String field) throws IOException {
            g.writeObjectFieldStart(field);
            JsonFormat.field(g, "uid", f.account());
            g.writeNumberField("type_id", AWS_ACCOUNT_TYPE_ID);
            g.writeStringField("type", "AWS Account");
            g.writeEndObject();
        }

        private void writeFindingInfo(long time) throws IOException {
            g.writeObjectFieldStart("finding_info");
            JsonFormat.field(g, "uid", f.id());
            JsonFormat.field(g, "title", rule.map(RuleMetadata::title).orElse(f.ruleId()));
            if (rule.isPresent()) {
                JsonFormat.field(g, "desc", rule.get().rationale());
            }
            g.writeArrayFieldStart("types");
            g.writeString(FINDING_TYPE);
            g.writeEndArray();
            g.writeNumberField("created_time", time);
            // A failure persisting from the baseline was already failing when the baseline was captured.
            long firstSeen = baseline.filter(s -> s == BaselineStatus.PERSISTING)
                    .flatMap(s -> report.baselineComparison()).map(b -> b.baselineCapturedAt().toEpochMilli())
                    .orElse(time);
            g.writeNumberField("first_seen_time", firstSeen);
            g.writeNumberField("last_seen_time", time);
            g.writeObjectFieldStart("analytic");
            JsonFormat.field(g, "uid", f.ruleId());
            if (rule.isPresent()) {
                JsonFormat.field(g, "name", rule.get().title());
            }
            g.writeNumberField("type_id", 1);
            g.writeStringField("type", "Rule");
            g.writeEndObject();
            g.writeEndObject();
        }

        private void writeCompliance() throws IOException {
            List<ControlRef> controls = rule.map(RuleMetadata::controls).orElse(List.of());
            g.writeObjectFieldStart("compliance");
            g.writeArrayFieldStart("standards");
            for (Framework framework : controls.stream().map(ControlRef::framework).distinct().sorted().toList()) {
                g.writeString(framework.title());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("requirements");
            for (ControlRef c : controls) {
                JsonFormat.string(g, c.framework().id() + ":" + c.controlId());
            }
            g.writeEndArray();
            JsonFormat.field(g, "control", f.ruleId());
            code("status_id", "status", OcsfMapping.complianceStatus(f.outcome()));
            if (f.outcome() == Outcome.ERROR || f.outcome() == Outcome.NOT_APPLICABLE) {
                JsonFormat.field(g, "status_detail", f.message());
            }
            g.writeEndObject();
        }

        private void writeResource() throws IOException {
            g.writeObjectFieldStart("resource");
            JsonFormat.field(g, "uid", f.resourceArn());
            if (f.resourceType() != null) {
                JsonFormat.field(g, "type", f.resourceType());
            }
            if (f.resourceName() != null) {
                JsonFormat.field(g, "name", f.resourceName());
            }
            if (f.region() != null) {
                JsonFormat.field(g, "region", f.region());
            }
            Optional<String> partition = partition(f.resourceArn());
            if (partition.isPresent()) {
                JsonFormat.field(g, "cloud_partition", partition.get());
            }
            if (f.account() != null) {
                g.writeObjectFieldStart("owner");
                writeAccount("account");
                g.writeEndObject();
            }
            List<String> labels = labels(f.evidence().get("tags"));
            if (!labels.isEmpty()) {
                g.writeArrayFieldStart("labels");
                for (String label : labels) {
                    JsonFormat.string(g, label);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }

        /** What OCSF 1.1.0 has no attribute for: relyscan's own terms, the evidence and the waiver. */
        private void writeUnmapped() throws IOException {
            g.writeObjectFieldStart("unmapped");
            g.writeStringField("outcome", f.outcome().name());
            g.writeStringField("severity", f.severity().name());
            JsonFormat.field(g, "rule_id", f.ruleId());
            if (rule.isPresent()) {
                JsonFormat.field(g, "catalog_id", rule.get().catalogId());
                g.writeArrayFieldStart("controls");
                for (ControlRef c : rule.get().controls()) {
                    g.writeStartObject();
                    g.writeStringField("framework", c.framework().id());
                    JsonFormat.field(g, "control_id", c.controlId());
                    g.writeStringField("source", c.source().name());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeFieldName("evidence");
            JsonFormat.value(g, f.evidence());
            g.writeFieldName("parameters");
            JsonFormat.value(g, f.parameters());
            if (baseline.isPresent()) {
                BaselineComparison b = report.baselineComparison().orElseThrow();
                g.writeObjectFieldStart("baseline");
                g.writeStringField("status", baseline.get().name());
                JsonFormat.field(g, "source", b.source());
                g.writeNumberField("captured_time", b.baselineCapturedAt().toEpochMilli());
                g.writeEndObject();
            }
            if (waiver.isPresent()) {
                Waiver w = waiver.get().waiver();
                g.writeObjectFieldStart("waiver");
                JsonFormat.field(g, "id", w.id());
                JsonFormat.field(g, "reason", w.reason());
                JsonFormat.field(g, "owner", w.owner());
                JsonFormat.field(g, "expires", w.expires() == null ? null : w.expires().toString());
                g.writeBooleanField("expired", waiver.get().expired());
                JsonFormat.field(g, "source", w.source());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
    }

    /** The partition of an ARN ({@code aws}, {@code aws-cn}, {@code aws-us-gov}), when it is one. */
    static Optional<String> partition(String arn) {
        String[] parts = arn.split(":", 3);
        return parts.length == 3 && parts[0].equals("arn") && !parts[1].isEmpty() ? Optional.of(parts[1])
                : Optional.empty();
    }

    /** Tags from the evidence as {@code key=value} labels, sorted; none when the evidence holds no tag map. */
    static List<String> labels(Object tags) {
        if (!(tags instanceof Map<?, ?> map)) {
            return List.of();
        }
        return map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
    }
}
