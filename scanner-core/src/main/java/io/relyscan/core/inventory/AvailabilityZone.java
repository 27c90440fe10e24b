package io.relyscan.core.inventory;

import java.util.Map;

/**
 * An availability zone (or Local/Wavelength zone) of a region.
 *
 * @param zoneType availability-zone, local-zone or wavelength-zone
 */
public record AvailabilityZone(String account, String region, String zoneName, String zoneId, String zoneType,
                               String state) implements Resource {
    public AvailabilityZone {
        Lists.require(account, "account");
        Lists.require(region, "region");
        Lists.require(zoneName, "zoneName");
    }

    @Override
    public String arn() {
        return "arn:aws:ec2:" + region + ":" + account + ":availability-zone/" + zoneName;
    }

    @Override
    public Map<String, String> tags() {
        return Tags.copyOf(null);
    }

    @Override
    public AwsService service() {
        return AwsService.EC2;
    }

    @Override
    public String displayName() {
        return zoneName;
    }
}
