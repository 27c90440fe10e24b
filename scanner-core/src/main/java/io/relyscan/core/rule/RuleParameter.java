package io.relyscan.core.rule;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A rule parameter with its default; values are validated against the type and an optional inclusive range
 * (integers only).
 */
public record RuleParameter(String name, ParameterType type, String defaultValue, Integer minimum,
                            Integer maximum, String description) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-zA-Z0-9]*");

    public RuleParameter {
        Objects.requireNonNull(type, "type");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("parameter name must be lowerCamelCase: " + name);
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("parameter " + name + " needs a description");
        }
        if (minimum != null && maximum != null && minimum > maximum) {
            throw new IllegalArgumentException("parameter " + name + ": minimum " + minimum + " exceeds maximum "
                    + maximum);
        }
        String problem = problemWith(type, minimum, maximum, defaultValue);
        if (problem != null) {
            throw new IllegalArgumentException("default of parameter " + name + ": " + problem);
        }
    }

    public static RuleParameter integer(String name, int defaultValue, int minimum, String description) {
        return new RuleParameter(name, ParameterType.INTEGER, Integer.toString(defaultValue), minimum, null,
                description);
    }

    public static RuleParameter integer(String name, int defaultValue, int minimum, int maximum,
                                        String description) {
        return new RuleParameter(name, ParameterType.INTEGER, Integer.toString(defaultValue), minimum, maximum,
                description);
    }

    public static RuleParameter bool(String name, boolean defaultValue, String description) {
        return new RuleParameter(name, ParameterType.BOOLEAN, Boolean.toString(defaultValue), null, null,
                description);
    }

    public static RuleParameter string(String name, String defaultValue, String description) {
        return new RuleParameter(name, ParameterType.STRING, defaultValue, null, null, description);
    }

    /** A list of strings, e.g. metric names; see {@link ParameterType#STRING_LIST} for the encoding. */
    public static RuleParameter stringList(String name, java.util.List<String> defaultValue, String description) {
        return new RuleParameter(name, ParameterType.STRING_LIST, String.join(",", defaultValue), null, null,
                description);
    }

    /** The items of a STRING_LIST value, trimmed, in order; empty for the empty string. */
    public static java.util.List<String> items(String value) {
        if (value == null || value.isBlank()) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(value.split(",", -1)).map(String::trim).toList();
    }

    /** Why {@code value} is not valid for this parameter, or null when it is. */
    public String problemWith(String value) {
        return problemWith(type, minimum, maximum, value);
    }

    private static String problemWith(ParameterType type, Integer minimum, Integer maximum, String value) {
        if (value == null) {
            return "a value is required";
        }
        switch (type) {
            case INTEGER -> {
                try {
                    int v = Integer.parseInt(value.trim());
                    if (minimum != null && v < minimum) {
                        return "must be at least " + minimum + ", got " + v;
                    }
                    if (maximum != null && v > maximum) {
                        return "must be at most " + maximum + ", got " + v;
                    }
                } catch (NumberFormatException e) {
                    return "must be an integer, got '" + value + "'";
                }
            }
            case BOOLEAN -> {
                String v = value.trim().toLowerCase(Locale.ROOT);
                if (!v.equals("true") && !v.equals("false")) {
                    return "must be true or false, got '" + value + "'";
                }
            }
            case STRING -> {
                // any string
            }
            case STRING_LIST -> {
                if (items(value).stream().anyMatch(String::isEmpty)) {
                    return "list items must be non-empty and contain no commas, got '" + value + "'";
                }
            }
        }
        return null;
    }
}
