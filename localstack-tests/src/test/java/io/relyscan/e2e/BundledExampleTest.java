package io.relyscan.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled example {@code examples/demo-account/inventory.json} still evaluates to what its README and
 * {@link ScanEndToEndTest} describe. Needs no emulator: it runs {@code evaluate --inventory} offline.
 */
class BundledExampleTest {

    @Test
    void evaluate_ofTheBundledExample_givesTheDemoAccountFindings(@TempDir Path out) throws Exception {
        Path inventory = RegenerateExampleTest.repositoryRoot().resolve("examples/demo-account/inventory.json");
        assertThat(inventory).as("run scripts/regenerate-example.sh to create it").isRegularFile();

        Cli.Run run = Cli.run(Map.of(), "evaluate", "--inventory", inventory.toString(), "--output-dir",
                out.toString(), "--format", "json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        ReportJson report = ReportJson.read(out);
        assertThat(report.complete()).isTrue();
        ScanEndToEndTest.assertFindings(report.findings(), ScanEndToEndTest.expectedFindings(
                instancesByAsg(inventory), standaloneInstances(inventory), volumes(inventory)));
    }

    /** EBS volumes keyed "region/Name-tag" when named, else by the id of the (first) instance they attach to. */
    private static Map<String, String> volumes(Path inventory) throws Exception {
        Map<String, String> byKey = new TreeMap<>();
        for (JsonNode r : new ObjectMapper().readTree(inventory.toFile()).path("resources")) {
            if (!r.path("type").asText().equals("EbsVolume")) {
                continue;
            }
            String name = r.path("tags").path("Name").asText();
            if (!name.isEmpty()) {
                byKey.put(r.path("region").asText() + "/" + name, r.path("volumeId").asText());
            } else if (!r.path("attachedInstanceIds").isEmpty()) {
                byKey.put(r.path("attachedInstanceIds").get(0).asText(), r.path("volumeId").asText());
            }
        }
        return byKey;
    }

    /** Reads which instances each Auto Scaling group holds from the instances' aws:autoscaling tag. */
    private static Map<String, List<String>> instancesByAsg(Path inventory) throws Exception {
        Map<String, List<String>> byAsg = new TreeMap<>();
        for (JsonNode r : instances(inventory)) {
            String asg = r.path("tags").path("aws:autoscaling:groupName").asText();
            if (!asg.isEmpty()) {
                byAsg.computeIfAbsent(r.path("region").asText() + "/" + asg, k -> new ArrayList<>())
                        .add(r.path("instanceId").asText());
            }
        }
        return byAsg;
    }

    /** The instances outside any group, keyed "region/Name-tag". */
    private static Map<String, String> standaloneInstances(Path inventory) throws Exception {
        Map<String, String> byName = new TreeMap<>();
        for (JsonNode r : instances(inventory)) {
            if (!r.path("tags").has("aws:autoscaling:groupName")) {
                byName.put(r.path("region").asText() + "/" + r.path("tags").path("Name").asText(),
                        r.path("instanceId").asText());
            }
        }
        return byName;
    }

    private static List<JsonNode> instances(Path inventory) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : new ObjectMapper().readTree(inventory.toFile()).path("resources")) {
            if (r.path("type").asText().equals("Ec2Instance")) {
                out.add(r);
            }
        }
        return out;
    }
}
