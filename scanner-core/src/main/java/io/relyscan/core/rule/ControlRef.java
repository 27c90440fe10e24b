package io.relyscan.core.rule;

import java.util.Objects;

/** A reference from a rule to a control of a framework. */
public record ControlRef(Framework framework, String controlId, MappingSource source)
        implements Comparable<ControlRef> {
    public ControlRef {
        Objects.requireNonNull(framework, "framework");
        Objects.requireNonNull(source, "source");
        if (controlId == null || controlId.isBlank()) {
            throw new IllegalArgumentException("controlId must not be blank");
        }
    }

    public static ControlRef anchored(Framework framework, String controlId) {
        return new ControlRef(framework, controlId, MappingSource.ANCHOR);
    }

    public static ControlRef proposed(Framework framework, String controlId) {
        return new ControlRef(framework, controlId, MappingSource.PROPOSED);
    }

    /** The catalog notation: the control id, with {@code *} when proposed. */
    public String label() {
        return source == MappingSource.PROPOSED ? controlId + "*" : controlId;
    }

    @Override
    public int compareTo(ControlRef o) {
        int c = framework.compareTo(o.framework);
        return c != 0 ? c : controlId.compareTo(o.controlId);
    }
}
