package io.relyscan.core.scan;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.CollectionStatus;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.inventory.ScanScope;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

class ScanOrchestratorTest {
    private static final ScanScope EAST = new ScanScope(InventoryFixture.ACCOUNT, "us-east-1");
    private static final ScanScope WEST = new ScanScope(InventoryFixture.ACCOUNT, "us-west-2");
    private static final Clock CLOCK = Clock.fixed(InventoryFixture.CAPTURED_AT, ZoneOffset.UTC);

    private static Collector collector(AwsService service, BiConsumer<ScanScope, CollectionSink> body) {
        return new Collector() {
            @Override
            public AwsService service() {
                return service;
            }

            @Override
            public List<String> iamActions() {
                return List.of(service.id() + ":Describe");
            }

            @Override
            public void collect(ScanScope scope, CollectionSink sink) {
                body.accept(scope, sink);
            }
        };
    }

    private static DbInstance db(ScanScope scope, String id) {
        return new DbInstance("arn:aws:rds:" + scope.region() + ":" + scope.account() + ":db:" + id,
                scope.account(), scope.region(), id, "postgres", "16", "db.t3.micro", "available", true,
                scope.region() + "a", null, 7, true, null, null, List.of(), null, false, 20, null, 0, "default",
                List.of("default.postgres16"), List.of(), Map.of());
    }

    @Test
    void scan_recordsCompletePartialAndFailedPerScopeAndService() {
        Collector rds = collector(AwsService.RDS, (scope, sink) -> {
            sink.add(db(scope, "db1"));
            if (scope.equals(WEST)) {
                sink.gap("DescribeDBClusters", GapReason.THROTTLED, "retries exhausted");
            }
        });
        Collector backup = collector(AwsService.BACKUP, (scope, sink) -> {
            throw new CollectionException("ListBackupPlans", GapReason.ACCESS_DENIED, "denied", null);
        });
        Inventory inv = new ScanOrchestrator(CLOCK, new ScanOptions(4, Duration.ofSeconds(30)))
                .scan(List.of(WEST, EAST), List.of(rds, backup), List::of);
        assertThat(inv.capturedAt()).isEqualTo(InventoryFixture.CAPTURED_AT);
        assertThat(inv.scopes()).containsExactly(EAST, WEST);
        assertThat(inv.all(DbInstance.class)).hasSize(2);
        assertThat(inv.coverage().entry(EAST, AwsService.RDS).status()).isEqualTo(CollectionStatus.COMPLETE);
        assertThat(inv.coverage().entry(WEST, AwsService.RDS).status()).isEqualTo(CollectionStatus.PARTIAL);
        assertThat(inv.coverage().entry(EAST, AwsService.BACKUP).status()).isEqualTo(CollectionStatus.FAILED);
        assertThat(inv.coverage().entry(EAST, AwsService.BACKUP).gaps()).singleElement()
                .satisfies(g -> assertThat(g.reason()).isEqualTo(GapReason.ACCESS_DENIED));
        assertThat(inv.coverage().entry(EAST, AwsService.CONFIG).status()).isEqualTo(CollectionStatus.NOT_COLLECTED);
    }

    @Test
    void scan_whenDeadlinePasses_recordsUnfinishedWorkAsFailed() {
        CountDownLatch never = new CountDownLatch(1);
        Collector stuck = collector(AwsService.EC2, (scope, sink) -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                // a cooperative collector stops when interrupted, leaving its work unfinished
                throw new CollectionException("DescribeInstances", GapReason.DEADLINE_EXCEEDED, "interrupted", e);
            }
        });
        Collector quick = collector(AwsService.RDS, (scope, sink) -> sink.add(db(scope, "db1")));
        Inventory inv = new ScanOrchestrator(CLOCK, new ScanOptions(2, Duration.ofMillis(300)))
                .scan(List.of(EAST), List.of(stuck, quick), List::of);
        assertThat(inv.coverage().entry(EAST, AwsService.EC2).status()).isEqualTo(CollectionStatus.FAILED);
        assertThat(inv.coverage().entry(EAST, AwsService.EC2).gaps()).extracting(g -> g.reason())
                .contains(GapReason.DEADLINE_EXCEEDED);
        assertThat(inv.coverage().entry(EAST, AwsService.RDS).status()).isEqualTo(CollectionStatus.COMPLETE);
    }

    @Test
    void scan_whenDeadlinePasses_queuedWorkThatNeverStartedIsReportedWithTheReason() {
        CountDownLatch never = new CountDownLatch(1);
        Collector stuck = collector(AwsService.EC2, (scope, sink) -> {
            OperationTally.record("DescribeInstances", null);
            OperationTally.begin("DescribeVolumes"); // in flight when the deadline passes; never ends
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CollectionException("DescribeVolumes", GapReason.DEADLINE_EXCEEDED, "interrupted", e);
            }
        });
        Collector quick = collector(AwsService.RDS, (scope, sink) -> sink.add(db(scope, "db1")));
        // One worker: the stuck EC2 task holds it, so RDS in both regions and EC2 in the second never start.
        Inventory inv = new ScanOrchestrator(CLOCK, new ScanOptions(1, Duration.ofMillis(200)))
                .scan(List.of(EAST, WEST), List.of(stuck, quick), List::of);

        assertThat(inv.coverage().isWhole()).isFalse();
        assertThat(inv.coverage().entries()).filteredOn(e -> e.status() != CollectionStatus.NOT_COLLECTED)
                .hasSize(4).allSatisfy(e -> {
                    assertThat(e.status()).as(e.toString()).isEqualTo(CollectionStatus.FAILED);
                    assertThat(e.gaps()).as(e.toString()).extracting(g -> g.reason())
                            .contains(GapReason.DEADLINE_EXCEEDED);
                    assertThat(e.describeGaps()).contains("DEADLINE_EXCEEDED");
                });
        assertThat(inv.all(DbInstance.class)).isEmpty();
        // What the interrupted task called is still listed: done before the deadline, or in flight when it passed.
        assertThat(inv.coverage().entry(EAST, AwsService.EC2).operations())
                .extracting(o -> o.operation() + "=" + o.outcome())
                .containsExactly("DescribeInstances=OK", "DescribeVolumes=DEADLINE_EXCEEDED");
    }

    @Test
    void scan_recordsTheOperationsEachTaskCalledWithTheirOutcomes() {
        Collector rds = collector(AwsService.RDS, (scope, sink) -> {
            OperationTally.record("DescribeDBInstances", null);
            OperationTally.record("DescribeDBInstances", null);
            OperationTally.record("ListTagsForResource", GapReason.ACCESS_DENIED);
            sink.gap("ListTagsForResource", GapReason.ACCESS_DENIED, "denied");
        });
        Collector config = collector(AwsService.CONFIG, (scope, sink) ->
                OperationTally.record("DescribeConfigurationRecorders", null));
        // A call made outside any task (identity, region discovery) belongs to no entry.
        OperationTally.record("GetCallerIdentity", null);
        OperationTally.begin("DescribeRegions").end(GapReason.THROTTLED);

        Inventory inv = new ScanOrchestrator(CLOCK, new ScanOptions(4, Duration.ofSeconds(30)))
                .scan(List.of(EAST, WEST), List.of(rds, config), List::of);

        for (ScanScope scope : List.of(EAST, WEST)) {
            assertThat(inv.coverage().entry(scope, AwsService.RDS).operations())
                    .extracting(o -> o.operation() + " " + o.calls() + " " + o.outcome())
                    .containsExactly("DescribeDBInstances 2 OK", "ListTagsForResource 1 ACCESS_DENIED");
            assertThat(inv.coverage().entry(scope, AwsService.CONFIG).operations())
                    .extracting(o -> o.operation() + " " + o.calls() + " " + o.outcome())
                    .containsExactly("DescribeConfigurationRecorders 1 OK");
        }
        assertThat(inv.coverage().entry(EAST, AwsService.EC2).operations()).isEmpty();
    }

    @Test
    void scan_whenCollectorCrashes_onlyItsEntryFails() {
        Collector crashing = collector(AwsService.CONFIG, (scope, sink) -> {
            throw new NullPointerException("bug");
        });
        Collector quick = collector(AwsService.RDS, (scope, sink) -> sink.add(db(scope, "db1")));
        Inventory inv = new ScanOrchestrator(CLOCK, ScanOptions.defaults())
                .scan(List.of(EAST), List.of(crashing, quick), List::of);
        assertThat(inv.coverage().entry(EAST, AwsService.CONFIG).status()).isEqualTo(CollectionStatus.FAILED);
        assertThat(inv.coverage().entry(EAST, AwsService.CONFIG).gaps()).singleElement()
                .satisfies(g -> assertThat(g.reason()).isEqualTo(GapReason.UNKNOWN));
        assertThat(inv.coverage().entry(EAST, AwsService.RDS).status()).isEqualTo(CollectionStatus.COMPLETE);
    }

    @Test
    void scan_tellsTheListenerOfEveryTaskAndOfEachAccountOnceAllItsTasksEnded() {
        ScanScope other = new ScanScope("210987654321", "us-east-1");
        Collector rds = collector(AwsService.RDS, (scope, sink) -> sink.add(db(scope, "db1")));
        Collector backup = collector(AwsService.BACKUP, (scope, sink) -> {
            throw new CollectionException("ListBackupPlans", GapReason.ACCESS_DENIED, "denied", null);
        });
        List<String> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Map<String, Integer> tasksLeft = new java.util.concurrent.ConcurrentHashMap<>();
        ScanListener listener = new ScanListener() {
            @Override
            public void started(List<ScanScope> scopes, int tasks) {
                events.add("started " + scopes.size() + " scopes, " + tasks + " tasks");
                scopes.forEach(s -> tasksLeft.merge(s.account(), 2, Integer::sum));
            }

            @Override
            public void taskFinished(ScanScope scope, AwsService service, CollectionStatus status, int resources) {
                events.add(scope.account() + "/" + scope.region() + " " + service.id() + " " + status + " "
                        + resources);
                tasksLeft.merge(scope.account(), -1, Integer::sum);
            }

            @Override
            public void accountFinished(String account) {
                events.add("account " + account + " with " + tasksLeft.get(account) + " tasks left");
            }

            @Override
            public void finished() {
                events.add("finished");
            }
        };
        new ScanOrchestrator(CLOCK, new ScanOptions(3, Duration.ofSeconds(30)))
                .scan(List.of(WEST, other, EAST, WEST), List.of(rds, backup), List::of, ScanListener.all(
                        List.of(listener, ScanListener.NONE)));
        assertThat(events).first().isEqualTo("started 3 scopes, 6 tasks");
        assertThat(events).last().isEqualTo("finished");
        assertThat(events).contains(
                InventoryFixture.ACCOUNT + "/us-east-1 rds COMPLETE 1",
                InventoryFixture.ACCOUNT + "/us-west-2 backup FAILED 0",
                "210987654321/us-east-1 rds COMPLETE 1",
                "account " + InventoryFixture.ACCOUNT + " with 0 tasks left",
                "account 210987654321 with 0 tasks left");
        assertThat(events).hasSize(1 + 6 + 2 + 1);
    }
}
