package io.relyscan.cli;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.CollectionStatus;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.scan.ScanListener;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what a scan's collection has done so far: accounts, (account, region) scopes and (scope, service)
 * collections finished, resources collected and collections failed. Thread-safe; read with {@link #counts}.
 */
final class ScanProgress implements ScanListener {
    /**
     * A consistent-enough picture of the counters (each read atomically, not all at the same instant).
     *
     * @param regions  (account, region) scopes, done when every service in them has ended
     * @param services (account, region, service) collections
     * @param failed   collections that ended FAILED
     */
    record Counts(int accountsDone, int accounts, int regionsDone, int regions, int servicesDone, int services,
                  long resources, int failed) {
    }

    private volatile int accounts;
    private volatile int regions;
    private volatile int services;
    private volatile int servicesPerScope;
    private final Map<ScanScope, AtomicInteger> endedPerScope = new ConcurrentHashMap<>();
    private final AtomicInteger accountsDone = new AtomicInteger();
    private final AtomicInteger regionsDone = new AtomicInteger();
    private final AtomicInteger servicesDone = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong resources = new AtomicLong();

    @Override
    public void started(List<ScanScope> scopes, int tasks) {
        accounts = (int) scopes.stream().map(ScanScope::account).distinct().count();
        regions = scopes.size();
        services = tasks;
        // The orchestrator runs every collector in every scope.
        servicesPerScope = scopes.isEmpty() ? 0 : tasks / scopes.size();
    }

    @Override
    public void taskFinished(ScanScope scope, AwsService service, CollectionStatus status, int resources) {
        servicesDone.incrementAndGet();
        this.resources.addAndGet(resources);
        if (status == CollectionStatus.FAILED) {
            failed.incrementAndGet();
        }
        if (endedPerScope.computeIfAbsent(scope, s -> new AtomicInteger()).incrementAndGet() == servicesPerScope) {
            regionsDone.incrementAndGet();
        }
    }

    @Override
    public void accountFinished(String account) {
        accountsDone.incrementAndGet();
    }

    Counts counts() {
        return new Counts(accountsDone.get(), accounts, regionsDone.get(), regions, servicesDone.get(), services,
                resources.get(), failed.get());
    }
}
