package io.relyscan.collectors;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.EndpointTelemetry;
import io.relyscan.core.inventory.MetricReading;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** FreeStorageSpace of more instances than one GetMetricData call may ask for (500 queries). */
class CloudWatchMetricBatchTest extends MotoTestBase {
    private static final int INSTANCES = CloudWatchCollector.QUERIES_PER_CALL + 1;

    @Test
    void collect_freeStorageSpaceOfManyInstances_inBatchesOf500() {
        Instant at = Instant.now().minus(10, ChronoUnit.MINUTES);
        try (CloudWatchClient cw = TestSessions.client(CloudWatchClient.builder(), endpoint())) {
            List<MetricDatum> data = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                String id = "db-" + i;
                data.add(MetricDatum.builder().metricName("FreeStorageSpace").value(1.0e9 + i).timestamp(at)
                        .dimensions(d -> d.name("DBInstanceIdentifier").value(id)).build());
            }
            cw.putMetricData(b -> b.namespace("AWS/RDS").metricData(data));
        }

        RecordingSink sink = collect(AwsService.CLOUDWATCH);

        assertThat(sink.gaps).isEmpty();
        List<MetricReading> readings = sink.all(MetricReading.class);
        assertThat(readings).hasSize(INSTANCES);
        assertThat(readings).filteredOn(r -> r.dimensions().get("DBInstanceIdentifier").equals("db-500"))
                .singleElement().extracting(MetricReading::value).isEqualTo(1.0e9 + 500);
        // DescribeAlarms, two ListMetrics pages (moto pages at 500), two GetMetricData batches.
        EndpointTelemetry cloudWatch = session.telemetry().stream()
                .filter(t -> t.service() == AwsService.CLOUDWATCH).findFirst().orElseThrow();
        assertThat(cloudWatch.calls()).isEqualTo(5);
    }
}
