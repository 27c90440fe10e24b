package io.relyscan.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.report.browser.HostileReports;
import io.relyscan.report.html.HtmlDocument;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HtmlReporterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATA_OPEN = "<script type=\"application/json\" id=\"relyscan-data\">";

    private static String html(ScanReport report) {
        return new String(new HtmlReporter().render(report), StandardCharsets.UTF_8);
    }

    @Test
    void namesItsFormatAndFile() {
        assertThat(new HtmlReporter().format()).isEqualTo("html");
        assertThat(new HtmlReporter().defaultFileName()).isEqualTo("relyscan-report.html");
    }

    @Test
    void sameReport_sameBytes() {
        assertThat(new HtmlReporter().render(ReportFixtures.report()))
                .isEqualTo(new HtmlReporter().render(ReportFixtures.report()));
        assertThat(new HtmlReporter().render(HostileReports.large(2000)))
                .isEqualTo(new HtmlReporter().render(HostileReports.large(2000)));
    }

    @Test
    void contentSecurityPolicy_allowsOnlyTheInlineScriptByItsHash_andNoFetch() throws Exception {
        String page = html(ReportFixtures.report());
        String csp = HtmlDocument.contentSecurityPolicy();
        assertThat(page).contains("<meta http-equiv=\"Content-Security-Policy\" content=\""
                + csp.replace("'", "&#39;") + "\">");
        assertThat(csp).startsWith("default-src 'none'; ").contains("style-src 'unsafe-inline'")
                .contains("img-src data:").doesNotContain("unsafe-eval").doesNotContain("http");
        // the CSP comes before any script, and the hash is that of the one executable script
        assertThat(page.indexOf("Content-Security-Policy")).isLessThan(page.indexOf("<script"));
        String script = page.substring(page.lastIndexOf("<script>") + "<script>".length(),
                page.lastIndexOf("</script>"));
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(script.getBytes(StandardCharsets.UTF_8)));
        assertThat(csp).contains("script-src 'sha256-" + hash + "'");
    }

    @Test
    void worksOffline_noUrlAnywhere() {
        // hostileReport() has a tag value "=HYPERLINK(\"http://evil.example/...": even its text is no URL in the file
        for (ScanReport report : List.of(ReportFixtures.report(), FrameworkFixtures.report(), HostileReports.report(),
                ReportFormatsTestSupport.hostileReport())) {
            String page = html(report).toLowerCase(Locale.ROOT);
            assertThat(page).doesNotContain("://").doesNotContain("url(")
                    .doesNotContain("@import").doesNotContain("<link")
                    .doesNotContain("//evil").doesNotContain("<img").doesNotContain("<iframe");
            Matcher href = Pattern.compile(" href=\"([^\"]*)\"").matcher(page);
            while (href.find()) {
                assertThat(href.group(1)).as("links stay inside the page").startsWith("#");
            }
        }
    }

    @Test
    void hostileValues_neverBecomeMarkup() throws Exception {
        for (ScanReport report : List.of(ReportFormatsTestSupport.hostileReport(), HostileReports.report(),
                ReportFixtures.report())) {
            String page = html(report);
            String lower = page.toLowerCase(Locale.ROOT);
            // exactly the two scripts the reporter writes: the data block and the hashed script
            assertThat(count(lower, "<script")).isEqualTo(2);
            assertThat(count(lower, "</script")).isEqualTo(2);
            assertThat(count(lower, "<!--")).isZero();
            assertThat(lower).doesNotContain("<svg onload").doesNotContain("<b>").doesNotContain("<img");
            assertThat(Pattern.compile("<[a-z][^<>]*\\s(src|on[a-z]+)\\s*=").matcher(lower).results()
                    .map(m -> m.group()))
                    .as("tags with a source or an event handler").isEmpty();
            // nothing invisible or reordering is written raw
            assertThat(page).doesNotContain("\u001b").doesNotContain("\u2028").doesNotContain("\u2029")
                    .doesNotContain("\u202e").doesNotContain("\u0007").doesNotContain("\u0000");
            // the data block parses back to every finding, exactly
            JsonNode data = data(page);
            assertThat(data.get("findings")).hasSize(report.findings().size());
            for (int i = 0; i < report.findings().size(); i++) {
                assertThat(data.get("findings").get(i).get("m").asText())
                        .isEqualTo(JsonFormatTestView.wellFormed(report.findings().get(i).message()));
            }
        }
    }

    @Test
    void staticText_isEscapedInTextAndAttributes() {
        String page = html(HostileReports.report());
        // the hostile waiver of the fixture, in the waivers table
        assertThat(page).contains("<td>&lt;script&gt;alert(&#39;w&#39;)&lt;/script&gt;</td>")
                .contains("see &lt;img src=x onerror=alert(1)&gt;.");
        // a hostile region in a filter option: its value attribute cannot be left
        assertThat(page).contains("<option value=\"us-east-1&quot;&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;\">");
        // terminal escapes in the fixture's DB name are shown, not written raw
        assertThat(page).contains("\\u001B[31m");
        // the baseline source is the user's text too
        assertThat(page).contains("<code>baseline/&lt;i&gt;report&lt;/i&gt;.json</code>");
    }

    @Test
    void dataBlock_escapesWhatCouldCloseIt() {
        String page = html(HostileReports.report());
        String block = page.substring(page.indexOf(DATA_OPEN) + DATA_OPEN.length(), page.indexOf("</script>",
                page.indexOf(DATA_OPEN)));
        assertThat(block).doesNotContain("<").doesNotContain(">").doesNotContain("&")
                .contains("\\u003C\\/script\\u003E\\u003Cscript\\u003Ewindow.__pwned=1").contains("\\u2028");
    }

    @Test
    void summary_showsStatusCountsCoverageGapsWaiversAndBaseline() {
        String page = html(ReportFixtures.report());
        assertThat(page).contains("data-status=\"INCOMPLETE\"").contains("Scan INCOMPLETE")
                .contains("2 services not fully collected, 2 findings could not be evaluated")
                .contains("<h2>Coverage gaps (2)</h2>")
                .contains("<span class=\"badge st-PARTIAL\">PARTIAL</span>")
                .contains("<span class=\"badge st-FAILED\">FAILED</span>")
                .contains("2026-11-28T12:00:00Z")
                .contains("relyscan 0.1.0-test, rules <code")
                .contains("3 waivers, 1 finding waived")
                .contains("7 new, 2 persisting, 2 resolved, 1 not rechecked");
        // the gaps come before the charts
        assertThat(page.indexOf("id=\"coverage-gaps\"")).isLessThan(page.indexOf("id=\"charts\""));
        assertThat(html(ReportFixtures.cleanReport())).contains("data-status=\"COMPLETE\"")
                .doesNotContain("id=\"coverage-gaps\"").contains("No waivers file was given")
                .contains("No baseline was given");
    }

    @Test
    void everyRuleHasAPage_andEveryFrameworkItsControls() {
        String page = html(FrameworkFixtures.report());
        for (var rule : FrameworkFixtures.report().rules()) {
            assertThat(page).contains("<section class=\"page\" id=\"rule/" + rule.id() + "\"");
        }
        assertThat(page).contains("data-framework=\"wa-reliability\"").contains("data-framework=\"soc2\"")
                .contains("data-framework=\"iso27001\"").contains("data-framework=\"nist-800-53\"")
                .contains("REL13-BP01").contains("badge st-MANUAL").contains("proposed by relyscan");
    }

    @Test
    void charts_areInlineSvg_withEveryGroup() {
        String page = html(ReportFixtures.report());
        for (String id : List.of("chart-severity", "chart-service", "chart-account", "chart-region")) {
            assertThat(page).contains("id=\"" + id + "\"");
        }
        assertThat(page).contains("<title>444455556666: 1 ERROR, 1 PASS</title>")
                .contains("<title>rds: 5 FAIL, 1 SUPPRESSED, 3 PASS, 1 N/A</title>");
        assertThat(html(HostileReports.large(3000))).contains("more accounts").doesNotContain("more regions");
    }

    @Test
    void write_streamsTheSameBytesAsRender_inPieces_andLeavesTheStreamOpen() throws Exception {
        for (ScanReport report : List.of(ReportFixtures.report(), FrameworkFixtures.report(),
                ReportFormatsTestSupport.hostileReport(), HostileReports.large(3000),
                StreamingTestSupport.manyFindings(2000))) {
            StreamingTestSupport.RecordingStream out = new StreamingTestSupport.RecordingStream();
            new HtmlReporter().write(report, out);
            byte[] page = new HtmlReporter().render(report);
            assertThat(out.bytes.toByteArray()).isEqualTo(page);
            assertThat(out.closed).isFalse();
            assertThat(out.flushedLast).isTrue();
            // never the whole page in one piece: it reaches the stream as it is written
            assertThat(out.largestWrite).isLessThanOrEqualTo(64 * 1024).isLessThan(page.length);
        }
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        new HtmlReporter().write(ReportFixtures.report(), streamed);
        assertThat(streamed.toByteArray()).isEqualTo(Golden.read("report.html"));
    }

    @Test
    void write_passesOnTheStreamsIOException() {
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };
        assertThatThrownBy(() -> new HtmlReporter().write(HostileReports.large(3000), failing))
                .isInstanceOf(IOException.class).hasMessage("disk full");
    }

    private static JsonNode data(String page) throws Exception {
        int start = page.indexOf(DATA_OPEN) + DATA_OPEN.length();
        return JSON.readTree(page.substring(start, page.indexOf("</script>", start)));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** The report module's rule for unpaired surrogates (replaced by U+FFFD), as the JSON data applies it. */
    private static final class JsonFormatTestView {
        static String wellFormed(String s) {
            return io.relyscan.report.internal.JsonFormat.wellFormed(s);
        }
    }
}
