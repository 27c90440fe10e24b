package io.relyscan.cli.config;

import io.relyscan.core.error.InputException;

import java.util.List;

/**
 * Several problems found in one input file, reported together so that the user fixes them in one go. The
 * message is a summary line followed by one line per problem; the CLI prints each on its own line.
 */
public final class FileProblems extends InputException {
    private final String summary;
    private final List<String> problems;

    FileProblems(String summary, List<String> problems) {
        super(summary + System.lineSeparator() + String.join(System.lineSeparator(), problems));
        this.summary = summary;
        this.problems = List.copyOf(problems);
    }

    public String summary() {
        return summary;
    }

    /** One located message per problem ({@code file:line:column: field: what is wrong; what to do}). */
    public List<String> problems() {
        return problems;
    }
}
