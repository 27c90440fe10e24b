package io.relyscan.core.scan;

import io.relyscan.core.inventory.CollectionStatus;
import io.relyscan.core.inventory.Coverage;
import io.relyscan.core.inventory.CoverageEntry;
import io.relyscan.core.inventory.CoverageGap;
import io.relyscan.core.inventory.EndpointTelemetry;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.inventory.Resource;
import io.relyscan.core.inventory.ScanScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs every collector in every scope in parallel under a deadline and assembles the inventory with its
 * coverage. A collector's failure affects only its own (scope, service) entry.
 */
public final class ScanOrchestrator {
    private static final Logger LOG = LoggerFactory.getLogger(ScanOrchestrator.class);

    private final Clock clock;
    private final ScanOptions options;

    public ScanOrchestrator(Clock clock, ScanOptions options) {
        this.clock = clock;
        this.options = options;
    }

    /**
     * @param telemetry read after collection ends, to put call statistics into the inventory
     */
    public Inventory scan(List<ScanScope> scopes, List<Collector> collectors,
                          Supplier<List<EndpointTelemetry>> telemetry) {
        return scan(scopes, collectors, telemetry, ScanListener.NONE);
    }

    /**
     * Tasks run in scope order (account, then region), so an account's collections end close together and
     * {@link ScanListener#accountFinished} lets its resources (clients, credentials) go early in a scan of many
     * accounts.
     *
     * @param telemetry read after collection ends, to put call statistics into the inventory
     * @param listener  hears each task end, each account end, and the start and end of collection
     */
    public Inventory scan(List<ScanScope> scopes, List<Collector> collectors,
                          Supplier<List<EndpointTelemetry>> telemetry, ScanListener listener) {
        // Millisecond precision is plenty for an audit timestamp and keeps reports readable.
        Instant capturedAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        List<ScanScope> distinct = scopes.stream().distinct().sorted().toList();
        List<Task> tasks = new ArrayList<>();
        Map<String, AtomicInteger> openPerAccount = new ConcurrentHashMap<>();
        for (ScanScope scope : distinct) {
            for (Collector c : collectors) {
                tasks.add(new Task(scope, c));
                openPerAccount.computeIfAbsent(scope.account(), a -> new AtomicInteger()).incrementAndGet();
            }
        }
        listener.started(distinct, tasks.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.concurrency(),
                Math.max(1, tasks.size())), daemonThreads());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Task t : tasks) {
                futures.add(pool.submit(() -> {
                    t.run();
                    TaskResult r = t.result();
                    listener.taskFinished(t.scope, t.collector.service(), r.entry().status(), r.resources().size());
                    if (openPerAccount.get(t.scope.account()).decrementAndGet() == 0) {
                        listener.accountFinished(t.scope.account());
                    }
                }));
            }
            pool.shutdown();
            long deadlineNanos = options.deadline().toNanos();
            if (!pool.awaitTermination(deadlineNanos, TimeUnit.NANOSECONDS)) {
                LOG.warn("scan deadline of {} passed; stopping collection", options.deadline());
                pool.shutdownNow();
                pool.awaitTermination(5, TimeUnit.SECONDS);
            }
            futures.forEach(f -> f.cancel(true));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
        listener.finished();
        List<Resource> resources = new ArrayList<>();
        List<CoverageEntry> entries = new ArrayList<>();
        for (Task t : tasks) {
            TaskResult r = t.result();
            resources.addAll(r.resources());
            entries.add(r.entry());
        }
        return Inventory.of(capturedAt, scopes, resources, Coverage.of(entries), telemetry.get());
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "relyscan-collect-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private record TaskResult(List<Resource> resources, CoverageEntry entry) {
    }

    /** One (scope, collector) unit of work and its buffered result. */
    private static final class Task implements CollectionSink {
        private final ScanScope scope;
        private final Collector collector;
        private final List<Resource> resources = Collections.synchronizedList(new ArrayList<>());
        private final List<CoverageGap> gaps = Collections.synchronizedList(new ArrayList<>());
        private final OperationTally operations = new OperationTally();
        private volatile CoverageGap fatal;
        private volatile boolean finished;

        Task(ScanScope scope, Collector collector) {
            this.scope = scope;
            this.collector = collector;
        }

        void run() {
            String service = collector.service().id();
            LOG.debug("collecting {} in {}", service, scope);
            operations.bind();
            try {
                collector.collect(scope, this);
            } catch (CollectionException e) {
                fatal = new CoverageGap(e.operation(), e.reason(), e.getMessage());
                LOG.warn("{} in {}: {} failed: {}", service, scope, e.operation(), e.reason());
            } catch (RuntimeException e) {
                fatal = new CoverageGap("collect", GapReason.UNKNOWN, e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                LOG.warn("{} in {}: unexpected failure: {}", service, scope, e.toString());
                LOG.debug("collector failure", e);
            } finally {
                operations.unbind();
                finished = true;
            }
        }

        @Override
        public void add(Resource resource) {
            if (!resource.account().equals(scope.account()) || !resource.region().equals(scope.region())) {
                throw new IllegalStateException(collector.service().id() + " collector added " + resource.arn()
                        + " outside its scope " + scope);
            }
            resources.add(resource);
        }

        @Override
        public void gap(String operation, GapReason reason, String message) {
            gaps.add(new CoverageGap(operation, reason, message));
        }

        TaskResult result() {
            List<CoverageGap> all;
            synchronized (gaps) {
                all = new ArrayList<>(gaps);
            }
            CollectionStatus status;
            List<Resource> found;
            synchronized (resources) {
                found = new ArrayList<>(resources);
            }
            if (!finished) {
                all.add(new CoverageGap("collect", GapReason.DEADLINE_EXCEEDED,
                        "collection had not finished when the scan deadline passed"));
                status = CollectionStatus.FAILED;
            } else if (fatal != null) {
                all.add(fatal);
                status = CollectionStatus.FAILED;
            } else {
                status = all.isEmpty() ? CollectionStatus.COMPLETE : CollectionStatus.PARTIAL;
            }
            return new TaskResult(found, new CoverageEntry(scope.account(), scope.region(), collector.service(),
                    status, all, operations.operations()));
        }
    }
}
