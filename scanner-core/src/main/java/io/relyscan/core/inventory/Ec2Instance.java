package io.relyscan.core.inventory;

import java.util.Map;

/** An EC2 instance. */
public record Ec2Instance(String arn, String account, String region, String instanceId, String instanceType,
                          String state, String availabilityZone, String subnetId, Map<String, String> tags)
        implements Resource {
    public Ec2Instance {
        Lists.require(arn, "arn");
        Lists.require(instanceId, "instanceId");
        tags = Tags.copyOf(tags);
    }

    @Override
    public AwsService service() {
        return AwsService.EC2;
    }

    @Override
    public String displayName() {
        return instanceId;
    }
}
