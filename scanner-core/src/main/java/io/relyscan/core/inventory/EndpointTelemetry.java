package io.relyscan.core.inventory;

import java.util.List;
import java.util.Objects;
import java.util.Map;

/**
 * What the resilience layer observed for one endpoint (account, region, service) during collection.
 *
 * @param calls              logical API calls made (each may take several attempts)
 * @param attempts           HTTP attempts, including retries
 * @param retries            attempts beyond the first
 * @param throttles          attempts answered with a throttling error
 * @param errorsByKind       failed attempts by classified kind
 * @param breakerTransitions circuit-breaker state transitions, in order, e.g. CLOSED_TO_OPEN
 * @param millis             wall time spent in calls to this endpoint
 */
public record EndpointTelemetry(String account, String region, AwsService service, long calls, long attempts,
                                long retries, long throttles, Map<String, Long> errorsByKind,
                                List<String> breakerTransitions, long millis)
        implements Comparable<EndpointTelemetry> {
    public EndpointTelemetry {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(service, "service");
        errorsByKind = errorsByKind == null ? java.util.Collections.emptySortedMap()
                : java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(errorsByKind));
        breakerTransitions = Lists.copy(breakerTransitions);
    }

    @Override
    public int compareTo(EndpointTelemetry o) {
        int c = account.compareTo(o.account);
        if (c != 0) {
            return c;
        }
        c = region.compareTo(o.region);
        return c != 0 ? c : service.compareTo(o.service);
    }
}
