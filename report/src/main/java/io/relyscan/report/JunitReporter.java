package io.relyscan.report;

import io.relyscan.core.baseline.BaselineStatus;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.waiver.Waiver;
import io.relyscan.core.waiver.WaiverStatus;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Findings as JUnit XML for CI systems (see docs/reports.md): one {@code <testsuite>} per rule, one
 * {@code <testcase>} per finding (named by the resource ARN). FAIL is a {@code <failure>}, ERROR an
 * {@code <error>}, NOT_APPLICABLE and SUPPRESSED are {@code <skipped>}, PASS is a plain test case. A waived
 * finding's skip message names the waiver, its owner, expiry and reason; with a baseline, a NEW failure's message
 * starts with {@code [NEW]} and every failure body has a {@code baseline=} line.
 *
 * <p>Written with the JDK's {@link XMLStreamWriter}, so every string is escaped. Characters XML 1.0 cannot
 * hold (most C0 controls, unpaired surrogates, U+FFFE, U+FFFF) become U+FFFD; in attributes, CR, LF and tab
 * become spaces (a parser would normalise them anyway); in element text a CR is written as {@code &#xD;}. The only time written is the report's capturedAt,
 * so the same report always gives the same bytes.
 */
public final class JunitReporter implements Reporter {
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

    @Override
    public String format() {
        return "junit";
    }

    @Override
    public String defaultFileName() {
        return "relyscan-junit.xml";
    }

    /** The counts of one suite, or of all of them. */
    record Counts(long tests, long failures, long errors, long skipped) {
        static Counts of(List<Finding> findings) {
            return new Counts(findings.size(), count(findings, Outcome.FAIL), count(findings, Outcome.ERROR),
                    count(findings, Outcome.NOT_APPLICABLE) + count(findings, Outcome.SUPPRESSED));
        }

        private static long count(List<Finding> findings, Outcome outcome) {
            return findings.stream().filter(f -> f.outcome() == outcome).count();
        }
    }

    /**
     * Groups references to the findings by rule and counts them first (a suite's counts are attributes written
     * before its test cases), then writes each test case as it goes through a buffer flushed at the end.
     */
    @Override
    public void write(ScanReport report, OutputStream out) throws IOException {
        Map<String, List<Finding>> byRule = new TreeMap<>();
        for (RuleMetadata rule : report.rules()) {
            byRule.put(rule.id(), new ArrayList<>());
        }
        for (Finding f : report.findings()) {
            byRule.computeIfAbsent(f.ruleId(), k -> new ArrayList<>()).add(f);
        }
        String timestamp = DateTimeFormatter.ISO_INSTANT.format(report.capturedAt());
        BufferedOutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
        try {
            XMLStreamWriter w = FACTORY.createXMLStreamWriter(buffered, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuites");
            w.writeAttribute("name", "relyscan");
            counts(w, Counts.of(report.findings()));
            w.writeAttribute("time", "0");
            w.writeAttribute("timestamp", timestamp);
            for (Map.Entry<String, List<Finding>> suite : byRule.entrySet()) {
                w.writeCharacters("\n  ");
                w.writeStartElement("testsuite");
                attribute(w, "name", suite.getKey());
                counts(w, Counts.of(suite.getValue()));
                w.writeAttribute("time", "0");
                w.writeAttribute("timestamp", timestamp);
                for (Finding f : suite.getValue()) {
                    testcase(w, report, f);
                }
                if (!suite.getValue().isEmpty()) {
                    w.writeCharacters("\n  ");
                }
                w.writeEndElement();
            }
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            // Every string is made legal XML first: any other failure here is a bug, not an input problem.
            throw new IllegalStateException("could not produce JUnit XML", e);
        }
        buffered.flush();
    }

    private static void testcase(XMLStreamWriter w, ScanReport report, Finding f) throws XMLStreamException {
        w.writeCharacters("\n    ");
        String child = switch (f.outcome()) {
            case PASS -> null;
            case FAIL -> "failure";
            case ERROR -> "error";
            case NOT_APPLICABLE, SUPPRESSED -> "skipped";
        };
        if (child == null) {
            w.writeEmptyElement("testcase");
        } else {
            w.writeStartElement("testcase");
        }
        attribute(w, "classname", f.ruleId());
        attribute(w, "name", f.resourceArn());
        w.writeAttribute("time", "0");
        if (child == null) {
            return;
        }
        w.writeCharacters("\n      ");
        w.writeStartElement(child);
        attribute(w, "message", message(report, f));
        if (!child.equals("skipped")) {
            w.writeAttribute("type", f.severity().name());
        }
        content(w, text(details(report, f)));
        w.writeEndElement();
        w.writeCharacters("\n    ");
        w.writeEndElement();
    }

    /**
     * The one line a CI system lists for a failure, error or skip. A waived finding says who waived it and why
     * before the rule's message; a failure that is NEW against the baseline starts with {@code [NEW]}, so that the
     * failures a change introduced stand out from those it inherited.
     */
    static String message(ScanReport report, Finding f) {
        if (f.outcome() == Outcome.SUPPRESSED) {
            Optional<WaiverStatus> waiver = report.waiverOf(f);
            if (waiver.isPresent()) {
                Waiver w = waiver.get().waiver();
                return "waived by " + w.displayName() + " (owner " + w.owner() + ", "
                        + (w.expires() == null ? "no expiry" : "expires " + w.expires()) + "): " + w.reason()
                        + " \u2014 " + f.message();
            }
        }
        boolean isNew = f.outcome() == Outcome.FAIL
                && report.baselineStatus(f).filter(s -> s == BaselineStatus.NEW).isPresent();
        return isNew ? "[NEW] " + f.message() : f.message();
    }

    /** The body of a failure, error or skip: what a CI system shows when the test case is opened. */
    static String details(ScanReport report, Finding f) {
        StringBuilder sb = new StringBuilder();
        sb.append(f.outcome().name()).append(' ').append(f.severity().name()).append(": ").append(f.message())
                .append('\n');
        line(sb, "resource", f.resourceArn());
        line(sb, "name", f.resourceName());
        line(sb, "type", f.resourceType());
        line(sb, "account", f.account());
        line(sb, "region", f.region());
        line(sb, "baseline", report.baselineStatus(f).map(Enum::name).orElse(null));
        Optional<WaiverStatus> waiver = report.waiverOf(f);
        if (waiver.isPresent()) {
            Waiver w = waiver.get().waiver();
            line(sb, waiver.get().expired() ? "expiredWaiver" : "waiver", w.displayName());
            line(sb, "waiver.source", w.source());
            line(sb, "waiver.owner", w.owner());
            line(sb, "waiver.expires", w.expires() == null ? null : w.expires().toString());
            line(sb, "waiver.reason", w.reason());
        }
        for (Map.Entry<String, Object> e : f.evidence().entrySet()) {
            line(sb, "evidence." + e.getKey(), EvidenceText.value(e.getValue()));
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String value) {
        if (value != null) {
            sb.append(key).append('=').append(value).append('\n');
        }
    }

    /**
     * Element text; a CR is written as the character reference {@code &#xD;}, since a parser turns a literal
     * CR into LF and the text would not read back exactly.
     */
    private static void content(XMLStreamWriter w, String text) throws XMLStreamException {
        int start = 0;
        for (int cr = text.indexOf('\r'); cr >= 0; cr = text.indexOf('\r', start)) {
            w.writeCharacters(text.substring(start, cr));
            w.writeEntityRef("#xD");
            start = cr + 1;
        }
        w.writeCharacters(text.substring(start));
    }

    private static void counts(XMLStreamWriter w, Counts c) throws XMLStreamException {
        w.writeAttribute("tests", Long.toString(c.tests()));
        w.writeAttribute("failures", Long.toString(c.failures()));
        w.writeAttribute("errors", Long.toString(c.errors()));
        w.writeAttribute("skipped", Long.toString(c.skipped()));
    }

    private static void attribute(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeAttribute(name, attributeText(value));
    }

    /** Text legal in an XML 1.0 attribute that a parser reads back unchanged: CR, LF and tab become spaces. */
    static String attributeText(String value) {
        return text(value == null ? "" : value).replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
    }

    /** The text with every character XML 1.0 cannot hold replaced by U+FFFD. */
    static String text(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            boolean legal = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (!legal && sb == null) {
                sb = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (sb != null) {
                if (legal) {
                    sb.appendCodePoint(cp);
                } else {
                    sb.append('\uFFFD');
                }
            }
            i += n;
        }
        return sb == null ? s : sb.toString();
    }
}
