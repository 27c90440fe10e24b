package io.relyscan.report;

import io.relyscan.core.inventory.EndpointTelemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The console's per-endpoint telemetry: one row per endpoint (account/region/service) that has something to
 * say (a retry, a throttle, a failed attempt or a circuit-breaker transition), with its calls, retries,
 * throttles, time spent, failed attempts by kind and breaker transitions. Endpoints that only answered are left
 * out; the JSON report lists every endpoint. Every text from the inventory is sanitized.
 */
final class EndpointTable {
    static final String TITLE = "Endpoints with retries, throttles, errors or breaker transitions:";
    private static final int ENDPOINT_COLUMN_MAX = 40;
    private static final String ARROW = "\u2192";

    private EndpointTable() {
    }

    /**
     * The header and rows, or nothing when no endpoint had trouble. A row whose failed attempts and breaker
     * transitions do not fit in {@code width} columns carries them on the next line instead.
     */
    static List<String> lines(List<EndpointTelemetry> telemetry, int width) {
        List<EndpointTelemetry> noteworthy = telemetry.stream().filter(EndpointTable::noteworthy).toList();
        if (noteworthy.isEmpty()) {
            return List.of();
        }
        int column = "endpoint".length();
        for (EndpointTelemetry t : noteworthy) {
            column = Math.max(column, ConsoleReporter.Page.width(endpoint(t)));
        }
        column = Math.min(column, ENDPOINT_COLUMN_MAX);
        List<String> out = new ArrayList<>();
        out.add("  " + TITLE);
        out.add("  " + row(column, "endpoint", "calls", "retries", "throttles", "time", "failed attempts; breaker"));
        for (EndpointTelemetry t : noteworthy) {
            String numbers = "  " + row(column, ConsoleReporter.Page.cut(endpoint(t), column), Long.toString(t.calls()),
                    Long.toString(t.retries()), Long.toString(t.throttles()), duration(t.millis()), "");
            String details = details(t);
            if (ConsoleReporter.Page.width(numbers) + ConsoleReporter.Page.width(details) <= width) {
                out.add(numbers + details);
            } else {
                out.add(numbers.stripTrailing());
                out.add("      " + details);
            }
        }
        return out;
    }

    static boolean noteworthy(EndpointTelemetry t) {
        return t.retries() > 0 || t.throttles() > 0 || !t.errorsByKind().isEmpty()
                || !t.breakerTransitions().isEmpty();
    }

    private static String row(int column, String endpoint, String calls, String retries, String throttles,
                              String time, String details) {
        return ConsoleReporter.Page.pad(endpoint, column) + left(calls, 7) + left(retries, 8) + left(throttles, 10)
                + left(time, 8) + "  " + details;
    }

    private static String left(String s, int width) {
        int w = ConsoleReporter.Page.width(s);
        return w >= width ? " " + s : " ".repeat(width - w) + s;
    }

    private static String endpoint(EndpointTelemetry t) {
        return TerminalText.sanitize(t.account()) + "/" + TerminalText.sanitize(t.region()) + "/" + t.service().id();
    }

    /** "THROTTLED 2, TIMEOUT 1; breaker CLOSED→OPEN→HALF_OPEN" or "-" when there is nothing. */
    static String details(EndpointTelemetry t) {
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, Long> e : new TreeMap<>(t.errorsByKind()).entrySet()) {
            errors.add(TerminalText.sanitize(e.getKey()) + " " + (e.getValue() == null ? "?" : e.getValue()));
        }
        String breaker = breaker(t.breakerTransitions());
        String out = String.join(", ", errors);
        if (!breaker.isEmpty()) {
            out = out.isEmpty() ? breaker : out + "; " + breaker;
        }
        return out.isEmpty() ? "-" : out;
    }

    /** Consecutive transitions as one chain: CLOSED_TO_OPEN, OPEN_TO_HALF_OPEN give "breaker CLOSED→OPEN→HALF_OPEN". */
    static String breaker(List<String> transitions) {
        if (transitions.isEmpty()) {
            return "";
        }
        List<String> chains = new ArrayList<>();
        StringBuilder chain = null;
        String last = null;
        for (String raw : transitions) {
            String transition = TerminalText.sanitize(raw);
            int split = transition.indexOf("_TO_");
            if (split < 0) {
                if (chain != null) {
                    chains.add(chain.toString());
                }
                chains.add(transition);
                chain = null;
                last = null;
                continue;
            }
            String from = transition.substring(0, split);
            String to = transition.substring(split + 4);
            if (chain != null && from.equals(last)) {
                chain.append(ARROW).append(to);
            } else {
                if (chain != null) {
                    chains.add(chain.toString());
                }
                chain = new StringBuilder(from).append(ARROW).append(to);
            }
            last = to;
        }
        if (chain != null) {
            chains.add(chain.toString());
        }
        return "breaker " + String.join(", ", chains);
    }

    /** Time spent: "0.4s" below 10 s, "51s" below a minute, "2m03s" below an hour, then "1h02m". */
    static String duration(long millis) {
        if (millis < 0) {
            return "?";
        }
        if (millis < 9_950) {
            long tenths = (millis + 50) / 100;
            return tenths / 10 + "." + tenths % 10 + "s";
        }
        long seconds = millis / 1000 + (millis % 1000 >= 500 ? 1 : 0);
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + twoDigits(seconds % 60) + "s";
        }
        long minutes = seconds / 60;
        return minutes / 60 + "h" + twoDigits(minutes % 60) + "m";
    }

    private static String twoDigits(long n) {
        return n < 10 ? "0" + n : Long.toString(n);
    }
}
