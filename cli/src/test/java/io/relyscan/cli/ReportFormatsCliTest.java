package io.relyscan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --format csv,junit}: both files written (atomically) into the output directory. */
class ReportFormatsCliTest {
    private static final Path DEMO_INVENTORY = Path.of("..", "examples", "demo-account", "inventory.json");

    @TempDir
    Path tmp;

    @Test
    void evaluate_withCsvAndJunit_writesBothFilesAndNothingElse() throws Exception {
        Path out = tmp.resolve("reports");
        Files.createDirectories(out);
        Files.writeString(out.resolve("relyscan-junit.xml"), "stale");

        CliUsageTest.Result r = CliUsageTest.run("evaluate", "--inventory", DEMO_INVENTORY.toString(),
                "--output-dir", out.toString(), "--format", "csv,junit", "--fail-on", "NONE");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("CSV report: " + out.resolve("relyscan-findings.csv"))
                .contains("JUNIT report: " + out.resolve("relyscan-junit.xml"));
        try (Stream<Path> files = Files.list(out)) {
            // No temporary file is left behind, and no format that was not asked for is written.
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("relyscan-findings.csv", "relyscan-junit.xml");
        }
        String csv = Files.readString(out.resolve("relyscan-findings.csv"), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFfinding_id,rule_id,catalog_id,severity,outcome,").endsWith("\r\n");
        List<String> rows = List.of(csv.split("\r\n"));
        assertThat(rows.size()).isGreaterThan(1);

        byte[] xml = Files.readAllBytes(out.resolve("relyscan-junit.xml"));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Element root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(Integer.parseInt(root.getAttribute("tests"))).isPositive();
        assertThat(root.getElementsByTagName("testcase").getLength())
                .isEqualTo(Integer.parseInt(root.getAttribute("tests")));
    }

    @Test
    void evaluate_withMarkdown_writesTheSummary() throws Exception {
        Path out = tmp.resolve("md");

        CliUsageTest.Result r = CliUsageTest.run("evaluate", "--inventory", DEMO_INVENTORY.toString(),
                "--output-dir", out.toString(), "--format", "markdown", "--fail-on", "NONE");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("MARKDOWN report: " + out.resolve("relyscan-summary.md"));
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("relyscan-summary.md");
        }
        String md = Files.readString(out.resolve("relyscan-summary.md"), StandardCharsets.UTF_8);
        assertThat(md).startsWith("# relyscan summary\n").contains("**Status: ").contains("## Outcomes")
                .contains("## Failures by severity").contains("## Failing findings (")
                .contains("| Rule | Resource | Account | Region | Message |");
    }

    @Test
    void evaluate_withHtml_writesOneSelfContainedPage() throws Exception {
        Path out = tmp.resolve("html");

        CliUsageTest.Result r = CliUsageTest.run("evaluate", "--inventory", DEMO_INVENTORY.toString(),
                "--output-dir", out.toString(), "--format", "html", "--fail-on", "NONE");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("HTML report: " + out.resolve("relyscan-report.html"));
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("relyscan-report.html");
        }
        String html = Files.readString(out.resolve("relyscan-report.html"), StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>\n").contains("http-equiv=\"Content-Security-Policy\"")
                .contains("<script type=\"application/json\" id=\"relyscan-data\">").endsWith("</html>\n")
                .doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void help_namesTheHtmlFormat() {
        CliUsageTest.Result r = CliUsageTest.run("evaluate", "--help");
        assertThat(r.out().replaceAll("\\s+", " ")).contains("html").contains("relyscan-report.html");
    }

    @Test
    void help_namesTheNewFormats() {
        CliUsageTest.Result r = CliUsageTest.run("evaluate", "--help");
        assertThat(r.out().replaceAll("\\s+", " ")).contains("json, csv, junit, markdown")
                .contains("relyscan-findings.csv").contains("relyscan-junit.xml")
                .contains("relyscan-summary.md");
    }
}
