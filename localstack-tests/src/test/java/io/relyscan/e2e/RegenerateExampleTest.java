package io.relyscan.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regenerates the bundled example {@code examples/demo-account/inventory.json}: builds
 * {@link DemoAccountScenario} in the emulator and saves the scan's inventory. Skipped unless
 * {@code -Drelyscan.regenerateExample=true}; run it through {@code scripts/regenerate-example.sh}.
 */
@EnabledIfSystemProperty(named = "relyscan.regenerateExample", matches = "true")
class RegenerateExampleTest {

    @Test
    void regenerate_demoAccountInventory(@TempDir Path out) throws Exception {
        Path target = repositoryRoot().resolve("examples/demo-account/inventory.json");
        Files.createDirectories(target.getParent());
        // Always moto: the example shows every service, which LocalStack community lacks.
        try (Emulator emulator = MotoEmulator.start();
             BackupOverlay overlay = BackupOverlay.start(emulator.endpoint())) {
            DemoAccountScenario.build(emulator, overlay);
            Cli.Run scan = Cli.run(Map.of(), "scan", "--endpoint-url", overlay.endpoint().toString(),
                    "--region", DemoAccountScenario.PRIMARY, "--region", DemoAccountScenario.SECONDARY,
                    "--output-dir", out.toString(), "--format", "json", "--save-inventory", target.toString(),
                    "--deadline", "2m");
            assertThat(scan.exitCode()).as("a complete scan with HIGH failures\n" + scan).isEqualTo(1);
        }
        assertThat(target).isRegularFile();
        System.out.println("wrote " + target);
    }

    /** The module runs with its own directory as working directory; the repository is its parent. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("localstack-tests"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root above " + dir);
    }
}
