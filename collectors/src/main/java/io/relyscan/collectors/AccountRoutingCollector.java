package io.relyscan.collectors;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.scan.CollectionSink;
import io.relyscan.core.scan.Collector;

import java.util.List;
import java.util.Map;

/**
 * One service's collector across the target accounts of a multi-account scan: each scope goes to the collector
 * built on its account's clients, once the account is ready (its role assumed).
 */
final class AccountRoutingCollector implements Collector {
    record Target(TargetAccount account, Collector collector) {
    }

    private final AwsService service;
    private final List<String> iamActions;
    private final Map<String, Target> byAccount;

    AccountRoutingCollector(AwsService service, List<String> iamActions, Map<String, Target> byAccount) {
        this.service = service;
        this.iamActions = List.copyOf(iamActions);
        this.byAccount = Map.copyOf(byAccount);
    }

    @Override
    public AwsService service() {
        return service;
    }

    @Override
    public List<String> iamActions() {
        return iamActions;
    }

    @Override
    public void collect(ScanScope scope, CollectionSink sink) {
        Target target = byAccount.get(scope.account());
        if (target == null) {
            throw new IllegalArgumentException("account " + scope.account() + " is not a target of this scan");
        }
        target.account().requireReady();
        target.collector().collect(scope, sink);
    }
}
