package io.relyscan.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Golden-file comparison. {@code -Drelyscan.updateGolden=true} rewrites the files in src/test/resources/golden
 * instead of comparing; review the diff before committing. On a mismatch the actual output is written to
 * target/golden-actual/ so that it can be diffed with the golden file.
 */
public final class Golden {
    public static final String UPDATE_PROPERTY = "relyscan.updateGolden";

    private Golden() {
    }

    public static Path moduleDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    public static Path file(String name) {
        return moduleDir().resolve("src/test/resources/golden").resolve(name);
    }

    public static void assertMatches(String name, byte[] actual) {
        Path golden = file(name);
        try {
            if (Boolean.getBoolean(UPDATE_PROPERTY)) {
                Files.createDirectories(golden.getParent());
                Files.write(golden, actual);
                return;
            }
            if (!Files.exists(golden)) {
                fail("golden file %s does not exist; create it with -D%s=true and review it", golden,
                        UPDATE_PROPERTY);
            }
            byte[] expected = Files.readAllBytes(golden);
            if (Arrays.equals(expected, actual)) {
                return;
            }
            Path out = moduleDir().resolve("target/golden-actual").resolve(name);
            Files.createDirectories(out.getParent());
            Files.write(out, actual);
            String hint = "output differs from golden file " + golden + "\nactual output written to " + out
                    + "\nif the change is intended, rerun with -D" + UPDATE_PROPERTY + "=true and review the diff";
            assertThat(visible(actual)).as(hint).isEqualTo(visible(expected));
            fail(hint + " (the difference is in bytes that are not visible)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ESC shown as "\e" so that colour codes are readable in a failure diff. */
    private static String visible(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).replace("\u001b", "\\e");
    }

    public static byte[] read(String name) {
        try {
            return Files.readAllBytes(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
