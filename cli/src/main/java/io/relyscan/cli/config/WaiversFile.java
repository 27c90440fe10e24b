package io.relyscan.cli.config;

import io.relyscan.core.error.InputException;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.waiver.WaiverSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a waivers file ({@code --waivers FILE}, docs/waivers.md). */
public final class WaiversFile {
    private WaiversFile() {
    }

    /**
     * @param catalog the full built-in rule catalog (see {@link WaiversParser#parse})
     * @throws InputException naming the file, and for its content every problem with line and field
     */
    public static WaiverSet read(Path file, List<RuleMetadata> catalog) {
        String name = file.toString();
        if (!Files.exists(file)) {
            throw new InputException("--waivers: " + name + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new InputException("--waivers: " + name + " is a directory, not a waivers file");
        }
        return WaiversParser.parse(name, ConfigFiles.readText(file, name), catalog);
    }
}
