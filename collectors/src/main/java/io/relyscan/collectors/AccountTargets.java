package io.relyscan.collectors;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.scan.CollectionException;
import io.relyscan.core.scan.Collector;
import io.relyscan.core.scan.ScanListener;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * The target accounts of a multi-account scan: each reached through its assumed role (or, for the caller's own
 * account, the caller's credentials), with its regions discovered, its collectors, and its clients released as
 * soon as its collections have ended so that a scan of many accounts holds the clients of the accounts in
 * progress only. One account's failure (role missing, AssumeRole denied, an SCP denying ec2:DescribeRegions)
 * fails that account's collections with the reason; the others go on.
 */
public final class AccountTargets {
    /**
     * The regions of one account, or why they could not be listed.
     *
     * @param regions every region AWS knows for the account with its opt-in status, sorted; empty on failure
     * @param failure null when listed, else a one-line reason (the account's collections then all fail with it)
     */
    public record AccountRegions(String account, List<RegionStatus> regions, String failure) {
        public AccountRegions {
            regions = List.copyOf(regions);
        }

        public boolean failed() {
            return failure != null;
        }
    }

    static final String DESCRIBE_REGIONS = "DescribeRegions";

    private final Map<String, TargetAccount> targets;
    private final ResilientCaller caller;
    private final BiFunction<AwsService, AwsClientFactory, Collector> collectorFactory;

    AccountTargets(List<TargetAccount> targets, ResilientCaller caller,
                   BiFunction<AwsService, AwsClientFactory, Collector> collectorFactory) {
        Map<String, TargetAccount> byId = new LinkedHashMap<>();
        targets.forEach(t -> byId.put(t.account(), t));
        this.targets = byId;
        this.caller = caller;
        this.collectorFactory = collectorFactory;
    }

    /** The target account ids, in the order given. */
    public List<String> accounts() {
        return List.copyOf(targets.keySet());
    }

    /**
     * Lists each account's regions with ec2:DescribeRegions (all regions, with opt-in status) in {@code region},
     * after assuming its role; up to {@code parallelism} accounts at once. An account whose role cannot be
     * assumed or whose regions cannot be listed is returned failed, and its collections will fail with that
     * reason without calling AWS again.
     *
     * @return one entry per account, in the order of {@link #accounts()}
     */
    public List<AccountRegions> discoverRegions(String region, int parallelism) {
        List<TargetAccount> all = List.copyOf(targets.values());
        if (all.isEmpty()) {
            return List.of();
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, all.size())), r -> {
            Thread t = new Thread(r, "relyscan-regions-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<AccountRegions>> futures = new ArrayList<>();
            for (TargetAccount t : all) {
                futures.add(pool.submit(() -> discover(t, region)));
            }
            List<AccountRegions> out = new ArrayList<>();
            for (Future<AccountRegions> f : futures) {
                out.add(f.get());
            }
            return List.copyOf(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AwsCallException(io.relyscan.core.inventory.GapReason.UNKNOWN,
                    "interrupted while listing the regions of the target accounts", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("listing regions failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private AccountRegions discover(TargetAccount target, String region) {
        String account = target.account();
        try {
            target.requireReady();
            List<RegionStatus> regions = caller.call(EndpointKey.of(account, region, AwsService.EC2),
                            DESCRIBE_REGIONS, () -> target.clients().ec2(region).describeRegions(b -> b.allRegions(true)))
                    .regions().stream()
                    .map(r -> new RegionStatus(r.regionName(), r.optInStatus()))
                    .sorted(java.util.Comparator.comparing(RegionStatus::name))
                    .toList();
            return new AccountRegions(account, regions, null);
        } catch (CollectionException e) {
            CollectionException why = e.operation().equals(TargetAccount.OPERATION) ? e
                    : new CollectionException(DESCRIBE_REGIONS, e.reason(), "cannot list the regions of account "
                    + account + " (ec2:DescribeRegions in " + region + "): " + e.reason().description() + ": "
                    + e.getMessage(), e);
            target.fail(why);
            return new AccountRegions(account, List.of(), why.getMessage());
        }
    }

    /** One collector per requested service, sorted by service, routing each scope to its account's clients. */
    public List<Collector> collectors(Set<AwsService> services) {
        List<Collector> out = new ArrayList<>();
        for (AwsService s : services.isEmpty() ? EnumSet.noneOf(AwsService.class) : EnumSet.copyOf(services)) {
            Map<String, AccountRoutingCollector.Target> byAccount = new HashMap<>();
            targets.forEach((id, t) -> byAccount.put(id,
                    new AccountRoutingCollector.Target(t, collectorFactory.apply(s, t.clients()))));
            out.add(new AccountRoutingCollector(s, IamActions.of(s), byAccount));
        }
        return List.copyOf(out);
    }

    /**
     * Releases an account's clients and credentials, and the resilience layer's state of its endpoints (their
     * statistics are kept), once the orchestrator says every collection in it has ended.
     */
    public ScanListener releaser() {
        return new ScanListener() {
            @Override
            public void accountFinished(String account) {
                TargetAccount t = targets.get(account);
                if (t != null) {
                    t.release();
                    caller.release(account);
                }
            }
        };
    }

    List<TargetAccount> all() {
        return List.copyOf(targets.values());
    }
}
