package io.relyscan.collectors;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.ConfigRecorder;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.scan.CollectionException;
import io.relyscan.core.scan.CollectionSink;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.ConfigurationRecorder;
import software.amazon.awssdk.services.config.model.ConfigurationRecorderStatus;
import software.amazon.awssdk.services.config.model.RecordingGroup;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS Config recorders merged by name with their status. When the status cannot be read the recorder is still
 * reported, with {@code recording} null and a gap, so "not recording" and "unknown" stay apart.
 */
public final class ConfigCollector extends AwsCollector {
    static final List<String> IAM_ACTIONS = List.of("config:DescribeConfigurationRecorderStatus",
            "config:DescribeConfigurationRecorders");

    ConfigCollector(AwsClientFactory clients, ResilientCaller caller) {
        super(clients, caller, AwsService.CONFIG, IAM_ACTIONS);
    }

    @Override
    public void collect(ScanScope scope, CollectionSink sink) {
        EndpointKey key = key(scope);
        ConfigClient config = clients.config(scope.region());
        List<ConfigurationRecorder> recorders = call(key, "DescribeConfigurationRecorders",
                () -> config.describeConfigurationRecorders(b -> { })).configurationRecorders();
        if (recorders.isEmpty()) {
            return;
        }
        Map<String, ConfigurationRecorderStatus> statuses = null;
        try {
            statuses = new HashMap<>();
            for (ConfigurationRecorderStatus s : call(key, "DescribeConfigurationRecorderStatus",
                    () -> config.describeConfigurationRecorderStatus(b -> { })).configurationRecordersStatus()) {
                statuses.put(s.name(), s);
            }
        } catch (CollectionException e) {
            statuses = null;
            sink.gap(e.operation(), e.reason(), e.getMessage());
        }
        for (ConfigurationRecorder r : recorders) {
            sink.add(recorder(scope, r, statuses == null ? null : statuses.get(r.name())));
        }
    }

    static ConfigRecorder recorder(ScanScope scope, ConfigurationRecorder r, ConfigurationRecorderStatus status) {
        String arn = r.arn() != null ? r.arn()
                : Arns.of("config", scope.region(), scope.account(), "configuration-recorder/" + r.name());
        RecordingGroup g = r.recordingGroup();
        Boolean allSupported = g == null ? null : g.allSupported();
        Boolean includeGlobal = g == null ? null : g.includeGlobalResourceTypes();
        List<String> types = g == null ? List.of() : g.resourceTypesAsStrings();
        List<String> excluded = g == null || g.exclusionByResourceTypes() == null ? List.of()
                : g.exclusionByResourceTypes().resourceTypesAsStrings();
        String strategy = g == null || g.recordingStrategy() == null ? null
                : g.recordingStrategy().useOnlyAsString();
        if (strategy == null && g != null) {
            // Recorders made before recording strategies existed omit it; AWS documents the equivalent strategy.
            strategy = Boolean.TRUE.equals(allSupported) ? "ALL_SUPPORTED_RESOURCE_TYPES"
                    : !types.isEmpty() ? "INCLUSION_BY_RESOURCE_TYPES"
                    : !excluded.isEmpty() ? "EXCLUSION_BY_RESOURCE_TYPES" : null;
        }
        return new ConfigRecorder(arn, scope.account(), scope.region(), r.name(), r.roleARN(), allSupported,
                includeGlobal, strategy, types, excluded, blankToNull(r.servicePrincipal()),
                status == null ? null : status.recording(),
                status == null ? null : status.lastStatusAsString(),
                status == null ? null : blankToNull(status.lastErrorCode()));
    }
}
