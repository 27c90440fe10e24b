package io.relyscan.cli.config;

import io.relyscan.core.error.InputException;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.util.Optional;

/** Error messages located in a YAML file: {@code file:line:column: field.path: problem}. */
final class YamlProblems {
    private final String file;

    YamlProblems(String file) {
        this.file = file;
    }

    InputException at(Node node, String path, String problem) {
        return at(node.getStartMark(), path, problem);
    }

    InputException at(Optional<Mark> mark, String path, String problem) {
        return mark.map(m -> at(m.getLine() + 1, m.getColumn() + 1, path, problem))
                .orElseGet(() -> at(0, 0, path, problem));
    }

    /** Line and column count from 1; 0 means unknown and is left out. */
    InputException at(int line, int column, String path, String problem) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ");
        if (path != null && !path.isEmpty()) {
            sb.append(path).append(": ");
        }
        return new InputException(sb.append(problem).toString());
    }

    static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    /** What a node is, for "expected X, got Y" messages. */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        String value = scalar.getValue();
        if (tag.equals(Tag.NULL)) {
            return value.isEmpty() ? "nothing" : "null";
        }
        if (tag.equals(Tag.BOOL)) {
            return "the boolean " + value;
        }
        if (tag.equals(Tag.INT)) {
            return "the integer " + value;
        }
        if (tag.equals(Tag.FLOAT)) {
            return "the number " + value;
        }
        if (tag.equals(Tag.STR)) {
            return "the string '" + shown(value) + "'";
        }
        return "'" + shown(value) + "' tagged " + tag.getValue();
    }

    /**
     * A value from the file as messages quote it: control characters (line breaks, terminal escapes) written as
     * {@code \\uXXXX}, so a value can neither fake a line of output nor drive the terminal.
     */
    static String shown(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }
}
