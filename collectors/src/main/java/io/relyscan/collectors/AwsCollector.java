package io.relyscan.collectors;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.scan.CollectionException;
import io.relyscan.core.scan.CollectionSink;
import io.relyscan.core.scan.Collector;
import io.relyscan.core.scan.OperationTally;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/** What every collector shares: clients, the resilience layer, paging and small mapping helpers. */
abstract class AwsCollector implements Collector {
    protected final AwsClientFactory clients;
    protected final ResilientCaller caller;
    private final AwsService service;
    private final List<String> iamActions;
    private final FanOut fanOut = new FanOut(FanOut.DEFAULT_WIDTH);

    AwsCollector(AwsClientFactory clients, ResilientCaller caller, AwsService service, List<String> iamActions) {
        this.clients = clients;
        this.caller = caller;
        this.service = service;
        this.iamActions = List.copyOf(iamActions);
    }

    @Override
    public final AwsService service() {
        return service;
    }

    @Override
    public final List<String> iamActions() {
        return iamActions;
    }

    EndpointKey key(ScanScope scope) {
        return EndpointKey.of(scope.account(), scope.region(), service());
    }

    /** One resilient call, its outcome tallied for the per-operation coverage of the running task. */
    <T> T call(EndpointKey key, String operation, Supplier<T> call) {
        OperationTally.Call tallied = OperationTally.begin(operation);
        try {
            T result = caller.call(key, operation, call);
            tallied.end(null);
            return result;
        } catch (CollectionException e) {
            tallied.end(e.reason());
            throw e;
        } catch (RuntimeException e) {
            tallied.end(GapReason.UNKNOWN);
            throw e;
        }
    }

    /**
     * Independent per-resource work, run for up to {@link FanOut#DEFAULT_WIDTH} items at once ({@link FanOut}).
     * Each item records its failures in a {@link ResourceGaps} of its own, merged into {@code gaps} in item order,
     * and the results come back in item order: the inventory and the gaps read as if the items had been worked
     * one by one. The work must not touch the sink; its caller adds the results.
     */
    <T, R> List<R> perResource(List<T> items, ResourceGaps gaps, BiFunction<T, ResourceGaps, R> work) {
        List<ItemResult<R>> done = fanOut.map(items, item -> {
            ResourceGaps own = new ResourceGaps();
            return new ItemResult<>(work.apply(item, own), own);
        });
        List<R> out = new ArrayList<>(done.size());
        for (ItemResult<R> d : done) {
            gaps.merge(d.gaps());
            out.add(d.result());
        }
        return out;
    }

    /** Top-level listings of a task, to be queued and run concurrently ({@link Listings#add}). */
    Listings listings(CollectionSink sink) {
        return new Listings(sink, fanOut);
    }

    private record ItemResult<R>(R result, ResourceGaps gaps) {
    }

    /**
     * Walks an SDK paginator, each page fetch being one resilient call. A failed fetch leaves the SDK iterator on
     * the same page, so a retry fetches that page again rather than starting over.
     */
    <P> void pages(EndpointKey key, String operation, Iterable<P> paginator, Consumer<P> onPage) {
        Iterator<P> it = paginator.iterator();
        while (it.hasNext()) {
            P page = call(key, operation, it::next);
            onPage.accept(page);
        }
    }

    /** A map from SDK key/value pairs; null-safe, later duplicates win, null values become "". */
    static <T> Map<String, String> toMap(List<T> items, Function<T, String> key, Function<T, String> value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (items == null) {
            return out;
        }
        for (T item : items) {
            String k = key.apply(item);
            if (k != null) {
                String v = value.apply(item);
                out.put(k, v == null ? "" : v);
            }
        }
        return out;
    }

    static <T> List<List<T>> batches(List<T> items, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            out.add(List.copyOf(items.subList(i, Math.min(items.size(), i + size))));
        }
        return out;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
