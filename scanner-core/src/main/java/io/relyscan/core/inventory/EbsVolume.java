package io.relyscan.core.inventory;

import java.util.List;
import java.util.Map;

/**
 * An EBS volume (DescribeVolumes).
 *
 * @param state               creating, available, in-use, deleting, deleted or error
 * @param sizeGib             size in GiB
 * @param volumeType          gp2, gp3, io1, io2, st1, sc1 or standard
 * @param attachedInstanceIds the instances it is attached to (several with Multi-Attach); empty when unattached
 */
public record EbsVolume(String arn, String account, String region, String volumeId, String availabilityZone,
                        String state, Integer sizeGib, String volumeType, List<String> attachedInstanceIds,
                        Map<String, String> tags)
        implements Resource {
    public EbsVolume {
        Lists.require(arn, "arn");
        Lists.require(volumeId, "volumeId");
        attachedInstanceIds = Lists.copy(attachedInstanceIds);
        tags = Tags.copyOf(tags);
    }

    @Override
    public AwsService service() {
        return AwsService.EC2;
    }

    @Override
    public String displayName() {
        return volumeId;
    }
}
