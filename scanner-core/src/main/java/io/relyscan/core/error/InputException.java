package io.relyscan.core.error;

/**
 * Bad user input: a file, an option or a value the user can fix. The CLI maps it to exit code 2.
 * The message names the source (file and line, or option) and the field.
 */
public class InputException extends RelyscanException {
    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An error located in a file: {@code file:line: field: problem}. Line 0 means unknown. */
    public static InputException inFile(String file, int line, String field, String problem) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (field != null && !field.isBlank()) {
            sb.append(field).append(": ");
        }
        sb.append(problem);
        return new InputException(sb.toString());
    }
}
