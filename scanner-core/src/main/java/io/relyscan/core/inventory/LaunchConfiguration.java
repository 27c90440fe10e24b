package io.relyscan.core.inventory;

import java.util.Map;

/**
 * An Auto Scaling launch configuration that a group references, with the AMI it launches.
 *
 * @param imageId the AMI id, or null when not collected
 */
public record LaunchConfiguration(String arn, String account, String region, String name, String imageId)
        implements Resource {
    public LaunchConfiguration {
        Lists.require(arn, "arn");
        Lists.require(name, "name");
    }

    @Override
    public Map<String, String> tags() {
        return Tags.copyOf(null);
    }

    @Override
    public AwsService service() {
        return AwsService.AUTOSCALING;
    }

    @Override
    public String displayName() {
        return name;
    }
}
