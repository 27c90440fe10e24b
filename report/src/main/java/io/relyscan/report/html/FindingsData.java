package io.relyscan.report.html;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.waiver.WaiverSet;
import io.relyscan.core.waiver.WaiverStatus;
import io.relyscan.report.internal.JsonFormat;

import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The findings as JSON for the page's {@code <script type="application/json">} block, which report.js reads to
 * build the findings table and the rule pages. Field names are one letter because a scan can hold 100,000
 * findings: {@code i} id, {@code r} index into {@code rules}, {@code a} ARN, {@code n} name, {@code t} type,
 * {@code c} account, {@code g} region, {@code v} service, {@code o} outcome, {@code s} severity, {@code m}
 * message, {@code e} evidence, {@code b} baseline status (when a baseline was given and the finding fails),
 * {@code w} index into {@code waivers} (the waiver that suppressed it, or whose expiry let it fail).
 *
 * <p>{@code <}, {@code >} and {@code &} are written as {@code \\u} escapes, and so are U+2028, U+2029, DEL, C1
 * controls and bidi controls: no value can close the script block or start a comment in it, whatever it holds.
 * {@code /} is written {@code \/}, so that no value reads as a URL in the file.
 * One finding per line keeps the golden file readable.
 *
 * <p>It is generated straight into the page's writer, a finding at a time. A page for a large scan embeds only
 * some of the findings ({@link EmbeddedFindings}); its data then has {@code total}, the number of all findings.
 */
final class FindingsData {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET) // the page goes on after the data
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM).build();

    private FindingsData() {
    }

    /** Writes the data block's JSON to {@code out}; neither flushes nor closes it. */
    static void write(ScanReport report, Writer out, EmbeddedFindings embedded) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setCharacterEscapes(new ScriptSafeEscapes());
            g.setPrettyPrinter(new LinePerFinding());
            g.writeStartObject();
            if (embedded.capped()) { // the table's "N in all" (a page that embeds every finding counts them)
                g.writeNumberField("total", embedded.total());
            }
            Map<String, Integer> ruleIndex = new HashMap<>();
            g.writeArrayFieldStart("rules");
            for (RuleMetadata rule : report.rules()) {
                ruleIndex.put(rule.id(), ruleIndex.size());
                g.writeString(rule.id());
            }
            g.writeEndArray();
            Map<WaiverStatus, Integer> waiverIndex = new HashMap<>();
            g.writeArrayFieldStart("waivers");
            for (WaiverStatus w : report.waivers()) {
                waiverIndex.putIfAbsent(w, waiverIndex.size());
                writeWaiver(g, w);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("findings");
            List<Finding> findings = report.findings();
            for (int i = 0; i < findings.size(); i++) {
                if (embedded.embeds(i)) {
                    writeFinding(g, report, findings.get(i), ruleIndex, waiverIndex);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void writeWaiver(JsonGenerator g, WaiverStatus w) throws IOException {
        g.writeStartObject();
        JsonFormat.field(g, "name", w.waiver().displayName());
        JsonFormat.field(g, "reason", w.waiver().reason());
        JsonFormat.field(g, "owner", w.waiver().owner());
        JsonFormat.field(g, "expires", w.waiver().expires() == null ? null : w.waiver().expires().toString());
        g.writeBooleanField("expired", w.expired());
        g.writeEndObject();
    }

    private static void writeFinding(JsonGenerator g, ScanReport report, Finding f, Map<String, Integer> ruleIndex,
                                     Map<WaiverStatus, Integer> waiverIndex) throws IOException {
        g.writeStartObject();
        g.writeStringField("i", f.id());
        Integer rule = ruleIndex.get(f.ruleId());
        if (rule != null) {
            g.writeNumberField("r", rule);
        } else { // a finding of a rule the report has no metadata for: keep its id
            JsonFormat.field(g, "r", f.ruleId());
        }
        JsonFormat.field(g, "a", f.resourceArn());
        JsonFormat.field(g, "n", f.resourceName());
        JsonFormat.field(g, "t", f.resourceType());
        JsonFormat.field(g, "c", f.account());
        JsonFormat.field(g, "g", f.region());
        JsonFormat.field(g, "v", Arns.service(f.resourceArn()));
        g.writeStringField("o", f.outcome().name());
        g.writeStringField("s", f.severity().name());
        JsonFormat.field(g, "m", f.message());
        g.writeFieldName("e");
        JsonFormat.value(g, f.evidence());
        var baseline = report.baselineStatus(f);
        if (baseline.isPresent()) {
            g.writeStringField("b", baseline.get().name());
        }
        if (f.evidence().containsKey(WaiverSet.WAIVER_SOURCE) || f.evidence().containsKey(WaiverSet.EXPIRED_WAIVER)) {
            var waiver = report.waiverOf(f);
            if (waiver.isPresent() && waiverIndex.containsKey(waiver.get())) {
                g.writeNumberField("w", waiverIndex.get(waiver.get()));
            }
        }
        g.writeEndObject();
    }

    /** Escapes everything JSON escapes, plus what could end or confuse a script block or a reader. */
    private static final class ScriptSafeEscapes extends CharacterEscapes {
        private static final SerializableString SOLIDUS = new SerializedString("\\/");
        private final int[] ascii;

        ScriptSafeEscapes() {
            ascii = standardAsciiEscapesForJSON();
            ascii['<'] = ESCAPE_STANDARD;
            ascii['>'] = ESCAPE_STANDARD;
            ascii['&'] = ESCAPE_STANDARD;
            ascii[0x7F] = ESCAPE_STANDARD;
            ascii['/'] = ESCAPE_CUSTOM; // "\/": no value holds "http://" as such (see Html)
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == '/') {
                return SOLIDUS;
            }
            boolean escape = (ch >= 0x80 && ch <= 0x9F) || ch == 0x2028 || ch == 0x2029
                    || (ch >= 0x202A && ch <= 0x202E) || (ch >= 0x2066 && ch <= 0x2069) || ch == 0x200E
                    || ch == 0x200F || ch == 0x061C;
            return escape ? new SerializedString(String.format("\\u%04X", ch)) : null;
        }
    }

    /** Compact JSON, with each element of the top-level arrays on a line of its own. */
    private static final class LinePerFinding extends MinimalPrettyPrinter {
        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            if (topLevelArray(g)) {
                g.writeRaw('\n');
            }
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(topLevelArray(g) ? ",\n" : ",");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            if (topLevelArray(g) && nrOfValues > 0) {
                g.writeRaw('\n');
            }
            g.writeRaw(']');
        }

        private static boolean topLevelArray(JsonGenerator g) {
            var context = g.getOutputContext();
            return context.inArray() && context.getParent() != null && context.getParent().inObject()
                    && context.getParent().getParent() != null && context.getParent().getParent().inRoot();
        }
    }
}
