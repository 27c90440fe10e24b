package io.relyscan.cli.config;

import io.relyscan.core.error.InputException;
import io.relyscan.core.rule.RuleMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds and reads the configuration file: {@code --config FILE}, else {@code ./relyscan.yaml} if present. */
public final class ConfigFiles {
    /** Looked up in the working directory when no {@code --config} is given. */
    public static final String DEFAULT_NAME = "relyscan.yaml";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigFiles.class);

    private ConfigFiles() {
    }

    /**
     * @param explicit    the {@code --config} file, or null; it must exist
     * @param defaultFile read when {@code explicit} is null and this file exists
     */
    public static RelyscanConfig load(Path explicit, Path defaultFile, List<RuleMetadata> catalog) {
        if (explicit != null) {
            if (!Files.exists(explicit)) {
                throw new InputException("--config: " + explicit + " does not exist");
            }
            LOG.info("configuration: {} (--config)", explicit);
            return read(explicit, catalog);
        }
        if (Files.exists(defaultFile)) {
            LOG.info("configuration: {} (found in the working directory)", defaultFile);
            return read(defaultFile, catalog);
        }
        LOG.info("configuration: none ({} not found, no --config): every rule with its defaults", defaultFile);
        return RelyscanConfig.defaults();
    }

    /** Reads and validates one file; every problem is an {@link InputException} naming it. */
    public static RelyscanConfig read(Path file, List<RuleMetadata> catalog) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new InputException(name + ": is a directory, not a configuration file");
        }
        return ConfigParser.parse(name, readText(file, name), catalog);
    }

    /** The file's text as UTF-8; an unreadable or non-UTF-8 file is an {@link InputException} naming it. */
    static String readText(Path file, String name) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new InputException(name + ": not valid UTF-8 text", e);
        } catch (IOException e) {
            throw new InputException(name + ": cannot be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }
}
