package io.relyscan.core.inventory;

import java.util.List;
import java.util.Map;

/**
 * An AWS Config configuration recorder with its status.
 *
 * @param servicePrincipal set for service-linked recorders, which do not count as the customer's recorder
 * @param recordingStrategy ALL_SUPPORTED_RESOURCE_TYPES, INCLUSION_BY_RESOURCE_TYPES or EXCLUSION_BY_RESOURCE_TYPES
 * @param recording        null when the status could not be collected
 */
public record ConfigRecorder(String arn, String account, String region, String name, String roleArn,
                             Boolean allSupported, Boolean includeGlobalResourceTypes, String recordingStrategy,
                             List<String> resourceTypes, List<String> excludedResourceTypes,
                             String servicePrincipal, Boolean recording, String lastStatus, String lastErrorCode)
        implements Resource {
    public ConfigRecorder {
        Lists.require(arn, "arn");
        Lists.require(name, "name");
        resourceTypes = Lists.copy(resourceTypes);
        excludedResourceTypes = Lists.copy(excludedResourceTypes);
    }

    @Override
    public Map<String, String> tags() {
        return Tags.copyOf(null);
    }

    @Override
    public AwsService service() {
        return AwsService.CONFIG;
    }

    @Override
    public String displayName() {
        return name;
    }

    public boolean isServiceLinked() {
        return servicePrincipal != null && !servicePrincipal.isBlank();
    }
}
