package io.relyscan.core.framework;

import io.relyscan.core.rule.Framework;

import java.util.Comparator;
import java.util.Objects;

/**
 * One control of a framework, as relyscan lists it: its official id and a short title of relyscan's own
 * wording (the frameworks' texts are not reproduced).
 */
public record ControlDefinition(Framework framework, String id, String title)
        implements Comparable<ControlDefinition> {
    private static final Comparator<ControlDefinition> ORDER = Comparator.comparing(ControlDefinition::framework)
            .thenComparing(ControlDefinition::id, ControlIds.NATURAL);

    public ControlDefinition {
        Objects.requireNonNull(framework, "framework");
        if (id == null || id.isBlank() || !id.equals(id.strip()) || id.endsWith("*")) {
            throw new IllegalArgumentException("control id must be non-blank, trimmed and without '*': '" + id
                    + "'");
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException(framework.id() + " " + id + ": title must not be blank");
        }
    }

    public static ControlDefinition of(Framework framework, String id, String title) {
        return new ControlDefinition(framework, id, title);
    }

    @Override
    public int compareTo(ControlDefinition o) {
        return ORDER.compare(this, o);
    }
}
