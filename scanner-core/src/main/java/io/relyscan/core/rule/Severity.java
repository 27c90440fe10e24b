package io.relyscan.core.rule;

import java.util.Locale;
import java.util.Optional;

/** Severity of a failing finding, from most to least severe. */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW, INFO;

    /** True when this severity is at least as severe as {@code threshold}. */
    public boolean atLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    /** One level less severe (INFO stays INFO): the catalog's "WARN" for a rule's softer failures. */
    public Severity lower() {
        return this == INFO ? INFO : values()[ordinal() + 1];
    }

    /** One level more severe (CRITICAL stays CRITICAL). */
    public Severity higher() {
        return this == CRITICAL ? CRITICAL : values()[ordinal() - 1];
    }

    public static Optional<Severity> parse(String text) {
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
