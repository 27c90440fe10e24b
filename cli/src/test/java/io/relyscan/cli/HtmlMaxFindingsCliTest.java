package io.relyscan.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** --html-max-findings: how many findings the HTML report embeds (scan, evaluate, merge). */
class HtmlMaxFindingsCliTest {
    private static final Path DEMO_INVENTORY = Path.of("..", "examples", "demo-account", "inventory.json");

    @TempDir
    Path tmp;

    @Test
    void evaluate_withASmallCap_embedsThatMany_andSaysHowManyThereAreInAll() throws Exception {
        Path out = tmp.resolve("capped");
        CliUsageTest.Result r = CliUsageTest.run("evaluate", "--inventory", DEMO_INVENTORY.toString(),
                "--output-dir", out.toString(), "--format", "json,html", "--fail-on", "NONE",
                "--html-max-findings", "3");

        assertThat(r.code()).as(r.err()).isZero();
        int total = new ObjectMapper().readTree(out.resolve("relyscan-report.json").toFile()).get("findings").size();
        assertThat(total).isGreaterThan(3);
        String html = Files.readString(out.resolve("relyscan-report.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("id=\"capped\"").contains("Showing 3 of " + String.format(Locale.ROOT, "%,d",
                total) + " findings: ").contains("\"total\":" + total);
    }

    @Test
    void evaluate_withZero_embedsEveryFinding() throws Exception {
        Path out = tmp.resolve("all");
        CliUsageTest.Result r = CliUsageTest.run("evaluate", "--inventory", DEMO_INVENTORY.toString(),
                "--output-dir", out.toString(), "--format", "html", "--fail-on", "NONE",
                "--html-max-findings=0");

        assertThat(r.code()).as(r.err()).isZero();
        String html = Files.readString(out.resolve("relyscan-report.html"), StandardCharsets.UTF_8);
        assertThat(html).doesNotContain("id=\"capped\"").doesNotContain("\"total\":");
    }

    @Test
    void aNegativeValue_isAnInputError_onEveryCommand_beforeAnyWork() {
        Path out = tmp.resolve("never");
        String[][] commands = {
                {"scan", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9", "--output-dir",
                        out.toString(), "--html-max-findings=-1"},
                {"evaluate", "--inventory", DEMO_INVENTORY.toString(), "--output-dir", out.toString(),
                        "--html-max-findings", "-1"},
                {"merge", "--output-dir", out.toString(), "--html-max-findings=-1", tmp.resolve("a.json").toString()}};
        for (String[] args : commands) {
            CliUsageTest.Result r = CliUsageTest.run(args);
            assertThat(r.code()).as(args[0] + ": " + r.out() + r.err()).isEqualTo(2);
            assertThat(r.err()).as(args[0]).contains("--html-max-findings: -1 is negative; expected the most "
                    + "findings the HTML report embeds, or 0 for all of them").doesNotContain("\tat ");
            assertThat(out).doesNotExist();
        }
    }

    @Test
    void aValueThatIsNoNumber_isAUsageError_namingTheOption() {
        CliUsageTest.Result r = CliUsageTest.run("evaluate", "--inventory", DEMO_INVENTORY.toString(),
                "--output-dir", tmp.resolve("never").toString(), "--html-max-findings", "lots");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--html-max-findings").contains("lots");
    }

    @Test
    void help_documentsTheOptionAndItsDefault() {
        for (String command : new String[]{"scan", "evaluate", "merge"}) {
            String help = CliUsageTest.run(command, "--help").out().replaceAll("\\s+", " ");
            assertThat(help).as(command).contains("--html-max-findings=N")
                    .contains("Most findings the HTML report embeds, worst first").contains("0 embeds every finding")
                    .contains("Default: 50000");
        }
    }

    @Test
    void readme_documentsTheOption() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        assertThat(readme).contains("| `--html-max-findings N` | most findings the HTML report embeds, worst first "
                + "(default 50,000; `0`: all)");
        String docs = Files.readString(Path.of("..", "docs", "reports.md"), StandardCharsets.UTF_8);
        assertThat(docs).contains("**at most 50,000 findings**").contains("`--html-max-findings N`");
    }
}
