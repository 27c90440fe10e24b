package io.relyscan.core.inventory;

import java.util.Map;

/**
 * An AMI that a launch configuration or launch template version of an Auto Scaling group references. The Auto
 * Scaling collector looks every such AMI up (including disabled and deprecated ones); a referenced AMI missing
 * from the inventory was deregistered or is no longer shared with the account.
 *
 * @param state   available, pending, failed, disabled, ... (DescribeImages State)
 * @param ownerId the owning account
 */
public record MachineImage(String account, String region, String imageId, String name, String state,
                           String ownerId) implements Resource {
    public static final String AVAILABLE = "available";

    public MachineImage {
        Lists.require(account, "account");
        Lists.require(region, "region");
        Lists.require(imageId, "imageId");
    }

    @Override
    public Map<String, String> tags() {
        return Tags.copyOf(null);
    }

    /** In the scanning account's namespace: the same public AMI can be seen from several scanned accounts. */
    @Override
    public String arn() {
        return "arn:aws:ec2:" + region + ":" + account + ":image/" + imageId;
    }

    /** Collected by the Auto Scaling collector, for the groups that reference it. */
    @Override
    public AwsService service() {
        return AwsService.AUTOSCALING;
    }

    @Override
    public String displayName() {
        return imageId;
    }
}
