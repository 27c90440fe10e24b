package io.relyscan.report;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.waiver.Waiver;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import java.nio.file.Files;
import static org.assertj.core.api.Assertions.assertThat;

class JunitReporterTest {
    @Test
    void reporter_namesItsFormatAndFile() {
        assertThat(new JunitReporter().format()).isEqualTo("junit");
        assertThat(new JunitReporter().defaultFileName()).isEqualTo("relyscan-junit.xml");
    }

    @Test
    void render_isDeterministic_andUsesCapturedAtAsTheOnlyTime() {
        byte[] bytes = new JunitReporter().render(ReportFixtures.report());
        assertThat(bytes).isEqualTo(new JunitReporter().render(ReportFixtures.report()));
        String xml = new String(bytes, StandardCharsets.UTF_8);
        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites ")
                .contains("timestamp=\"2026-11-28T12:00:00Z\"").endsWith("</testsuites>\n");
    }

    @Test
    void suitesAndCases_followTheRulesAndFindings_withCorrectCounts() throws Exception {
        ScanReport report = ReportFixtures.report();
        Element root = parse(new JunitReporter().render(report)).getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertCounts(root, report.findings());
        List<Element> suites = children(root, "testsuite");
        assertThat(suites).extracting(s -> s.getAttribute("name"))
                .containsExactlyElementsOf(report.rules().stream().map(r -> r.id()).sorted().toList());
        // The fixture holds each outcome at least once; counts are checked per rule against the findings.
        assertThat(root.getAttribute("tests")).isEqualTo("18");
        assertThat(root.getAttribute("failures")).isEqualTo("8");
        assertThat(root.getAttribute("errors")).isEqualTo("2");
        assertThat(root.getAttribute("skipped")).isEqualTo("2");
        for (Element suite : suites) {
            String rule = suite.getAttribute("name");
            List<Finding> findings = report.findings().stream().filter(f -> f.ruleId().equals(rule)).toList();
            assertCounts(suite, findings);
            List<Element> cases = children(suite, "testcase");
            assertThat(cases).hasSize(findings.size());
            for (int i = 0; i < cases.size(); i++) {
                Element c = cases.get(i);
                Finding f = findings.get(i);
                assertThat(c.getAttribute("classname")).isEqualTo(rule);
                assertThat(c.getAttribute("name")).isEqualTo(JunitReporter.attributeText(f.resourceArn()));
                String expectedChild = switch (f.outcome()) {
                    case PASS -> null;
                    case FAIL -> "failure";
                    case ERROR -> "error";
                    case NOT_APPLICABLE, SUPPRESSED -> "skipped";
                };
                List<Element> kids = children(c, null);
                if (expectedChild == null) {
                    assertThat(kids).isEmpty();
                } else {
                    assertThat(kids).singleElement().satisfies(k -> {
                        assertThat(k.getTagName()).isEqualTo(expectedChild);
                        assertThat(k.getAttribute("message")).isEqualTo(JunitReporter.attributeText(
                                JunitReporter.message(report, f)));
                        if (f.outcome() == Outcome.FAIL || f.outcome() == Outcome.ERROR) {
                            assertThat(k.getAttribute("type")).isEqualTo(f.severity().name());
                        }
                        assertThat(k.getTextContent()).isEqualTo(JunitReporter.text(JunitReporter.details(report,
                                f)));
                    });
                }
            }
        }
    }

    @Test
    void hostileValues_giveWellFormedXml_thatReadsBackTheText() throws Exception {
        ScanReport report = ReportFormatsTestSupport.hostileReport();
        byte[] bytes = new JunitReporter().render(report);
        String xml = new String(bytes, StandardCharsets.UTF_8);
        assertThat(xml).doesNotContain("<script>").doesNotContain("\u0000").doesNotContain("\u0001")
                .doesNotContain("\u001b");
        Element root = parse(bytes).getDocumentElement();
        assertCounts(root, report.findings());
        List<Element> cases = children(children(root, "testsuite").get(0), "testcase");
        assertThat(cases).hasSize(ReportFormatsTestSupport.HOSTILE.size());
        for (int i = 0; i < cases.size(); i++) {
            Finding f = report.findings().get(i);
            String h = ReportFormatsTestSupport.HOSTILE.get(i);
            String legal = h.replace("\ud800", "\uFFFD").replace("\u0001", "\uFFFD").replace("\u0007", "\uFFFD")
                    .replace("\u001b", "\uFFFD").replace("\u0000", "\uFFFD");
            assertThat(cases.get(i).getAttribute("name")).isEqualTo(
                    (String.format("%02d", i) + legal).replace('\r', ' ').replace('\n', ' ').replace('\t', ' '));
            List<Element> kids = children(cases.get(i), null);
            if (!kids.isEmpty()) {
                Element k = kids.get(0);
                assertThat(k.getAttribute("message"))
                        .isEqualTo(legal.replace('\r', ' ').replace('\n', ' ').replace('\t', ' '));
                assertThat(k.getTextContent()).isEqualTo(JunitReporter.text(JunitReporter.details(report, f)))
                        .contains("evidence.tag=" + legal + "\n");
            }
        }
    }

    @Test
    void waivedFinding_isSkippedWithTheWaiver_andNewFailuresAreMarked() throws Exception {
        Element root = parse(new JunitReporter().render(ReportFixtures.report())).getDocumentElement();
        Element backup = children(root, "testsuite").stream()
                .filter(s -> s.getAttribute("name").equals("backup-plan-covers-rds")).findFirst().orElseThrow();
        Element waived = children(backup, "testcase").stream()
                .filter(c -> c.getAttribute("name").endsWith(":db:reports-db")).findFirst().orElseThrow();
        Element skipped = children(waived, "skipped").get(0);
        assertThat(skipped.getAttribute("message")).isEqualTo("waived by WAIVER-12 (owner data-platform@example.com, "
                + "expires 2027-01-31): Reporting replica, rebuilt nightly from orders-db; it is never restored. "
                + "\u2014 no backup plan selects this instance");
        assertThat(skipped.getTextContent()).contains("\nbaseline=NEW\nwaiver=WAIVER-12\nwaiver.source=waivers.yaml:2\n"
                + "waiver.owner=data-platform@example.com\nwaiver.expires=2027-01-31\nwaiver.reason=Reporting replica");
        Element ordersDb = children(backup, "testcase").stream()
                .filter(c -> c.getAttribute("name").endsWith(":db:orders-db")).findFirst().orElseThrow();
        assertThat(children(ordersDb, "failure").get(0).getAttribute("message"))
                .isEqualTo("[NEW] no backup plan selects this instance");

        Element asg = children(children(root, "testsuite").stream()
                .filter(s -> s.getAttribute("name").equals("asg-multi-az")).findFirst().orElseThrow(), "testcase")
                .stream().filter(c -> c.getAttribute("name").endsWith("web-asg")).findFirst().orElseThrow();
        Element failure = children(asg, "failure").get(0);
        assertThat(failure.getAttribute("message")).doesNotStartWith("[NEW]");
        assertThat(failure.getTextContent()).contains("\nbaseline=PERSISTING\nexpiredWaiver=waivers.yaml:10\n")
                .contains("waiver.expires=2026-10-31\n");
    }

    @Test
    void hostileWaiverText_isEscapedInTheSkipMessage() throws Exception {
        ScanReport report = ReportFormatsTestSupport.hostileWaiverReport();
        byte[] bytes = new JunitReporter().render(report);
        String xml = new String(bytes, StandardCharsets.UTF_8);
        assertThat(xml).doesNotContain("<script>").doesNotContain("<b>").doesNotContain("<img")
                .doesNotContain("\u001b").contains("&lt;script&gt;");
        Element skipped = (Element) parse(bytes).getElementsByTagName("skipped").item(0);
        Waiver w = report.waivers().get(0).waiver();
        assertThat(skipped.getAttribute("message")).startsWith("waived by " + w.id() + " (owner \uFFFD[31mops"
                + "\uFFFD[0m <team@example.com>, no expiry): " + w.reason() + " \u2014 ");
    }

    @Test
    void text_replacesCharactersXmlCannotHold() {
        assertThat(JunitReporter.text("a\u0000b\u0008c\td\ne\rf\uFFFEg\ud83d\ude80\udc00"))
                .isEqualTo("a\uFFFDb\uFFFDc\td\ne\rf\uFFFDg\ud83d\ude80\uFFFD");
    }

    @Test
    void write_streamsTheBytesRenderGives_aBufferAtATime_withEachSuitesCountsFirst() throws Exception {
        StreamingTestSupport.RecordingStream out = new StreamingTestSupport.RecordingStream();
        new JunitReporter().write(ReportFixtures.report(), out);
        assertThat(out.bytes.toByteArray()).isEqualTo(new JunitReporter().render(ReportFixtures.report()))
                .isEqualTo(Files.readAllBytes(Golden.file("junit.xml")));
        assertThat(out.flushedLast).isTrue();
        assertThat(out.closed).isFalse();

        ScanReport big = StreamingTestSupport.manyFindings(1000);
        StreamingTestSupport.RecordingStream bigOut = new StreamingTestSupport.RecordingStream();
        new JunitReporter().write(big, bigOut);
        byte[] bytes = bigOut.bytes.toByteArray();
        assertThat(bytes).isEqualTo(new JunitReporter().render(big));
        assertThat(bytes.length).isGreaterThan(256 * 1024);
        assertThat(bigOut.largestWrite).isLessThanOrEqualTo(64 * 1024);
        assertThat(bigOut.flushedLast).isTrue();
        assertThat(bigOut.closed).isFalse();
        Element suite = (Element) parse(bytes).getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("1000");
        assertThat(suite.getAttribute("failures")).isEqualTo(Long.toString(count(big, Outcome.FAIL)));
        assertThat(suite.getAttribute("errors")).isEqualTo(Long.toString(count(big, Outcome.ERROR)));
        assertThat(suite.getAttribute("skipped")).isEqualTo(Long.toString(count(big, Outcome.NOT_APPLICABLE)));
        assertThat(suite.getElementsByTagName("testcase").getLength()).isEqualTo(1000);
    }

    private static long count(ScanReport report, Outcome outcome) {
        return report.findings().stream().filter(f -> f.outcome() == outcome).count();
    }

    private static void assertCounts(Element e, List<Finding> findings) {
        assertThat(e.getAttribute("tests")).isEqualTo(Integer.toString(findings.size()));
        assertThat(e.getAttribute("failures")).isEqualTo(count(findings, Outcome.FAIL));
        assertThat(e.getAttribute("errors")).isEqualTo(count(findings, Outcome.ERROR));
        assertThat(e.getAttribute("skipped")).isEqualTo(Long.toString(
                findings.stream().filter(f -> f.outcome() == Outcome.NOT_APPLICABLE
                        || f.outcome() == Outcome.SUPPRESSED).count()));
    }

    private static String count(List<Finding> findings, Outcome o) {
        return Long.toString(findings.stream().filter(f -> f.outcome() == o).count());
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && (tag == null || e.getTagName().equals(tag))) {
                out.add(e);
            }
        }
        return out;
    }
}
