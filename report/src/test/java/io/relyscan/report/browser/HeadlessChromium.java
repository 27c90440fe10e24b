package io.relyscan.report.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Headless Chromium driven over the Chrome DevTools Protocol, with nothing but the JDK's HTTP client and
 * WebSocket and Jackson: starts the browser on a free port (it writes the port to DevToolsActivePort), opens one
 * page target and sends it commands. Every event is kept so that tests can look for console errors and network
 * requests. {@link #close} kills the browser by its pid (and its child processes) and removes its profile.
 *
 * <p>When Chromium is not installed, {@link #start} fails (it never skips): a browser test that cannot fail is not
 * a test.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    private HeadlessChromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** The Chromium binary: $CHROMIUM, else chromium or chromium-browser on PATH. */
    static Path binary() {
        return binary(System.getenv());
    }

    /** The Chromium binary named by these environment variables; fails (never skips) when there is none. */
    static Path binary(Map<String, String> env) {
        String configured = env.get("CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String path = env.getOrDefault("PATH", "/usr/bin:/bin");
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new AssertionError("headless Chromium is needed by the HTML report browser tests but is not "
                + "installed: run scripts/test (it installs it), or `apt-get install chromium` (Debian/Ubuntu), or "
                + "set CHROMIUM to the browser's path");
    }

    public static HeadlessChromium start() throws IOException, InterruptedException {
        Path binary = binary();
        Path profile = Files.createTempDirectory("relyscan-chromium-");
        List<String> command = List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--mute-audio", "--remote-debugging-port=0", "--remote-allow-origins=*",
                "--user-data-dir=" + profile, "--window-size=1400,1000", "about:blank");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile()).start();
        try {
            int port = devToolsPort(process, profile);
            String pageSocket = newPage(port);
            HeadlessChromium[] self = new HeadlessChromium[1];
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
                    .buildAsync(URI.create(pageSocket), new Listener(message -> {
                        if (self[0] != null) {
                            self[0].dispatch(message);
                        }
                    }))
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            self[0] = new HeadlessChromium(process, profile, socket);
            return self[0];
        } catch (Exception | AssertionError e) {
            kill(process);
            deleteTree(profile);
            if (e instanceof InterruptedException ie) {
                throw ie;
            }
            throw new IOException("could not start headless Chromium (" + binary + "): " + e.getMessage(), e);
        }
    }

    /** The port Chromium chose, from the first line of DevToolsActivePort in its profile. */
    private static int devToolsPort(Process process, Path profile) throws IOException, InterruptedException {
        Path file = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            if (!process.isAlive()) {
                throw new IOException("Chromium exited with " + process.exitValue() + ": "
                        + Files.readString(profile.resolve("chromium.log")));
            }
            Thread.sleep(50);
        }
        throw new IOException("Chromium did not write " + file + " within " + TIMEOUT.toSeconds() + " s");
    }

    /** Opens a blank page target and returns its WebSocket URL. */
    private static String newPage(int port) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/new?about:blank"))
                .PUT(HttpRequest.BodyPublishers.noBody()).timeout(TIMEOUT).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("DevTools /json/new answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("webSocketDebuggerUrl").asText();
    }

    /** Sends a command and waits for its result; a protocol error fails. */
    public JsonNode send(String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            socket.sendText(JSON.writeValueAsString(message), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            JsonNode response = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (response.has("error")) {
                throw new AssertionError(method + " failed: " + response.get("error"));
            }
            return response.path("result");
        } catch (Exception e) {
            throw new AssertionError(method + " failed: " + e, e);
        } finally {
            pending.remove(id);
        }
    }

    public JsonNode send(String method) {
        return send(method, Map.of());
    }

    /** Every event received so far, oldest first. */
    public List<JsonNode> events() {
        return List.copyOf(events);
    }

    /** Waits for an event that matches, among those received so far or later. */
    public JsonNode awaitEvent(String method, Predicate<JsonNode> params) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode e : events) {
                if (method.equals(e.path("method").asText()) && params.test(e.path("params"))) {
                    return e;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + method + " event within " + TIMEOUT.toSeconds() + " s");
    }

    public void clearEvents() {
        events.clear();
    }

    private void dispatch(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            if (message.has("id")) {
                CompletableFuture<JsonNode> answer = pending.get(message.get("id").asInt());
                if (answer != null) {
                    answer.complete(message);
                }
            } else {
                events.add(message);
            }
        } catch (IOException e) {
            events.add(JSON.createObjectNode().put("method", "relyscan.unreadableMessage").put("text", text));
        }
    }

    @Override
    public void close() {
        try {
            socket.abort();
        } finally {
            kill(process);
            deleteTree(profile);
        }
    }

    private static void kill(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a profile file still held by a dying child process: the temp directory is cleaned up later
        }
    }

    /** Joins the parts of each text message and hands whole messages on. */
    private static final class Listener implements WebSocket.Listener {
        private final java.util.function.Consumer<String> onMessage;
        private final StringBuilder partial = new StringBuilder();

        Listener(java.util.function.Consumer<String> onMessage) {
            this.onMessage = onMessage;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                onMessage.accept(message);
            }
            webSocket.request(1);
            return null;
        }
    }
}
