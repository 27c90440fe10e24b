package io.relyscan.core.rule;

import io.relyscan.core.inventory.AwsService;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Self-validating description of a rule.
 *
 * @param id           stable kebab-case id
 * @param catalogId    the row of the rules catalog it implements, e.g. R01
 * @param resourceType what one finding is about, e.g. DbInstance or Region
 * @param inputs       services whose complete collection the rule needs; findings in a scope where any of
 *                     them is incomplete become ERROR
 */
public record RuleMetadata(String id, String catalogId, String title, Severity severity, String resourceType,
                           String rationale, String remediation, List<ControlRef> controls,
                           List<RuleParameter> parameters, Set<AwsService> inputs) {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)+");
    private static final Pattern CATALOG_ID = Pattern.compile("R\\d{2}");

    public RuleMetadata {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("rule id must be kebab-case: " + id);
        }
        if (catalogId == null || !CATALOG_ID.matcher(catalogId).matches()) {
            throw new IllegalArgumentException(id + ": catalog id must look like R01: " + catalogId);
        }
        requireText(id, "title", title);
        requireText(id, "resourceType", resourceType);
        requireText(id, "rationale", rationale);
        requireText(id, "remediation", remediation);
        Objects.requireNonNull(severity, id + ": severity");
        controls = List.copyOf(controls).stream().sorted().toList();
        parameters = List.copyOf(parameters);
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException(id + ": a rule must declare the services it reads");
        }
        inputs = Set.copyOf(EnumSet.copyOf(inputs));
        for (Framework f : Framework.values()) {
            if (controls.stream().noneMatch(c -> c.framework() == f)) {
                throw new IllegalArgumentException(id + ": no control reference for " + f.id());
            }
        }
        if (new HashSet<>(controls).size() != controls.size()) {
            throw new IllegalArgumentException(id + ": duplicate control reference");
        }
        Set<String> names = new HashSet<>();
        for (RuleParameter p : parameters) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException(id + ": duplicate parameter " + p.name());
            }
        }
    }

    private static void requireText(String id, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(id + ": " + field + " must not be blank");
        }
    }

    public List<ControlRef> controls(Framework framework) {
        return controls.stream().filter(c -> c.framework() == framework).toList();
    }

    public java.util.Optional<RuleParameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
