package io.relyscan.cli;

import io.relyscan.cli.config.ConfigFiles;
import io.relyscan.cli.config.RelyscanConfig;
import io.relyscan.core.rule.Rule;
import io.relyscan.rules.BuiltInRules;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** --config FILE: rule parameters, enabled rules, severity overrides and the tier-1 tag (relyscan.yaml). */
final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file: enabled rules, rule "
            + "parameters, severity overrides, the tag marking tier-1 resources (docs/configuration.md). "
            + "Default: " + ConfigFiles.DEFAULT_NAME + " in the working directory, when it exists; --verbose "
            + "says which file was used.")
    Path file;

    /** Reads and validates the configuration; throws InputException (exit 2) on any problem. */
    RelyscanConfig load() {
        return ConfigFiles.load(file, Path.of(ConfigFiles.DEFAULT_NAME),
                BuiltInRules.all().stream().map(Rule::metadata).toList());
    }
}
