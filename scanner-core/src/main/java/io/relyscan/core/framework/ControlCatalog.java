package io.relyscan.core.framework;

import io.relyscan.core.rule.Framework;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The controls of one framework that relyscan knows, sorted naturally by id. Rules may only map to controls
 * listed here; controls no rule maps to are reported as manual.
 */
public record ControlCatalog(Framework framework, List<ControlDefinition> controls) {
    public ControlCatalog {
        Objects.requireNonNull(framework, "framework");
        controls = controls.stream().sorted().toList();
        Map<String, ControlDefinition> seen = new LinkedHashMap<>();
        for (ControlDefinition c : controls) {
            if (c.framework() != framework) {
                throw new IllegalArgumentException("control " + c.id() + " belongs to " + c.framework().id()
                        + ", not to the " + framework.id() + " catalog");
            }
            if (seen.put(c.id(), c) != null) {
                throw new IllegalArgumentException(framework.id() + ": duplicate control id " + c.id());
            }
        }
    }

    public static ControlCatalog of(Framework framework, List<ControlDefinition> controls) {
        return new ControlCatalog(framework, controls);
    }

    public Optional<ControlDefinition> control(String id) {
        return controls.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public boolean contains(String id) {
        return control(id).isPresent();
    }
}
