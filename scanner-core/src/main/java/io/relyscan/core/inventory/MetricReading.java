package io.relyscan.core.inventory;

import java.util.Map;

/**
 * The latest datapoint of one CloudWatch metric over the collector's recent window (e.g. AWS/RDS FreeStorageSpace
 * of one DB instance). Only metrics some rule reads are collected; a metric without a datapoint in the window is
 * not recorded at all.
 *
 * @param arn        a pseudo-ARN naming the metric: {@code arn:aws:cloudwatch:<region>:<account>:metric/<namespace>/
 *                   <metric>/<dim>=<value>,...}, unique per metric and dimensions
 * @param dimensions the metric's dimensions, sorted by name
 * @param statistic  the statistic of the value, e.g. Minimum
 * @param value      the statistic over the datapoint's period, in the metric's unit (bytes for FreeStorageSpace)
 * @param timestamp  ISO-8601 start of the datapoint's period
 */
public record MetricReading(String arn, String account, String region, String namespace, String metricName,
                            Map<String, String> dimensions, String statistic, Double value, String timestamp)
        implements Resource {
    public MetricReading {
        Lists.require(arn, "arn");
        Lists.require(namespace, "namespace");
        Lists.require(metricName, "metricName");
        dimensions = Tags.copyOf(dimensions);
    }

    /** The pseudo-ARN of a metric, stable for the same namespace, metric name and dimensions. */
    public static String arnOf(String account, String region, String namespace, String metricName,
                               Map<String, String> dimensions) {
        StringBuilder dims = new StringBuilder();
        Tags.copyOf(dimensions).forEach((k, v) -> dims.append(dims.isEmpty() ? "" : ",").append(k).append('=')
                .append(v));
        return "arn:aws:cloudwatch:" + region + ":" + account + ":metric/" + namespace + "/" + metricName + "/"
                + dims;
    }

    @Override
    public Map<String, String> tags() {
        return Tags.copyOf(null);
    }

    @Override
    public AwsService service() {
        return AwsService.CLOUDWATCH;
    }

    @Override
    public String displayName() {
        return namespace + " " + metricName + " " + dimensions;
    }
}
