package io.relyscan.cli.config;

import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One {@code key: value} of a YAML mapping, with the dotted path of the value in the file.
 */
record YamlEntry(String key, String path, ScalarNode keyNode, Node value) {
    /** True for {@code key:} with nothing after it. */
    boolean isEmpty() {
        return value instanceof ScalarNode s && s.getTag().equals(Tag.NULL) && s.getValue().isEmpty();
    }

    /** Where a problem with the value is reported: the value, or the key when the value is empty. */
    Node position() {
        return isEmpty() ? keyNode : value;
    }
}
