package io.relyscan.report.browser;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * An HTML report opened from its file in headless Chromium, with the Runtime, Log, Network and Page domains on:
 * evaluates expressions in the page and reports what the page logged and requested.
 */
public final class ReportInBrowser implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HeadlessChromium chromium;
    private final String url;

    private ReportInBrowser(HeadlessChromium chromium, String url) {
        this.chromium = chromium;
        this.url = url;
    }

    public static ReportInBrowser open(Path file) throws IOException, InterruptedException {
        HeadlessChromium chromium = HeadlessChromium.start();
        try {
            for (String domain : List.of("Runtime", "Log", "Network", "Page")) {
                chromium.send(domain + ".enable");
            }
            chromium.send("Emulation.setDeviceMetricsOverride", Map.of("width", 1400, "height", 1000,
                    "deviceScaleFactor", 1, "mobile", false));
            String url = file.toAbsolutePath().toUri().toString();
            chromium.send("Page.navigate", Map.of("url", url));
            chromium.awaitEvent("Page.loadEventFired", p -> true);
            return new ReportInBrowser(chromium, url);
        } catch (InterruptedException | RuntimeException | AssertionError e) {
            chromium.close();
            throw e;
        }
    }

    /** The file:// URL the report was opened from. */
    public String url() {
        return url;
    }

    /** The value of a JavaScript expression evaluated in the page; an exception in it fails. */
    public JsonNode eval(String expression) {
        JsonNode result = chromium.send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new AssertionError("page threw on " + expression + ": " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    public long number(String expression) {
        return eval(expression).asLong();
    }

    public String string(String expression) {
        return eval(expression).asText();
    }

    public boolean bool(String expression) {
        return eval(expression).asBoolean();
    }

    /** A Java string as a JavaScript string literal (JSON quoting). */
    public static String literal(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Console errors and assertions, uncaught exceptions and errors the browser logged (CSP violations too). */
    public List<String> errors() {
        List<String> errors = new ArrayList<>();
        for (JsonNode e : chromium.events()) {
            String method = e.path("method").asText();
            JsonNode p = e.path("params");
            if (method.equals("Runtime.exceptionThrown")) {
                errors.add("exception: " + p.path("exceptionDetails"));
            } else if (method.equals("Runtime.consoleAPICalled")
                    && List.of("error", "assert", "warning").contains(p.path("type").asText())) {
                errors.add("console." + p.path("type").asText() + ": " + p.path("args"));
            } else if (method.equals("Log.entryAdded")
                    && List.of("error", "warning").contains(p.path("entry").path("level").asText())) {
                errors.add("log " + p.path("entry").path("level").asText() + ": " + p.path("entry").path("text")
                        + " " + p.path("entry").path("url"));
            }
        }
        return errors;
    }

    /** The URL of every request the page made, and of every request that failed or was blocked. */
    public List<String> requests() {
        List<String> urls = new ArrayList<>();
        for (JsonNode e : chromium.events()) {
            String method = e.path("method").asText();
            if (method.equals("Network.requestWillBeSent")) {
                urls.add(e.path("params").path("request").path("url").asText());
            } else if (method.equals("Network.loadingFailed")) {
                urls.add("failed: " + e.path("params"));
            }
        }
        return urls;
    }

    /** Navigates within the page (hash routing) and waits until the page has handled it. */
    public void route(String hash, String visibleSectionId) throws InterruptedException {
        eval("location.hash = " + literal(hash));
        String check = "(function () { var s = document.getElementById(" + literal(visibleSectionId)
                + "); return !!s && !s.hidden; })()";
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!bool(check)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("section " + visibleSectionId + " not shown after routing to " + hash);
            }
            Thread.sleep(20);
        }
    }

    /** A PNG of the whole page (not just the viewport). */
    public Path screenshot(Path file) throws IOException {
        eval("window.scrollTo(0, 0)");
        JsonNode metrics = chromium.send("Page.getLayoutMetrics");
        JsonNode size = metrics.path("cssContentSize");
        double width = Math.max(1, size.path("width").asDouble());
        double height = Math.min(16_000, Math.max(1, size.path("height").asDouble()));
        JsonNode shot = chromium.send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
        return file;
    }

    @Override
    public void close() {
        chromium.close();
    }
}
