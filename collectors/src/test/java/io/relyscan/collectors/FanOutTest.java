package io.relyscan.collectors;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.CoverageGap;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.inventory.OperationCoverage;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.scan.CollectionException;
import io.relyscan.core.scan.CollectionSink;
import io.relyscan.core.scan.Collector;
import io.relyscan.core.scan.OperationTally;
import io.relyscan.core.scan.ScanOptions;
import io.relyscan.core.scan.ScanOrchestrator;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FanOutTest {
    /** Guards against a hang if the code under test is broken; never reached when it works. */
    private static final long GUARD_SECONDS = 30;

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void resultsComeBackInItemOrderWhateverOrderTheyFinishIn() {
        CountDownLatch lastDone = new CountDownLatch(1);
        List<Integer> finished = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        List<String> out = new FanOut(4).map(range(4), i -> {
            if (i == 0) {
                await(lastDone); // item 0 finishes only after item 3 has
            }
            finished.add(i);
            if (i == 3) {
                lastDone.countDown();
            }
            return "r" + i;
        });

        assertThat(out).containsExactly("r0", "r1", "r2", "r3");
        assertThat(finished.indexOf(3)).isLessThan(finished.indexOf(0));
    }

    @Test
    void neverMoreThanTheWidthInProgressAndTheWidthIsReached() {
        int width = 4;
        AtomicInteger inProgress = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        CountDownLatch allLanesBusy = new CountDownLatch(width);
        List<Integer> out = new FanOut(width).map(range(40), i -> {
            max.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
            allLanesBusy.countDown();
            await(allLanesBusy); // the first items wait until `width` of them are in progress at once
            inProgress.decrementAndGet();
            return i;
        });

        assertThat(out).isEqualTo(range(40));
        assertThat(max.get()).isEqualTo(width);
    }

    @Test
    void widthOneWorksEveryItemOnTheCallingThread() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        new FanOut(1).map(range(5), i -> threads.add(Thread.currentThread()));
        assertThat(threads).containsExactly(Thread.currentThread());
    }

    @Test
    void emptyAndSingleItemListsNeedNoHelper() {
        assertThat(new FanOut(4).map(List.<Integer>of(), i -> i)).isEmpty();
        AtomicReference<Thread> ran = new AtomicReference<>();
        assertThat(new FanOut(4).map(List.of(7), i -> {
            ran.set(Thread.currentThread());
            return i + 1;
        })).containsExactly(8);
        assertThat(ran.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void anUnexpectedFailureIsRethrownThatOfTheEarliestItem() {
        CountDownLatch laterFailed = new CountDownLatch(1);
        assertThatThrownBy(() -> new FanOut(4).map(range(4), i -> {
            if (i == 1) {
                await(laterFailed);
                throw new IllegalStateException("item 1");
            }
            if (i == 3) {
                laterFailed.countDown();
                throw new IllegalStateException("item 3");
            }
            return i;
        })).isInstanceOf(IllegalStateException.class).hasMessage("item 1");
    }

    @Test
    void perResourceFailuresAreIsolatedAndReadAsIfWorkedOneByOne() {
        List<Integer> items = range(12);
        ResourceGaps sequential = new ResourceGaps();
        for (int i : items) {
            if (i % 3 == 1) {
                sequential.failed("r" + i, failure(i));
            }
        }
        ResourceGaps merged = new ResourceGaps();
        AwsCollector collector = new TestCollector();
        List<String> out = collector.perResource(items, merged, (i, gaps) -> {
            if (i % 3 == 1) {
                gaps.failed("r" + i, failure(i));
                return null;
            }
            return "r" + i;
        });

        assertThat(out).hasSize(12);
        assertThat(out.get(0)).isEqualTo("r0");
        assertThat(out.get(1)).isNull();
        assertThat(out.get(11)).isEqualTo("r11");
        List<CoverageGap> fromMerged = flushed(merged);
        assertThat(fromMerged).isEqualTo(flushed(sequential)).hasSize(2);
        assertThat(fromMerged.get(0).message()).startsWith("2 resources, first r1:");
    }

    @Test
    void interruptingTheCallerInterruptsItsHelpersAndTheFlagSurvives() throws Exception {
        int width = 3;
        CountDownLatch helpersWaiting = new CountDownLatch(width - 1);
        AtomicInteger helpersInterrupted = new AtomicInteger();
        AtomicReference<Boolean> callerStillInterrupted = new AtomicReference<>();
        AtomicReference<List<String>> result = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            Thread owner = Thread.currentThread();
            result.set(new FanOut(width).map(range(width), i -> {
                if (Thread.currentThread() == owner) {
                    await(helpersWaiting);
                    owner.interrupt(); // as the orchestrator does at the scan deadline
                    return "caller";
                }
                helpersWaiting.countDown();
                try {
                    new CountDownLatch(1).await(GUARD_SECONDS, TimeUnit.SECONDS);
                    return "not interrupted";
                } catch (InterruptedException e) {
                    helpersInterrupted.incrementAndGet();
                    return "interrupted";
                }
            }));
            callerStillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        caller.join(TimeUnit.SECONDS.toMillis(GUARD_SECONDS));

        assertThat(caller.isAlive()).isFalse();
        assertThat(helpersInterrupted.get()).isEqualTo(width - 1);
        assertThat(result.get()).containsExactlyInAnyOrder("caller", "interrupted", "interrupted");
        assertThat(callerStillInterrupted.get()).isTrue();
    }

    @Test
    void callsMadeOnHelperThreadsAreTalliedToTheTask() {
        AwsService service = AwsService.SNS;
        Collector collector = new Collector() {
            @Override
            public AwsService service() {
                return service;
            }

            @Override
            public List<String> iamActions() {
                return List.of();
            }

            @Override
            public void collect(ScanScope scope, CollectionSink sink) {
                Set<Thread> threads = ConcurrentHashMap.newKeySet();
                CountDownLatch allLanesBusy = new CountDownLatch(4);
                new FanOut(4).map(range(20), i -> {
                    threads.add(Thread.currentThread());
                    allLanesBusy.countDown();
                    await(allLanesBusy);
                    OperationTally.record("GetTopicAttributes", i == 5 ? GapReason.THROTTLED : null);
                    return i;
                });
                assertThat(threads).hasSize(4);
            }
        };
        ScanScope scope = new ScanScope("123456789012", "us-east-1");
        Inventory inventory = new ScanOrchestrator(Clock.systemUTC(), new ScanOptions(1, Duration.ofMinutes(1)))
                .scan(List.of(scope), List.of(collector), List::of);

        var entry = inventory.coverage().entry(scope, service);
        assertThat(entry.gaps()).isEmpty();
        assertThat(entry.operations()).extracting(OperationCoverage::operation, OperationCoverage::calls)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GetTopicAttributes", 20L));
        assertThat(entry.operations().get(0).failures()).containsEntry("THROTTLED", 1L);
    }

    @Test
    void fanOutsOfSeveralTasksComposeWithTheBulkheadWithoutDeadlock() throws Exception {
        ResilientCaller caller = BulkheadTest.caller(2, 3, Duration.ofSeconds(GUARD_SECONDS));
        EndpointKey one = EndpointKey.of("123456789012", "us-east-1", AwsService.SNS);
        EndpointKey other = EndpointKey.of("123456789012", "us-east-1", AwsService.ELBV2);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        Map<EndpointKey, AtomicInteger> atEndpoint = new ConcurrentHashMap<>();
        Map<EndpointKey, AtomicInteger> maxAtEndpoint = new ConcurrentHashMap<>();
        CountDownLatch overallCapReached = new CountDownLatch(3);
        Map<EndpointKey, List<Integer>> results = new ConcurrentHashMap<>();
        List<Thread> tasks = new java.util.ArrayList<>();
        for (EndpointKey key : List.of(one, other)) {
            Thread task = new Thread(() -> results.put(key, new FanOut(4).map(range(12), i -> caller.call(key,
                    "Get", () -> {
                        max.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        maxAtEndpoint.computeIfAbsent(key, k -> new AtomicInteger()).accumulateAndGet(
                                atEndpoint.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet(),
                                Math::max);
                        overallCapReached.countDown();
                        await(overallCapReached);
                        atEndpoint.get(key).decrementAndGet();
                        inFlight.decrementAndGet();
                        return i;
                    }))));
            tasks.add(task);
            task.start();
        }
        for (Thread t : tasks) {
            t.join(TimeUnit.SECONDS.toMillis(GUARD_SECONDS));
            assertThat(t.isAlive()).isFalse();
        }

        assertThat(results).containsEntry(one, range(12)).containsEntry(other, range(12));
        assertThat(max.get()).as("overall cap").isEqualTo(3);
        assertThat(maxAtEndpoint.values()).as("per-endpoint cap").allSatisfy(m -> assertThat(m.get()).isLessThan(3));
        assertThat(caller.freeOverallPermits()).isEqualTo(3);
    }

    @Test
    void widthMustBePositive() {
        assertThatThrownBy(() -> new FanOut(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(FanOut.DEFAULT_WIDTH).isEqualTo(ResilienceSettings.defaults().maxInFlightPerEndpoint());
    }

    private static CollectionException failure(int i) {
        return new CollectionException(i % 2 == 0 ? "GetTopicAttributes" : "ListSubscriptionsByTopic",
                GapReason.ACCESS_DENIED, "denied " + i, null);
    }

    private static List<CoverageGap> flushed(ResourceGaps gaps) {
        RecordingSink sink = new RecordingSink();
        gaps.flush(sink);
        return sink.gaps;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(GUARD_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A collector with no AWS behind it, for {@link AwsCollector#perResource}. */
    private static final class TestCollector extends AwsCollector {
        TestCollector() {
            super(null, null, AwsService.SNS, List.of());
        }

        @Override
        public void collect(ScanScope scope, CollectionSink sink) {
        }
    }
}
