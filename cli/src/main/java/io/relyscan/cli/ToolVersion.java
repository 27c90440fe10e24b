package io.relyscan.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version Maven filtered into relyscan-version.properties. */
final class ToolVersion {
    private static final String VERSION = load();

    private ToolVersion() {
    }

    static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = ToolVersion.class.getResourceAsStream("/relyscan-version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
