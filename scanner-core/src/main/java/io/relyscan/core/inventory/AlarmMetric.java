package io.relyscan.core.inventory;

import java.util.Map;

/**
 * One metric a metric-math alarm reads: the MetricStat of one of its {@code Metrics[]} queries (expressions and
 * queries without a MetricStat are not listed).
 *
 * @param id the query id, e.g. {@code m1}
 */
public record AlarmMetric(String id, String namespace, String metricName, Map<String, String> dimensions) {
    public AlarmMetric {
        dimensions = Tags.copyOf(dimensions);
    }
}
