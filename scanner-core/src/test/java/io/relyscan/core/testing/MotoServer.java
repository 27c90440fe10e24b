package io.relyscan.core.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@code moto_server} on a free loopback port for end-to-end tests, and stops it by process id.
 * Only 127.0.0.1 is ever used. When moto is not installed, {@link #start()} fails with a message saying
 * exactly what to install.
 */
public final class MotoServer implements AutoCloseable {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final Path log;

    private MotoServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static MotoServer start() {
        String executable = findExecutable();
        int port = freePort();
        Path log;
        try {
            log = Files.createTempFile("moto-server-" + port + "-", ".log");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a log file for moto_server", e);
        }
        List<String> command = new ArrayList<>(List.of(executable, "-H", "127.0.0.1", "-p", Integer.toString(port)));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Without default AMIs moto starts faster and DescribeSnapshots is not flooded; never set
        // MOTO_ACCOUNT_ID, which would override every request's account.
        pb.environment().put("MOTO_EC2_LOAD_DEFAULT_AMIS", "false");
        pb.environment().remove("MOTO_ACCOUNT_ID");
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException(installHint() + " (could not start " + executable + ": "
                    + e.getMessage() + ")", e);
        }
        MotoServer server = new MotoServer(process, port, log);
        server.awaitReady();
        return server;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Wipes every account and region (POST /moto-api/reset). */
    public void reset() {
        try {
            HttpURLConnection c = (HttpURLConnection) endpoint().resolve("/moto-api/reset").toURL().openConnection();
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.getOutputStream().close();
            if (c.getResponseCode() != 200) {
                throw new IllegalStateException("moto reset answered " + c.getResponseCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException("moto reset failed", e);
        }
    }

    /** Kills the server at once, as a crash would; used by tests of a dying endpoint. */
    public void kill() {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // a leftover log in the temp directory is harmless
            }
        }
    }

    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        ProcessHandle handle = process.toHandle();
        handle.descendants().forEach(ProcessHandle::destroy);
        handle.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                handle.descendants().forEach(ProcessHandle::destroyForcibly);
                handle.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        Instant until = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited during startup; its output:\n" + tail());
            }
            try {
                HttpURLConnection c = (HttpURLConnection) endpoint().resolve("/moto-api/data.json").toURL()
                        .openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String output = tail();
        close();
        throw new IllegalStateException("moto_server did not become ready within " + STARTUP_TIMEOUT.toSeconds()
                + " s; its output:\n" + output);
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no output)";
        }
    }

    private static String findExecutable() {
        String override = System.getenv("MOTO_SERVER");
        if (override != null && !override.isBlank()) {
            return override;
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir, "moto_server");
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        throw new IllegalStateException(installHint());
    }

    private static String installHint() {
        return "moto_server was not found on PATH. The end-to-end tests need moto 5.x with its server extra: "
                + "install it with  python3 -m pip install 'moto[server]>=5.1,<6'  (or set MOTO_SERVER to the "
                + "moto_server executable)";
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }
}
