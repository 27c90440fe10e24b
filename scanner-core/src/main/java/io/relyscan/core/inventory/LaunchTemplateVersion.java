package io.relyscan.core.inventory;

import java.util.Map;

/**
 * One version of a launch template that an Auto Scaling group references. The Auto Scaling collector looks up,
 * for every template a group references, its default and latest versions and each version number a group names;
 * a referenced template without any version in the inventory was looked up and does not exist, a referenced
 * number without its version was deleted (a failed lookup is a coverage gap instead).
 *
 * @param defaultVersion whether it is the template's default version
 * @param latestVersion  whether it is the template's latest (highest-numbered) version
 * @param imageId        the AMI id of the launch template data: {@code ami-...}, or
 *                       {@code resolve:ssm:<parameter>} when the AMI comes from an SSM parameter; null when the
 *                       version names no AMI
 */
public record LaunchTemplateVersion(String account, String region, String launchTemplateId,
                                    String launchTemplateName, Long versionNumber, Boolean defaultVersion,
                                    Boolean latestVersion, String imageId) implements Resource {
    public LaunchTemplateVersion {
        Lists.require(account, "account");
        Lists.require(region, "region");
        Lists.require(launchTemplateId, "launchTemplateId");
        if (versionNumber == null) {
            throw new IllegalArgumentException("versionNumber must not be null");
        }
    }

    @Override
    public String arn() {
        return "arn:aws:ec2:" + region + ":" + account + ":launch-template/" + launchTemplateId + "/version/"
                + versionNumber;
    }

    @Override
    public Map<String, String> tags() {
        return Tags.copyOf(null);
    }

    /** Collected by the Auto Scaling collector, for the groups that reference it. */
    @Override
    public AwsService service() {
        return AwsService.AUTOSCALING;
    }

    @Override
    public String displayName() {
        return (launchTemplateName != null ? launchTemplateName : launchTemplateId) + ":" + versionNumber;
    }
}
