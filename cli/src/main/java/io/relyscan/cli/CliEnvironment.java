package io.relyscan.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * What a command may touch of the outside world: its streams and environment variables (injected, so that
 * tests run the real CLI in-process).
 *
 * @param terminal true when stdout is an interactive terminal (colour allowed)
 */
record CliEnvironment(PrintStream out, PrintStream err, Map<String, String> env, boolean terminal) {
    CliEnvironment {
        env = Map.copyOf(env);
    }

    String variable(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
