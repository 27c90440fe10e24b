package io.relyscan.report.snapshot;

import io.relyscan.core.error.InputException;
import io.relyscan.core.inventory.Coverage;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.inventory.LoadBalancer;
import io.relyscan.core.inventory.Resource;
import io.relyscan.core.inventory.ResourceTypes;
import io.relyscan.core.inventory.TargetGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InventorySnapshotsTest {
    private static final String SOURCE = "snap.json";

    // ---- lossless round trip ---------------------------------------------------------------------------

    @Test
    void everyFieldSetSample_coversEveryResourceTypeWithEveryFieldSet() throws Exception {
        List<Resource> resources = SnapshotSamples.everyFieldSet();
        assertThat(resources.stream().map(Resource::typeName).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(ResourceTypes.all().keySet());
        for (Resource r : resources) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                Object value = c.getAccessor().invoke(r);
                assertThat(value).as("%s.%s", r.typeName(), c.getName()).isNotNull();
                if (value instanceof Collection<?> col) {
                    assertThat(col).as("%s.%s", r.typeName(), c.getName()).isNotEmpty();
                }
                if (value instanceof Map<?, ?> map) {
                    assertThat(map).as("%s.%s", r.typeName(), c.getName()).isNotEmpty();
                }
            }
        }
    }

    @Test
    void roundTrip_withEveryFieldSet_isLosslessAndByteStable() {
        assertLossless(SnapshotSamples.inventory(SnapshotSamples.everyFieldSet()));
    }

    @Test
    void roundTrip_withOptionalFieldsNull_isLosslessAndByteStable() {
        Inventory inventory = SnapshotSamples.inventory(SnapshotSamples.optionalFieldsNull());
        assertLossless(inventory);
        Inventory back = InventorySnapshots.fromJson(InventorySnapshots.toJson(inventory), SOURCE);
        // "not collected" (null) must stay distinct from "collected, none" (empty).
        assertThat(back.all(LoadBalancer.class).get(0).attributes()).isNull();
        assertThat(back.all(TargetGroup.class).get(0).targets()).isNull();
    }

    @Test
    void roundTrip_ofEachResourceTypeAlone_isLossless() {
        List<Resource> all = new ArrayList<>(SnapshotSamples.everyFieldSet());
        all.addAll(SnapshotSamples.optionalFieldsNull());
        for (Resource r : all) {
            assertLossless(Inventory.of(Instant.EPOCH, List.of(), List.of(r), Coverage.of(List.of()), List.of()));
        }
    }

    @Test
    void roundTrip_ofAnEmptyInventory_isLossless() {
        assertLossless(Inventory.of(Instant.parse("2026-01-01T00:00:00Z"), List.of(), List.of(),
                Coverage.of(List.of()), List.of()));
    }

    private static void assertLossless(Inventory inventory) {
        byte[] json = InventorySnapshots.toJson(inventory);
        Inventory back = InventorySnapshots.fromJson(json, SOURCE);
        assertThat(back).isEqualTo(inventory);
        assertThat(InventorySnapshots.toJson(back)).isEqualTo(json);
    }

    // ---- format -----------------------------------------------------------------------------------------

    @Test
    void toJson_isPrettyPrintedWithLfAndATrailingNewline() {
        String json = text(InventorySnapshots.toJson(SnapshotSamples.inventory(SnapshotSamples.everyFieldSet())));
        assertThat(json).startsWith("{\n  \"schemaVersion\": 1,\n  \"kind\": \"relyscan-inventory\",\n"
                + "  \"capturedAt\": \"2026-11-28T12:34:56.789012345Z\",\n  \"scopes\": [\n");
        assertThat(json).endsWith("}\n").doesNotContain("\r").doesNotContain("\t");
        assertThat(json.lines()).allSatisfy(line -> assertThat(line).matches("( {2})*\\S.*"));
    }

    @Test
    void toJson_sortsMapKeys_writesNullsAndRenamesTheLoadBalancerType() {
        String json = text(InventorySnapshots.toJson(SnapshotSamples.inventory(SnapshotSamples.optionalFieldsNull())));
        assertThat(json).contains("\"type\": \"LoadBalancer\",").contains("\"loadBalancerType\": \"classic\",")
                .contains("\"attributes\": null,").contains("\"targets\": null,")
                .contains("\"errorsByKind\": {\n        \"IO\": 1,\n        \"THROTTLING\": 2\n      },");
    }

    @Test
    void toJson_escapesTerminalControlsButKeepsTheTextExact() {
        Inventory inventory = SnapshotSamples.inventory(SnapshotSamples.everyFieldSet());
        String json = text(InventorySnapshots.toJson(inventory));
        assertThat(json).doesNotContain("\u001b").doesNotContain("\u2028").doesNotContain("\u202e")
                .doesNotContain("\u0085").doesNotContain("\u007f")
                .contains("\\u001B[31m\\r\\n\\t\\u0000\\u007F\\u0085\\u2028\\u2029\\u202E\u00e9\u4e2d\ud83d\ude80");
        assertThat(InventorySnapshots.fromJson(json.getBytes(StandardCharsets.UTF_8), SOURCE)
                .byArn(SnapshotSamples.arn("autoscaling", "autoScalingGroup:u:autoScalingGroupName/web")).orElseThrow()
                .tags().get("Awkward")).isEqualTo(SnapshotSamples.AWKWARD);
    }

    @Test
    void fromJson_readsAbsentOptionalFieldsAsNullAndIgnoresUnknownFields() {
        String json = """
                {"schemaVersion": 1, "kind": "relyscan-inventory", "capturedAt": "2026-11-28T12:00:00Z",
                 "futureTopLevelField": {"x": [1, 2]},
                 "scopes": [{"account": "111122223333", "region": "us-east-1"}],
                 "resources": [
                   {"type": "DbInstance", "arn": "arn:aws:rds:us-east-1:111122223333:db:a", "identifier": "a",
                    "someFutureField": true},
                   {"type": "LoadBalancer", "arn": "arn:lb", "name": "lb", "loadBalancerType": "network"}],
                 "coverage": [{"account": "111122223333", "region": "us-east-1", "service": "rds",
                               "status": "COMPLETE"}]}
                """;
        Inventory inventory = read(json);
        Resource db = inventory.byArn("arn:aws:rds:us-east-1:111122223333:db:a").orElseThrow();
        assertThat(db.tags()).isEmpty();
        assertThat(((io.relyscan.core.inventory.DbInstance) db).multiAz()).isNull();
        assertThat(((io.relyscan.core.inventory.DbInstance) db).readReplicaIdentifiers()).isEmpty();
        LoadBalancer lb = inventory.all(LoadBalancer.class).get(0);
        assertThat(lb.type()).isEqualTo("network");
        assertThat(lb.attributes()).isNull();
        assertThat(inventory.telemetry()).isEmpty();
        assertThat(inventory.coverage().entries()).hasSize(1);
        // Snapshots written before per-operation coverage existed still load, with no operations.
        assertThat(inventory.coverage().entries().get(0).operations()).isEmpty();
    }

    @Test
    void operationCoverage_withAnUnknownFailureReason_isRejectedAgainstTheRecord() {
        String json = HEADER.replace("\"coverage\": []", "\"coverage\": [{\"account\": \"1\", \"region\": \"r\","
                + " \"service\": \"rds\", \"status\": \"PARTIAL\", \"operations\": [{\"operation\":"
                + " \"DescribeDBInstances\", \"calls\": 1, \"failures\": {\"GREMLINS\": 1}}]}]") + " \"resources\": []}";
        assertThatThrownBy(() -> InventorySnapshots.fromJson(json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "snap.json")).isInstanceOf(InputException.class)
                .hasMessageContaining("coverage[0].operations[0]: invalid OperationCoverage: unknown failure reason"
                        + " 'GREMLINS'");
    }

    // ---- files ------------------------------------------------------------------------------------------

    @Test
    void writeThenRead_throughAFile_isLossless(@TempDir Path dir) throws Exception {
        Inventory inventory = SnapshotSamples.inventory(SnapshotSamples.everyFieldSet());
        Path file = dir.resolve("nested/inventory.json");
        InventorySnapshots.write(inventory, file);
        assertThat(Files.readAllBytes(file)).isEqualTo(InventorySnapshots.toJson(inventory));
        assertThat(InventorySnapshots.read(file)).isEqualTo(inventory);
    }

    @Test
    void read_missingFile_namesTheFile(@TempDir Path dir) {
        Path file = dir.resolve("nope.json");
        assertThatThrownBy(() -> InventorySnapshots.read(file)).isInstanceOf(InputException.class)
                .hasMessage(file + ": inventory snapshot not found (no such file)");
    }

    @Test
    void read_directory_namesIt(@TempDir Path dir) {
        assertThatThrownBy(() -> InventorySnapshots.read(dir)).isInstanceOf(InputException.class)
                .hasMessage(dir + ": is a directory, not an inventory snapshot file");
    }

    @Test
    void read_emptyFile_namesTheFile(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("empty.json"), new byte[0]);
        assertThatThrownBy(() -> InventorySnapshots.read(file)).isInstanceOf(InputException.class)
                .hasMessage(file + ":1:1: the file is empty; expected a JSON inventory snapshot");
    }

    // ---- errors -----------------------------------------------------------------------------------------

    private static final String HEADER = "{\"schemaVersion\": 1, \"kind\": \"relyscan-inventory\",\n"
            + " \"capturedAt\": \"2026-11-28T12:00:00Z\", \"scopes\": [], \"coverage\": [],\n";

    @Test
    void malformedJson_givesLineColumnAndPath() {
        String json = HEADER + " \"resources\": [\n  {\"type\": \"Subnet\", \"arn\": \"a\",, \"subnetId\": \"s\"}]}";
        assertError(json, "snap.json:4:33: resources[0].arn: malformed JSON: Unexpected character (',' (code 44)):"
                + " was expecting double-quote to start field name");
    }

    @Test
    void truncatedJson_isReported() {
        // Jackson has already moved on to the first element when it meets the end of the input.
        assertError(HEADER + " \"resources\": [", "snap.json:3:16: resources[0]: malformed JSON: Unexpected"
                + " end-of-input: expected close marker for Array (start marker at line 3, column 15)");
    }

    @Test
    void whitespaceOnly_isAnEmptyFile() {
        assertError("  \n\n ", "snap.json:3:2: the file is empty; expected a JSON inventory snapshot");
    }

    @Test
    void trailingContent_isRejected() {
        assertError(HEADER + " \"resources\": []}\n{}", "snap.json:4:1: unexpected content after the end of the JSON"
                + " document");
    }

    @Test
    void topLevelArray_isRejected() {
        assertError("[]", "snap.json:1:1: expected a JSON object (an inventory snapshot), got an array");
    }

    @Test
    void missingRequiredField_isNamed() {
        String json = HEADER + " \"resources\": [\n  {\"type\": \"DbInstance\", \"identifier\": \"orders\"}]}";
        assertError(json, "snap.json:4:3: resources[0].arn: required field is missing");
    }

    @Test
    void blankRequiredField_isNamed() {
        String json = HEADER + " \"resources\": [\n  {\"type\": \"DbInstance\", \"arn\": \" \", \"identifier\": \"o\"}]}";
        assertError(json, "snap.json:4:33: resources[0].arn: must not be blank");
    }

    @Test
    void missingPrimitiveField_isNamed() {
        String json = HEADER.replace("\"coverage\": [],", "\"coverage\": [], \"telemetry\": [{\"account\": \"1\","
                + " \"region\": \"r\", \"service\": \"rds\", \"attempts\": 1, \"retries\": 0, \"throttles\": 0,"
                + " \"millis\": 0}],") + " \"resources\": []}";
        assertError(json, "snap.json:2:84: telemetry[0].calls: required field is missing");
    }

    @Test
    void missingTopLevelField_isNamed() {
        assertError("{\"schemaVersion\": 1, \"kind\": \"relyscan-inventory\", \"capturedAt\": \"2026-11-28T12:00:00Z\","
                + " \"scopes\": [], \"coverage\": []}", "snap.json:1:1: resources: required field is missing");
    }

    @Test
    void wrongType_isNamedWithWhatWasFound() {
        String json = HEADER + " \"resources\": [\n  {\"type\": \"DbInstance\", \"arn\": \"a\", \"identifier\": \"o\","
                + " \"multiAz\": \"yes\"}]}";
        assertError(json, "snap.json:4:68: resources[0].multiAz: expected true or false, got the string \"yes\"");
    }

    @Test
    void wrongTypeInANestedRecord_hasTheFullPath() {
        String json = HEADER + " \"resources\": [\n  {\"type\": \"DbCluster\", \"arn\": \"a\", \"identifier\": \"c\","
                + " \"members\": [{\"instanceIdentifier\": \"m\", \"writer\": 1}]}]}";
        assertError(json, "snap.json:4:106: resources[0].members[0].writer: expected true or false, got the number 1");
    }

    @Test
    void integerOutOfRange_isRejected() {
        String json = HEADER + " \"resources\": [\n  {\"type\": \"DbInstance\", \"arn\": \"a\", \"identifier\": \"o\","
                + " \"backupRetentionPeriod\": 99999999999}]}";
        assertError(json, "snap.json:4:82: resources[0].backupRetentionPeriod: expected an integer from -2147483648"
                + " to 2147483647, got 99999999999");
    }

    @Test
    void decimalWhereAnIntegerIsExpected_isRejected() {
        String json = HEADER + " \"resources\": [\n  {\"type\": \"DbInstance\", \"arn\": \"a\", \"identifier\": \"o\","
                + " \"backupRetentionPeriod\": 7.5}]}";
        assertError(json, "snap.json:4:82: resources[0].backupRetentionPeriod: expected an integer, got the number 7.5");
    }

    @Test
    void nullInAList_isRejected() {
        String json = HEADER + " \"resources\": [\n  {\"type\": \"Subnet\", \"arn\": \"a\", \"subnetId\": \"s\","
                + " \"tags\": {\"k\": \"v\"}}, {\"type\": \"Ec2Instance\", \"arn\": \"b\", \"instanceId\": \"i\","
                + " \"tags\": []}]}";
        assertError(json, "snap.json:4:135: resources[1].tags: expected an object, got an array");
        String withNull = HEADER + " \"resources\": [\n  {\"type\": \"DbInstance\", \"arn\": \"a\", \"identifier\": \"o\","
                + " \"readReplicaIdentifiers\": [\"r1\", null]}]}";
        assertError(withNull, "snap.json:4:90: resources[0].readReplicaIdentifiers[1]: null is not allowed in this list");
    }

    @Test
    void unknownResourceType_listsTheKnownOnes() {
        String json = HEADER + " \"resources\": [\n  {\"type\": \"Lambda\", \"arn\": \"a\"}]}";
        assertError(json, "snap.json:4:12: resources[0].type: unknown resource type \"Lambda\"; known types: "
                + String.join(", ", ResourceTypes.all().keySet()));
    }

    @Test
    void missingResourceType_isNamed() {
        String json = HEADER + " \"resources\": [\n  {\"arn\": \"a\"}]}";
        assertThat(error(json)).startsWith("snap.json:4:3: resources[0].type: required field is missing");
    }

    @Test
    void unsupportedSchemaVersion_saysWhichAreSupported() {
        assertError("{\n  \"schemaVersion\": 99, \"kind\": \"relyscan-inventory\"}",
                "snap.json:2:20: schemaVersion: unsupported snapshot schema version 99; this relyscan reads schema"
                        + " version 1 (supported: [1]). Capture the inventory again with this release, or read it"
                        + " with the release that wrote it");
    }

    @Test
    void schemaVersionIsCheckedBeforeAnythingElse() {
        assertThat(error("{\"schemaVersion\": 2, \"resources\": \"whatever a later version writes\"}"))
                .startsWith("snap.json:1:19: schemaVersion: unsupported snapshot schema version 2;");
        assertError("{\"kind\": \"relyscan-inventory\"}", "snap.json:1:1: schemaVersion: required field is missing");
        assertError("{\"schemaVersion\": \"1\"}",
                "snap.json:1:19: schemaVersion: expected an integer, got the string \"1\"");
    }

    @Test
    void aReportIsNotASnapshot() {
        assertError("{\"schemaVersion\": 1, \"kind\": \"relyscan-report\"}",
                "snap.json:1:30: kind: expected \"relyscan-inventory\", got the string \"relyscan-report\" (this is a"
                        + " scan report, not an inventory snapshot)");
    }

    @Test
    void badTimestamp_showsTheExpectedForm() {
        assertError("{\"schemaVersion\": 1, \"kind\": \"relyscan-inventory\", \"capturedAt\": \"yesterday\"}",
                "snap.json:1:66: capturedAt: expected an ISO-8601 UTC timestamp such as 2026-11-28T12:00:00Z, got the"
                        + " string \"yesterday\"");
    }

    @Test
    void unknownServiceAndStatus_listTheAllowedValues() {
        String badService = HEADER.replace("\"coverage\": []", "\"coverage\": [{\"account\": \"1\", \"region\": \"r\","
                + " \"service\": \"s3\", \"status\": \"COMPLETE\"}]") + " \"resources\": []}";
        assertError(badService, "snap.json:2:110: coverage[0].service: unknown service \"s3\"; expected one of ec2, rds,"
                + " autoscaling, elb, elbv2, cloudwatch, backup, config, sns");
        String badStatus = HEADER.replace("\"coverage\": []", "\"coverage\": [{\"account\": \"1\", \"region\": \"r\","
                + " \"service\": \"rds\", \"status\": \"DONE\"}]") + " \"resources\": []}";
        assertError(badStatus, "snap.json:2:127: coverage[0].status: unknown value \"DONE\"; expected one of COMPLETE,"
                + " PARTIAL, FAILED, NOT_COLLECTED");
    }

    @Test
    void modelValidation_isReportedAgainstTheRecord() {
        String json = HEADER.replace("\"scopes\": []", "\"scopes\": [{\"account\": \"12\", \"region\": \"r\"}]")
                + " \"resources\": []}";
        assertError(json, "snap.json:2:51: scopes[0]: invalid ScanScope: account id must be 12 digits: 12");
    }

    @Test
    void duplicateResourceArn_pointsAtBothElements() {
        String json = HEADER + " \"resources\": [\n  {\"type\": \"Subnet\", \"arn\": \"a\", \"subnetId\": \"s\"},\n"
                + "  {\"type\": \"Subnet\", \"arn\": \"a\", \"subnetId\": \"t\"}]}";
        assertError(json, "snap.json:5:29: resources[1].arn: duplicate Subnet ARN, also at resources[0]");
    }

    @Test
    void duplicateField_isRejected() {
        String json = HEADER + " \"resources\": [\n  {\"type\": \"Subnet\", \"arn\": \"a\", \"arn\": \"b\"}]}";
        assertError(json, "snap.json:4:34: resources[0].arn: the field \"arn\" appears more than once in the same"
                + " object");
    }

    @Test
    void hostileValuesInErrorMessages_areMadeSafeToPrint() {
        String json = HEADER + " \"resources\": [\n  {\"type\": \"\\u001b[2J\\r\\nfake\", \"arn\": \"a\"}]}";
        assertThat(error(json)).startsWith("snap.json:4:12: resources[0].type: unknown resource type"
                + " \"\uFFFD  fake\"; known types:").doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\n");
    }

    @Test
    void invalidUtf8_isMalformedJson() {
        byte[] json = (HEADER + " \"resources\": [{\"type\": \"X\u00ff\"}]}").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(error(json)).startsWith("snap.json:3:28: resources[0].type: malformed JSON: Invalid UTF-8");
    }

    private static Inventory read(String json) {
        return InventorySnapshots.fromJson(json.getBytes(StandardCharsets.UTF_8), SOURCE);
    }

    private static void assertError(String json, String message) {
        assertThat(error(json)).isEqualTo(message);
    }

    private static String error(String json) {
        return error(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String error(byte[] json) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> InventorySnapshots.fromJson(json, SOURCE));
        assertThat(thrown).isInstanceOf(InputException.class);
        return thrown.getMessage();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
