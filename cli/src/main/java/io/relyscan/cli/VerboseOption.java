package io.relyscan.cli;

import picocli.CommandLine.Option;

/** --verbose: debug logging to stderr and stack traces on errors. */
final class VerboseOption {
    @Option(names = {"-v", "--verbose"}, description = "Log progress and details to stderr; show stack traces "
            + "on errors. Credentials are never logged.")
    boolean verbose;
}
