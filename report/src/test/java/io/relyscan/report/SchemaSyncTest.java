package io.relyscan.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.CollectionStatus;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.inventory.Resource;
import io.relyscan.core.inventory.ResourceTypes;
import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.MappingSource;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.ParameterType;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The schemas in docs/schema list the model's enum values and fields; this keeps them in step. */
class SchemaSyncTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void reportSchema_enumsMatchTheModel() throws IOException {
        JsonNode defs = schema("relyscan-report-v1.schema.json").get("$defs");
        assertThat(values(defs.at("/severity/enum"))).containsExactlyElementsOf(names(Severity.values()));
        assertThat(values(defs.at("/outcome/enum"))).containsExactlyElementsOf(names(Outcome.values()));
        assertThat(values(defs.at("/service/enum"))).containsExactlyElementsOf(
                Arrays.stream(AwsService.values()).map(AwsService::id).toList());
        assertThat(values(defs.at("/rule/properties/controls/items/properties/framework/enum")))
                .containsExactlyElementsOf(Arrays.stream(Framework.values()).map(Framework::id).toList());
        assertThat(values(defs.at("/rule/properties/controls/items/properties/source/enum")))
                .containsExactlyElementsOf(names(MappingSource.values()));
        assertThat(values(defs.at("/rule/properties/parameters/items/properties/type/enum")))
                .containsExactlyElementsOf(names(ParameterType.values()));
        assertThat(values(defs.at("/coverageEntry/properties/status/enum")))
                .containsExactlyElementsOf(names(CollectionStatus.values()));
        assertThat(values(defs.at("/coverageEntry/properties/gaps/items/properties/reason/enum")))
                .containsExactlyElementsOf(names(GapReason.values()));
        assertThat(values(defs.at("/coverageEntry/properties/operations/items/properties/failures/propertyNames/enum")))
                .containsExactlyElementsOf(names(GapReason.values()));
        assertThat(values(defs.at("/controlStatus/enum")))
                .containsExactlyElementsOf(names(io.relyscan.core.framework.ControlStatus.values()));
        assertThat(values(defs.at("/frameworkView/properties/id/enum")))
                .containsExactlyElementsOf(Arrays.stream(Framework.values()).map(Framework::id).toList());
        assertThat(values(defs.at("/frameworkView/properties/controls/items/properties/rules/items/properties/"
                + "source/enum"))).containsExactlyElementsOf(names(MappingSource.values()));
    }

    @Test
    void reportSchema_describesWaiversAndBaselines() throws IOException {
        JsonNode defs = schema("relyscan-report-v1.schema.json").get("$defs");
        assertThat(values(defs.at("/baselineStatus/enum"))).containsExactlyElementsOf(
                Arrays.stream(io.relyscan.core.baseline.BaselineStatus.values())
                        .filter(s -> s != io.relyscan.core.baseline.BaselineStatus.RESOLVED).map(Enum::name).toList());
        List<String> waiverFields = new ArrayList<>();
        defs.at("/waiverStatus/properties").fieldNames().forEachRemaining(waiverFields::add);
        List<String> expected = new ArrayList<>(Arrays.stream(io.relyscan.core.waiver.Waiver.class
                .getRecordComponents()).map(RecordComponent::getName).toList());
        Arrays.stream(io.relyscan.core.waiver.WaiverStatus.class.getRecordComponents()).map(RecordComponent::getName)
                .filter(n -> !n.equals("waiver")).forEach(expected::add);
        expected.add("unused");
        assertThat(waiverFields).containsExactlyElementsOf(expected);
        assertThat(values(defs.at("/waiverStatus/required"))).containsExactlyElementsOf(expected);
    }

    @Test
    void inventorySchema_describesEveryFieldOfEveryResourceType() throws IOException {
        JsonNode schema = schema("relyscan-inventory-v1.schema.json");
        JsonNode defs = schema.get("$defs");
        assertThat(values(defs.at("/resource/properties/type/enum")))
                .containsExactlyInAnyOrderElementsOf(ResourceTypes.all().keySet());
        for (Map.Entry<String, Class<? extends Resource>> type : ResourceTypes.all().entrySet()) {
            List<String> properties = new ArrayList<>();
            defs.get(type.getKey()).get("properties").fieldNames().forEachRemaining(properties::add);
            List<String> fields = Arrays.stream(type.getValue().getRecordComponents()).map(RecordComponent::getName)
                    .map(n -> n.equals("type") ? Character.toLowerCase(type.getKey().charAt(0))
                            + type.getKey().substring(1) + "Type" : n)
                    .toList();
            assertThat(properties).as(type.getKey()).containsExactlyElementsOf(fields);
        }
        assertThat(values(defs.at("/coverageEntry/properties/gaps/items/properties/reason/enum")))
                .containsExactlyElementsOf(names(GapReason.values()));
        assertThat(values(defs.at("/coverageEntry/properties/operations/items/properties/failures/propertyNames/enum")))
                .containsExactlyElementsOf(names(GapReason.values()));
        List<String> operationFields = new ArrayList<>();
        defs.at("/coverageEntry/properties/operations/items/properties").fieldNames()
                .forEachRemaining(operationFields::add);
        assertThat(operationFields).containsExactlyElementsOf(Arrays.stream(
                io.relyscan.core.inventory.OperationCoverage.class.getRecordComponents())
                .map(RecordComponent::getName).toList());
        List<String> coverageFields = new ArrayList<>();
        defs.at("/coverageEntry/properties").fieldNames().forEachRemaining(coverageFields::add);
        assertThat(coverageFields).containsExactlyElementsOf(Arrays.stream(
                io.relyscan.core.inventory.CoverageEntry.class.getRecordComponents())
                .map(RecordComponent::getName).toList());
        assertThat(values(defs.at("/service/enum"))).containsExactlyElementsOf(
                Arrays.stream(AwsService.values()).map(AwsService::id).toList());
    }

    private static JsonNode schema(String name) throws IOException {
        return MAPPER.readTree(Files.readAllBytes(Golden.moduleDir().resolveSibling("docs").resolve("schema")
                .resolve(name)));
    }

    private static List<String> values(JsonNode array) {
        assertThat(array.isArray()).as("schema path exists").isTrue();
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
