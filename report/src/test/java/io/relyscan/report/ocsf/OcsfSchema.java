package io.relyscan.report.ocsf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.relyscan.report.Golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** The committed JSON Schema of OCSF 1.1.0 Compliance Finding events with the cloud profile, for tests. */
public final class OcsfSchema {
    public static final String CLASS_NAME = "compliance_finding";
    public static final String PROFILE = "cloud";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonSchema schema;

    private OcsfSchema() {
    }

    public static Path file() {
        return Golden.moduleDir().resolve("src/test/resources/ocsf/ocsf-1.1.0-compliance_finding-cloud.schema.json");
    }

    /** The problems of one event; empty when it is valid. */
    public static Set<ValidationMessage> validate(JsonNode event) {
        return schema().validate(event);
    }

    private static synchronized JsonSchema schema() {
        if (schema == null) {
            try {
                schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                        .getSchema(MAPPER.readTree(Files.readAllBytes(file())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schema;
    }
}
