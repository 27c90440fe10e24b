package io.relyscan.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The page's static style sheet and script (resources next to this class), and the Content-Security-Policy that
 * lets only that script run: its SHA-256 is computed here from the exact text written into the page.
 */
final class PageAssets {
    static final String STYLE = load("report.css");
    static final String SCRIPT = load("report.js");
    /**
     * No fetch of any kind (default-src 'none' covers connect, img, font, media, frame, worker...), styles only
     * inline, images only data: URLs, and only the one script (by its SHA-256). base-uri and form-action are not
     * covered by default-src, so they are closed too.
     */
    static final String CONTENT_SECURITY_POLICY = policy(SCRIPT);

    private PageAssets() {
    }

    private static String policy(String script) {
        return "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                + "script-src 'sha256-" + Base64.getEncoder().encodeToString(sha256(script)) + "'; base-uri 'none'; "
                + "form-action 'none'";
    }

    private static String load(String name) {
        try (InputStream in = PageAssets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource missing from the report module: " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
            if (text.toLowerCase(java.util.Locale.ROOT).contains("</script") || text.contains("<!--")) {
                throw new IllegalStateException(name + " must not contain </script or <!--");
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + name, e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
