package io.relyscan.collectors;

import io.relyscan.core.inventory.Alarm;
import io.relyscan.core.inventory.AlarmMetric;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.MetricReading;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.scan.CollectionException;
import io.relyscan.core.scan.CollectionSink;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Metric and composite alarms from one paginated DescribeAlarms; for alarms stuck in INSUFFICIENT_DATA, whether
 * ListMetrics still knows their metric; and the latest AWS/RDS FreeStorageSpace of every DB instance
 * (ListMetrics to find the instances that report it, then GetMetricData in batches). Alarm tags would take one
 * call per alarm and no rule needs them, so they are not collected. The ListMetrics checks of different alarms
 * run concurrently ({@link FanOut}).
 */
public final class CloudWatchCollector extends AwsCollector {
    static final List<String> IAM_ACTIONS = List.of("cloudwatch:DescribeAlarms", "cloudwatch:GetMetricData",
            "cloudwatch:ListMetrics");
    private static final int PAGE_SIZE = 100;
    /** GetMetricData takes at most 500 queries per call. */
    static final int QUERIES_PER_CALL = 500;
    /** How far back the latest FreeStorageSpace datapoint is looked for, and the statistic's period. */
    static final Duration WINDOW = Duration.ofHours(3);
    static final int PERIOD_SECONDS = 300;
    static final String RDS = "AWS/RDS";
    static final String FREE_STORAGE_SPACE = "FreeStorageSpace";
    static final String DB_INSTANCE = "DBInstanceIdentifier";
    static final String STATISTIC = "Minimum";

    CloudWatchCollector(AwsClientFactory clients, ResilientCaller caller) {
        super(clients, caller, AwsService.CLOUDWATCH, IAM_ACTIONS);
    }

    @Override
    public void collect(ScanScope scope, CollectionSink sink) {
        EndpointKey key = key(scope);
        CloudWatchClient cw = clients.cloudWatch(scope.region());
        List<Alarm> alarms = new ArrayList<>();
        Listings listings = listings(sink);
        listings.add(out -> pages(key, "DescribeAlarms", cw.describeAlarmsPaginator(b -> b
                        .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM).maxRecords(PAGE_SIZE)),
                page -> {
                    page.metricAlarms().forEach(a -> alarms.add(metric(scope, a)));
                    page.compositeAlarms().forEach(a -> alarms.add(composite(scope, a)));
                }));
        listings.add(out -> freeStorageSpace(key, cw, scope, Instant.now()).forEach(out::add));
        listings.runQueued();
        listings.settle();
        ResourceGaps gaps = new ResourceGaps();
        perResource(alarms, gaps, (alarm, alarmGaps) -> {
            if (needsMetricCheck(alarm)) {
                try {
                    return withMetricFound(alarm, metricsListed(key, cw, alarm));
                } catch (CollectionException e) {
                    alarmGaps.failed(alarm.name(), e);
                }
            }
            return alarm;
        }).forEach(sink::add);
        gaps.flush(sink);
    }

    /**
     * An alarm in INSUFFICIENT_DATA whose missing data counts (not notBreaching or ignore) may watch a metric that
     * no longer exists; composite alarms watch alarms, not metrics.
     */
    static boolean needsMetricCheck(Alarm a) {
        return !a.isComposite() && "INSUFFICIENT_DATA".equals(a.stateValue())
                && !"notBreaching".equals(a.treatMissingData()) && !"ignore".equals(a.treatMissingData())
                && !watched(a).isEmpty();
    }

    /** The metrics an alarm reads: its own, or every MetricStat input of its math expression. */
    private static List<AlarmMetric> watched(Alarm a) {
        if (!a.metrics().isEmpty()) {
            return a.metrics();
        }
        if (a.namespace() == null || a.metricName() == null) {
            return List.of();
        }
        return List.of(new AlarmMetric(null, a.namespace(), a.metricName(), a.dimensions()));
    }

    /** True when ListMetrics lists every metric the alarm reads, with exactly its dimensions. */
    private boolean metricsListed(EndpointKey key, CloudWatchClient cw, Alarm alarm) {
        for (AlarmMetric m : new LinkedHashSet<>(watched(alarm).stream()
                .map(w -> new AlarmMetric(null, w.namespace(), w.metricName(), w.dimensions())).toList())) {
            if (!listed(key, cw, m)) {
                return false;
            }
        }
        return true;
    }

    private boolean listed(EndpointKey key, CloudWatchClient cw, AlarmMetric m) {
        List<DimensionFilter> filters = m.dimensions().entrySet().stream()
                .map(e -> DimensionFilter.builder().name(e.getKey()).value(e.getValue()).build()).toList();
        // ListMetrics returns metrics having at least these dimensions; only an exact match is the alarm's.
        Iterator<ListMetricsResponse> it = cw.listMetricsPaginator(b -> b.namespace(m.namespace())
                .metricName(m.metricName()).dimensions(filters)).iterator();
        while (it.hasNext()) {
            ListMetricsResponse page = call(key, "ListMetrics", it::next);
            for (Metric metric : page.metrics()) {
                if (toMap(metric.dimensions(), Dimension::name, Dimension::value).equals(m.dimensions())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Alarm withMetricFound(Alarm a, boolean found) {
        return new Alarm(a.arn(), a.account(), a.region(), a.name(), a.alarmType(), a.actionsEnabled(),
                a.alarmActions(), a.okActions(), a.insufficientDataActions(), a.stateValue(), a.namespace(),
                a.metricName(), a.dimensions(), a.alarmRule(), a.stateUpdatedTimestamp(), a.treatMissingData(),
                a.metrics(), found, a.tags());
    }

    /**
     * The latest FreeStorageSpace (minimum over 5-minute periods of the last 3 hours) of every DB instance that
     * reports it. ListMetrics also lists the metric per engine and per instance class; only the per-instance
     * series (one DBInstanceIdentifier dimension) are read.
     */
    List<MetricReading> freeStorageSpace(EndpointKey key, CloudWatchClient cw, ScanScope scope, Instant now) {
        Set<String> instances = new LinkedHashSet<>();
        // No dimension filter: a name-only DimensionFilter matches nothing in moto; the other series are skipped.
        pages(key, "ListMetrics", cw.listMetricsPaginator(b -> b.namespace(RDS).metricName(FREE_STORAGE_SPACE)),
                page -> {
                    for (Metric m : page.metrics()) {
                        if (m.dimensions().size() == 1 && DB_INSTANCE.equals(m.dimensions().get(0).name())
                                && m.dimensions().get(0).value() != null) {
                            instances.add(m.dimensions().get(0).value());
                        }
                    }
                });
        Instant end = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Instant start = end.minus(WINDOW);
        List<MetricReading> readings = new ArrayList<>();
        for (List<String> batch : batches(List.copyOf(instances), QUERIES_PER_CALL)) {
            Map<String, String> byQueryId = new LinkedHashMap<>();
            List<MetricDataQuery> queries = new ArrayList<>();
            for (String id : batch) {
                String queryId = "q" + byQueryId.size();
                byQueryId.put(queryId, id);
                queries.add(MetricDataQuery.builder().id(queryId).returnData(true).metricStat(s -> s
                        .metric(m -> m.namespace(RDS).metricName(FREE_STORAGE_SPACE)
                                .dimensions(Dimension.builder().name(DB_INSTANCE).value(id).build()))
                        .period(PERIOD_SECONDS).stat(STATISTIC)).build());
            }
            Map<String, MetricDataResult> results = new LinkedHashMap<>();
            Iterator<GetMetricDataResponse> it = cw.getMetricDataPaginator(b -> b.metricDataQueries(queries)
                    .startTime(start).endTime(end).scanBy(ScanBy.TIMESTAMP_DESCENDING)).iterator();
            while (it.hasNext()) {
                GetMetricDataResponse page = call(key, "GetMetricData", it::next);
                for (MetricDataResult r : page.metricDataResults()) {
                    // A later page continues a query's series with older datapoints: the first one seen wins.
                    results.merge(r.id(), r, (first, later) -> first.hasValues() && !first.values().isEmpty()
                            ? first : later);
                }
            }
            byQueryId.forEach((queryId, id) -> {
                MetricDataResult r = results.get(queryId);
                latest(r).ifPresent(i -> {
                    Map<String, String> dims = Map.of(DB_INSTANCE, id);
                    readings.add(new MetricReading(MetricReading.arnOf(scope.account(), scope.region(), RDS,
                            FREE_STORAGE_SPACE, dims), scope.account(), scope.region(), RDS, FREE_STORAGE_SPACE,
                            dims, STATISTIC, r.values().get(i), r.timestamps().get(i).toString()));
                });
            });
        }
        return readings;
    }

    /** Index of the newest datapoint of a result (whatever order the service returned them in). */
    private static java.util.Optional<Integer> latest(MetricDataResult r) {
        if (r == null || !r.hasValues() || !r.hasTimestamps() || r.values().isEmpty()
                || r.values().size() != r.timestamps().size()) {
            return java.util.Optional.empty();
        }
        int best = 0;
        for (int i = 1; i < r.timestamps().size(); i++) {
            if (r.timestamps().get(i).isAfter(r.timestamps().get(best))) {
                best = i;
            }
        }
        Double v = r.values().get(best);
        return v == null || v.isNaN() || v.isInfinite() ? java.util.Optional.empty() : java.util.Optional.of(best);
    }

    static Alarm metric(ScanScope scope, MetricAlarm a) {
        String namespace = a.namespace();
        String metricName = a.metricName();
        Map<String, String> dimensions = toMap(a.dimensions(), Dimension::name, Dimension::value);
        List<AlarmMetric> inputs = new ArrayList<>();
        if (metricName == null && a.hasMetrics()) {
            for (MetricDataQuery q : a.metrics()) {
                MetricStat s = q.metricStat();
                if (s != null && s.metric() != null) {
                    inputs.add(new AlarmMetric(q.id(), s.metric().namespace(), s.metric().metricName(),
                            toMap(s.metric().dimensions(), Dimension::name, Dimension::value)));
                }
            }
            // A metric-math alarm: when all its inputs are one metric, report that metric so rules can tell what
            // the alarm watches; with several distinct inputs there is no single answer.
            List<Metric> distinct = a.metrics().stream().map(MetricDataQuery::metricStat).filter(Objects::nonNull)
                    .map(MetricStat::metric).filter(Objects::nonNull).distinct().toList();
            if (distinct.size() == 1) {
                Metric m = distinct.get(0);
                namespace = m.namespace();
                metricName = m.metricName();
                dimensions = toMap(m.dimensions(), Dimension::name, Dimension::value);
            }
        }
        String arn = a.alarmArn() != null ? a.alarmArn()
                : Arns.of("cloudwatch", scope.region(), scope.account(), "alarm:" + a.alarmName());
        return new Alarm(arn, scope.account(), scope.region(), a.alarmName(), Alarm.METRIC, a.actionsEnabled(),
                a.alarmActions(), a.okActions(), a.insufficientDataActions(), a.stateValueAsString(), namespace,
                metricName, dimensions, null, instant(a.stateUpdatedTimestamp()), blankToNull(a.treatMissingData()),
                inputs, null, Map.of());
    }

    static Alarm composite(ScanScope scope, CompositeAlarm a) {
        String arn = a.alarmArn() != null ? a.alarmArn()
                : Arns.of("cloudwatch", scope.region(), scope.account(), "alarm:" + a.alarmName());
        return new Alarm(arn, scope.account(), scope.region(), a.alarmName(), Alarm.COMPOSITE, a.actionsEnabled(),
                a.alarmActions(), a.okActions(), a.insufficientDataActions(), a.stateValueAsString(), null, null,
                Map.of(), a.alarmRule(), instant(a.stateUpdatedTimestamp()), null, List.of(), null, Map.of());
    }

    private static String instant(Instant i) {
        return i == null ? null : i.toString();
    }
}
