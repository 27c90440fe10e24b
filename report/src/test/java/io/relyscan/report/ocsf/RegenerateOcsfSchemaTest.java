package io.relyscan.report.ocsf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Rewrites the committed OCSF JSON Schema from an OCSF schema source directory. Runs only when asked, through
 * scripts/regenerate-ocsf-schema.sh: no test depends on the schema source being present.
 */
class RegenerateOcsfSchemaTest {
    static final String SOURCE_PROPERTY = "relyscan.ocsfSchemaSource";

    @Test
    @EnabledIfSystemProperty(named = SOURCE_PROPERTY, matches = ".+")
    void regenerate() throws IOException {
        Path source = Path.of(System.getProperty(SOURCE_PROPERTY)).toAbsolutePath();
        Path out = OcsfSchema.file();
        Files.write(out, OcsfSchemaGenerator.generate(source, OcsfSchema.CLASS_NAME, Set.of(OcsfSchema.PROFILE)));
        System.out.println("wrote " + out + " from " + source);
    }
}
