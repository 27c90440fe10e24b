package io.relyscan.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One endpoint's row of a JSON report's "telemetry", as the fault-injection tests read it. */
record ReportTelemetry(String region, String service, long calls, long attempts, long retries, long throttles,
                       Map<String, Long> errorsByKind, List<String> breakerTransitions, long millis) {

    static List<ReportTelemetry> all(ReportJson report) {
        List<ReportTelemetry> out = new ArrayList<>();
        for (JsonNode t : report.root.path("telemetry")) {
            Map<String, Long> errors = new TreeMap<>();
            t.path("errorsByKind").fields().forEachRemaining(e -> errors.put(e.getKey(), e.getValue().asLong()));
            List<String> transitions = new ArrayList<>();
            t.path("breakerTransitions").forEach(n -> transitions.add(n.asText()));
            out.add(new ReportTelemetry(t.path("region").asText(), t.path("service").asText(),
                    t.path("calls").asLong(), t.path("attempts").asLong(), t.path("retries").asLong(),
                    t.path("throttles").asLong(), errors, transitions, t.path("millis").asLong()));
        }
        return out;
    }

    static ReportTelemetry of(ReportJson report, String region, String service) {
        return all(report).stream().filter(t -> t.region().equals(region) && t.service().equals(service))
                .findFirst().orElseThrow(() -> new AssertionError("no telemetry of " + region + "/" + service));
    }

    /** Failed attempts by reason, summed over every endpoint. */
    static Map<String, Long> errorsByKind(ReportJson report) {
        Map<String, Long> sum = new TreeMap<>();
        all(report).forEach(t -> t.errorsByKind().forEach((k, v) -> sum.merge(k, v, Long::sum)));
        return sum;
    }
}
