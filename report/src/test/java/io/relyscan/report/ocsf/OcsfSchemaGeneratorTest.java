package io.relyscan.report.ocsf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.relyscan.report.Golden;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator on a tiny schema source made for it (src/test/resources/ocsf/generator-sample), and the facts
 * of the committed OCSF 1.1.0 schema it produced, so that a regeneration that loses them fails here.
 */
class OcsfSchemaGeneratorTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path SAMPLE = Golden.moduleDir().resolve("src/test/resources/ocsf/generator-sample");

    @Test
    void classAttributes_comeFromTheExtendsChain_includes_andChosenProfilesOnly() throws Exception {
        JsonNode schema = sample(Set.of("cloud"));
        assertThat(names(schema.get("properties"))).containsExactlyInAnyOrder("activity_id", "category_uid",
                "class_uid", "cloud", "metadata", "status_id", "time", "type_uid", "unmapped", "when", "widget");
        assertThat(names(schema.get("required")))
                .containsExactlyInAnyOrder("activity_id", "category_uid", "class_uid", "cloud", "metadata", "time",
                        "type_uid", "widget");
        assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(names(sample(Set.of("host")).get("properties"))).contains("device").doesNotContain("cloud");
    }

    @Test
    void enums_addUpOverTheDictionaryAndTheChain_andTheClassFixesItsUids() throws Exception {
        JsonNode props = sample(Set.of("cloud")).get("properties");
        assertThat(props.at("/status_id/enum").toString()).isEqualTo("[0,1,2,3,99]");
        assertThat(props.at("/activity_id/enum").toString()).isEqualTo("[0,1,2,99]");
        assertThat(props.at("/class_uid/enum").toString()).isEqualTo("[2007]");
        assertThat(props.at("/category_uid/enum").toString()).isEqualTo("[2]");
        assertThat(props.at("/type_uid/enum").toString()).isEqualTo("[200700,200701,200702,200799]");
    }

    @Test
    void typesAndObjects_becomeJsonSchemaTypes_refs_constraints_andClosedObjects() throws Exception {
        JsonNode schema = sample(Set.of("cloud"));
        JsonNode props = schema.get("properties");
        assertThat(props.at("/time/type").asText()).isEqualTo("integer");
        assertThat(props.at("/when/pattern").asText()).isEqualTo("^\\d{4}$");
        assertThat(props.at("/when/maxLength").asInt()).isEqualTo(100);
        assertThat(props.at("/unmapped").toString()).isEqualTo("{\"type\":\"object\"}");
        assertThat(props.at("/widget/$ref").asText()).isEqualTo("#/$defs/widget");
        JsonNode widget = schema.at("/$defs/widget");
        assertThat(names(widget.get("properties"))).containsExactlyInAnyOrder("data", "name", "parent", "port",
                "region", "uid");
        assertThat(widget.at("/properties/parent/$ref").asText()).isEqualTo("#/$defs/widget");
        assertThat(widget.at("/properties/port/maximum").asInt()).isEqualTo(65535);
        assertThat(widget.at("/properties/data").isEmpty()).as("json_t: any value").isTrue();
        assertThat(widget.at("/required").toString()).isEqualTo("[\"uid\"]");
        assertThat(widget.at("/anyOf").toString()).isEqualTo("[{\"required\":[\"name\"]},{\"required\":[\"uid\"]}]");
        assertThat(widget.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(names(schema.get("$defs"))).containsExactly("cloud", "metadata", "widget");
    }

    @Test
    void theGeneratedSchema_requiresTheVersionAndProfiles_andValidates() throws Exception {
        JsonNode schema = sample(Set.of("cloud"));
        String valid = """
                {"activity_id": 1, "category_uid": 2, "class_uid": 2007, "type_uid": 200701, "time": 1,
                 "metadata": {"version": "9.9.9", "profiles": ["cloud"]}, "cloud": {"region": "r"},
                 "widget": {"uid": "w", "parent": {"uid": "p", "port": 80}, "data": [1, {"a": null}]},
                 "unmapped": {"anything": {"goes": true}}}""";
        assertThat(validate(schema, valid)).isEmpty();
        String invalid = valid.replace("\"9.9.9\"", "\"1.0.0\"").replace("\"port\": 80", "\"port\": 70000")
                .replace("\"activity_id\": 1", "\"activity_id\": 5").replace("\"widget\": {\"uid\": \"w\",",
                        "\"widget\": {\"colour\": \"red\",");
        assertThat(validate(schema, invalid)).extracting(ValidationMessage::getMessage)
                .anySatisfy(m -> assertThat(m).contains("version"))
                .anySatisfy(m -> assertThat(m).contains("port"))
                .anySatisfy(m -> assertThat(m).contains("activity_id"))
                .anySatisfy(m -> assertThat(m).contains("colour"))
                .anySatisfy(m -> assertThat(m).contains("uid"));
    }

    @Test
    void generation_isDeterministic() {
        assertThat(OcsfSchemaGenerator.generate(SAMPLE, "thing", Set.of("cloud")))
                .isEqualTo(OcsfSchemaGenerator.generate(SAMPLE, "thing", Set.of("cloud")));
    }

    @Test
    void theCommittedOcsfSchema_holdsTheComplianceFindingFacts() throws Exception {
        JsonNode schema = MAPPER.readTree(Files.readAllBytes(OcsfSchema.file()));
        assertThat(schema.get("title").asText()).contains("OCSF 1.1.0").contains("class_uid 2003");
        assertThat(names(schema.get("required"))).containsExactlyInAnyOrder("activity_id", "category_uid",
                "class_uid", "cloud", "compliance", "finding_info", "metadata", "severity_id", "time", "type_uid");
        JsonNode props = schema.get("properties");
        assertThat(names(props)).contains("resource", "remediation", "unmapped", "api")
                .as("no evidences in 1.1.0 Compliance Finding; host profile not chosen")
                .doesNotContain("evidences", "resources", "device", "actor");
        assertThat(props.at("/status_id/enum").toString()).isEqualTo("[0,1,2,3,4,99]");
        assertThat(props.at("/severity_id/enum").toString()).isEqualTo("[0,1,2,3,4,5,6,99]");
        assertThat(schema.at("/$defs/compliance/properties/status_id/enum").toString()).isEqualTo("[0,1,2,3,99]");
        assertThat(names(schema.at("/$defs/compliance/required"))).containsExactly("standards");
        assertThat(names(schema.at("/$defs/finding_info/required"))).containsExactlyInAnyOrder("title", "uid");
        assertThat(names(schema.at("/$defs/resource_details/properties"))).contains("cloud_partition", "region",
                "owner", "labels");
    }

    private static JsonNode sample(Set<String> profiles) throws Exception {
        return MAPPER.readTree(OcsfSchemaGenerator.generate(SAMPLE, "thing", profiles));
    }

    private static Set<ValidationMessage> validate(JsonNode schema, String json) throws Exception {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema)
                .validate(MAPPER.readTree(json));
    }

    private static List<String> names(JsonNode node) {
        if (node.isArray()) {
            List<String> values = new java.util.ArrayList<>();
            node.forEach(n -> values.add(n.asText()));
            return values;
        }
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
