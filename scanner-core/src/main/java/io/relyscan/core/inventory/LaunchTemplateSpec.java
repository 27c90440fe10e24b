package io.relyscan.core.inventory;

/**
 * A launch template an Auto Scaling group launches from, exactly as the group references it.
 *
 * @param launchTemplateId   the template id (DescribeAutoScalingGroups returns it with the name), or null
 * @param launchTemplateName the template name, or null
 * @param version            a version number, {@code $Latest} or {@code $Default}; null means {@code $Default}, as
 *                           AWS applies when a group names no version
 */
public record LaunchTemplateSpec(String launchTemplateId, String launchTemplateName, String version) {
    public static final String LATEST = "$Latest";
    public static final String DEFAULT = "$Default";

    public LaunchTemplateSpec {
        if ((launchTemplateId == null || launchTemplateId.isBlank())
                && (launchTemplateName == null || launchTemplateName.isBlank())) {
            throw new IllegalArgumentException("a launch template reference needs an id or a name");
        }
    }

    /** The version AWS launches from: the one given, or {@code $Default} when none was given. */
    public String effectiveVersion() {
        return version == null || version.isBlank() ? DEFAULT : version.trim();
    }

    /** The id when known, else the name: how the reference is shown. */
    public String displayName() {
        return launchTemplateId != null && !launchTemplateId.isBlank() ? launchTemplateId : launchTemplateName;
    }
}
