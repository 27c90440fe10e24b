package io.relyscan.report;

import io.relyscan.core.error.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void write_createsTheFileWithTheContent() throws IOException {
        Path target = dir.resolve("report.json");
        AtomicFiles.write(target, bytes("{}\n"));
        assertThat(target).hasBinaryContent(bytes("{}\n"));
        assertThat(listing(dir)).containsExactly("report.json");
    }

    @Test
    void write_replacesAnExistingFile() throws IOException {
        Path target = Files.write(dir.resolve("report.txt"), bytes("old and much longer content"));
        AtomicFiles.write(target, bytes("new"));
        assertThat(target).hasBinaryContent(bytes("new"));
        assertThat(listing(dir)).containsExactly("report.txt");
    }

    @Test
    void write_newFile_isNotPrivateToTheOwner_andAReplacedFileKeepsItsMode() throws IOException {
        Path fresh = dir.resolve("fresh.txt");
        AtomicFiles.write(fresh, bytes("x"));
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        assertThat(Files.getPosixFilePermissions(fresh)).isEqualTo(Files.getPosixFilePermissions(plain))
                .contains(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        Path existing = Files.write(dir.resolve("existing.txt"), bytes("old"));
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-rw----"));
        AtomicFiles.write(existing, bytes("new"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing))).isEqualTo("rw-rw----");
    }

    @Test
    void write_createsMissingParentDirectories() {
        Path target = dir.resolve("a/b/c/report.json");
        AtomicFiles.write(target, bytes("x"));
        assertThat(target).hasBinaryContent(bytes("x"));
    }

    @Test
    void write_relativePath_works() throws IOException {
        Path target = dir.resolve("rel.txt");
        Path relative = Path.of("").toAbsolutePath().relativize(target);
        AtomicFiles.write(relative, bytes("r"));
        assertThat(target).hasBinaryContent(bytes("r"));
    }

    @Test
    void write_whenTheParentIsAFile_failsNamingThePathAndLeavesNothing() throws IOException {
        Path blocker = Files.write(dir.resolve("not-a-dir"), bytes("x"));
        Path target = blocker.resolve("report.json");
        assertThatThrownBy(() -> AtomicFiles.write(target, bytes("y")))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("cannot write " + target + ": cannot create directory " + blocker + ": ");
        assertThat(listing(dir)).containsExactly("not-a-dir");
        assertThat(blocker).hasBinaryContent(bytes("x"));
    }

    @Test
    void write_whenTheTargetIsADirectory_failsAndLeavesItAlone() throws IOException {
        Path target = Files.createDirectory(dir.resolve("out"));
        assertThatThrownBy(() -> AtomicFiles.write(target, bytes("y")))
                .isInstanceOf(InputException.class)
                .hasMessage("cannot write " + target + ": it is a directory; name a file instead");
        assertThat(target).isEmptyDirectory();
    }

    @Test
    void write_whenTheRenameFails_removesTheTemporaryFileAndKeepsTheOldContent() throws IOException {
        Path target = Files.write(dir.resolve("report.json"), bytes("previous"));
        assertThatThrownBy(() -> AtomicFiles.write(target, bytes("next"), (from, to) -> {
            assertThat(from).hasBinaryContent(bytes("next")).hasParent(dir);
            throw new IOException("No space left on device");
        })).isInstanceOf(InputException.class)
                .hasMessage("cannot write " + target + ": No space left on device; check that the directory exists,"
                        + " is writable and has free space")
                .hasCauseInstanceOf(IOException.class);
        assertThat(target).hasBinaryContent(bytes("previous"));
        assertThat(listing(dir)).containsExactly("report.json");
    }

    @Test
    void write_intoAReadOnlyDirectory_failsAndLeavesNothing() throws IOException {
        Path readOnly = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(readOnly), "permissions are not enforced for this user (root)");
            Path target = readOnly.resolve("report.json");
            assertThatThrownBy(() -> AtomicFiles.write(target, bytes("y")))
                    .isInstanceOf(InputException.class)
                    .hasMessageStartingWith("cannot write " + target + ": permission denied");
            assertThat(listing(readOnly)).isEmpty();
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
