package io.relyscan.report;

import io.relyscan.core.error.InputException;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a reader (or a crash) never sees half of one: the content goes to a temporary file in
 * the target's directory, is forced to disk, and is then renamed over the target in one step. Where the file
 * system cannot rename atomically, the rename falls back to an ordinary replacing move.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Writes {@code content} to {@code target}, creating missing parent directories and replacing an existing
     * file.
     *
     * @throws InputException naming the path and the cause when the file cannot be written; no temporary file
     *                        is left behind, and an existing target is left as it was
     */
    public static void write(Path target, byte[] content) {
        write(target, content, AtomicFiles::rename);
    }

    /**
     * Writes what {@code content} writes to the stream (buffered; it need not close it) to {@code target}, the
     * same way as {@link #write(Path, byte[])}, for content too large to hold in memory first.
     *
     * @throws InputException as for {@link #write(Path, byte[])}, also when {@code content} throws an
     *                        {@link IOException}
     */
    public static void write(Path target, Content content) {
        write(target, content, AtomicFiles::rename);
    }

    /** Content written to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** The rename step, replaceable so tests can make it fail after the temporary file exists. */
    @FunctionalInterface
    interface Rename {
        void move(Path source, Path target) throws IOException;
    }

    static void write(Path target, byte[] content, Rename rename) {
        Objects.requireNonNull(content, "content");
        fill(target, channel -> {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }, rename);
    }

    static void write(Path target, Content content, Rename rename) {
        Objects.requireNonNull(content, "content");
        fill(target, channel -> {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 20);
            content.writeTo(out);
            out.flush();
        }, rename);
    }

    /** Fills the temporary file. */
    @FunctionalInterface
    private interface Fill {
        void into(FileChannel channel) throws IOException;
    }

    private static void fill(Path target, Fill fill, Rename rename) {
        Objects.requireNonNull(target, "target");
        Path absolute = target.toAbsolutePath().normalize();
        Path dir = absolute.getParent();
        if (dir == null || absolute.getFileName() == null) {
            throw new InputException("cannot write " + target + ": not a file path");
        }
        if (Files.isDirectory(absolute)) {
            throw new InputException("cannot write " + target + ": it is a directory; name a file instead");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InputException("cannot write " + target + ": cannot create directory " + dir + ": "
                    + describe(e, dir), e);
        }
        Path temp = null;
        try {
            temp = createTemporary(dir, absolute.getFileName().toString());
            keepPermissions(absolute, temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                fill.into(channel);
                channel.force(true);
            }
            rename.move(temp, absolute);
            temp = null;
            syncDirectory(dir);
        } catch (IOException e) {
            throw new InputException("cannot write " + target + ": " + describe(e, temp == null ? dir : temp)
                    + "; check that the directory exists, is writable and has free space", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The original failure is what the user needs to see.
                }
            }
        }
    }

    /**
     * A new, empty file next to the target. Unlike {@link Files#createTempFile} (mode 0600), it gets the
     * permissions any new file gets (the umask applies), so a report is as readable as the user expects.
     */
    private static Path createTemporary(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    /** A file being replaced keeps its permissions. Best effort: not every file system has POSIX modes. */
    private static void keepPermissions(Path target, Path temp) {
        try {
            if (Files.isRegularFile(target)) {
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
            }
        } catch (IOException | UnsupportedOperationException | SecurityException ignored) {
            // The default permissions of a new file are an acceptable fallback.
        }
    }

    private static void rename(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the rename itself durable. Not every platform can open a directory; that is not an error. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException ignored) {
            // Best effort: the content itself is already on disk.
        }
    }

    /** A short cause; NIO's messages are often only the path. */
    static String describe(IOException e, Path context) {
        if (e instanceof AccessDeniedException) {
            return "permission denied (" + ((FileSystemException) e).getFile() + ")";
        }
        if (e instanceof NoSuchFileException nf) {
            return "no such file or directory (" + nf.getFile() + ")";
        }
        if (e instanceof NotDirectoryException nd) {
            return "not a directory (" + nd.getFile() + ")";
        }
        if (e instanceof FileAlreadyExistsException fe) {
            return "a file is in the way (" + fe.getFile() + " exists and is not a directory)";
        }
        if (e instanceof FileSystemException fs) {
            String reason = fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName();
            return reason + " (" + (fs.getFile() != null ? fs.getFile() : context) + ")";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
