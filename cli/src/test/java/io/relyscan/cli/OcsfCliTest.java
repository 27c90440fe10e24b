package io.relyscan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --format ocsf}: one OCSF Compliance Finding event per finding of a real evaluation (the bundled demo
 * account and the real rules), each valid against the OCSF 1.1.0 schema that report/ tests use.
 */
class OcsfCliTest {
    private static final Path DEMO_INVENTORY = Path.of("..", "examples", "demo-account", "inventory.json");
    private static final Path OCSF_SCHEMA = Path.of("..", "report", "src", "test", "resources", "ocsf",
            "ocsf-1.1.0-compliance_finding-cloud.schema.json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void evaluate_withOcsf_writesOneValidEventPerFinding() throws Exception {
        Path out = tmp.resolve("reports");

        CliUsageTest.Result r = CliUsageTest.run("evaluate", "--inventory", DEMO_INVENTORY.toString(),
                "--output-dir", out.toString(), "--format", "json,ocsf", "--fail-on", "NONE");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("OCSF report: " + out.resolve("relyscan-ocsf.jsonl"));
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("relyscan-ocsf.jsonl", "relyscan-report.json");
        }
        JsonNode report = MAPPER.readTree(out.resolve("relyscan-report.json").toFile());
        List<String> findingIds = new ArrayList<>();
        report.get("findings").forEach(f -> findingIds.add(f.get("id").asText()));
        assertThat(findingIds).isNotEmpty();

        String text = Files.readString(out.resolve("relyscan-ocsf.jsonl"), StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(MAPPER.readTree(OCSF_SCHEMA.toFile()));
        List<String> eventIds = new ArrayList<>();
        for (String line : text.split("\n")) {
            JsonNode event = MAPPER.readTree(line);
            assertThat(schema.validate(event)).as(line).isEmpty();
            assertThat(event.get("class_uid").asInt()).isEqualTo(2003);
            assertThat(event.at("/metadata/product/name").asText()).isEqualTo("relyscan");
            assertThat(event.at("/unmapped/outcome").asText())
                    .isEqualTo(report.at("/findings/" + eventIds.size() + "/outcome").asText());
            eventIds.add(event.at("/finding_info/uid").asText());
        }
        assertThat(eventIds).as("every finding, PASS included, in report order").isEqualTo(findingIds);
    }

    @Test
    void help_namesTheOcsfFormatAndFile() {
        CliUsageTest.Result r = CliUsageTest.run("scan", "--help");
        assertThat(r.out().replaceAll("\\s+", " ")).contains("ocsf").contains("relyscan-ocsf.jsonl");
    }
}
