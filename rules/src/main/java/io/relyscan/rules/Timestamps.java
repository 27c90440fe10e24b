package io.relyscan.rules;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Inventory timestamps are ISO-8601 text as AWS gave them; rules read them through here. */
final class Timestamps {
    private Timestamps() {
    }

    /** The instant, or null when the text is absent or not an ISO-8601 instant (the caller says what that means). */
    static Instant parseOrNull(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
