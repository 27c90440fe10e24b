package io.relyscan.e2e;

import io.relyscan.cli.Relyscan;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Runs the real CLI in-process and captures what it prints. */
final class Cli {
    /** What one run of the CLI did. */
    record Run(List<String> args, int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "relyscan " + String.join(" ", args) + "\n-- exit code " + exitCode + "\n-- stdout:\n" + out
                    + "\n-- stderr:\n" + err;
        }
    }

    private Cli() {
    }

    static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Relyscan.run(o, e, env, args);
        }
        return new Run(Arrays.asList(args), code, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    static Run run(String... args) {
        return run(Map.of(), args);
    }
}
