package io.relyscan.collectors;

import io.relyscan.core.error.InputException;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The role relyscan assumes in each target account of a multi-account scan: a role ARN template with
 * {@value #ACCOUNT} (and optionally {@value #PARTITION}) placeholders, and an optional external id.
 *
 * @param template   e.g. {@code arn:aws:iam::{account}:role/Audit}
 * @param externalId passed to sts:AssumeRole when not null
 */
public record CrossAccountRole(String template, String externalId) {
    public static final String ACCOUNT = "{account}";
    public static final String PARTITION = "{partition}";
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

    /**
     * @throws InputException when the template lacks {@value #ACCOUNT} or is not an IAM role ARN, or the external
     *                        id is malformed
     */
    public CrossAccountRole {
        Objects.requireNonNull(template, "template");
        if (!template.contains(ACCOUNT)) {
            throw new InputException("--role-arn-template: '" + template + "' must contain " + ACCOUNT
                    + ", e.g. arn:aws:iam::{account}:role/Audit");
        }
        if (!template.startsWith("arn:") || !template.contains(":iam::") || !template.contains(":role/")) {
            throw new InputException("--role-arn-template: '" + template + "' is not an IAM role ARN, e.g. "
                    + "arn:aws:iam::{account}:role/Audit");
        }
        if (externalId != null && !EXTERNAL_ID.matcher(externalId).matches()) {
            throw new InputException("--external-id: must be 2 to 1224 characters of letters, digits and "
                    + "+=,.@:/-");
        }
    }

    /** The role named {@code name} in each account, in the partition of the scanned region. */
    public static CrossAccountRole named(String name, String externalId) {
        if (name == null || !ROLE_NAME.matcher(name).matches()) {
            throw new InputException("--role-name: '" + name + "' is not an IAM role name (1 to 64 characters "
                    + "of letters, digits and +=,.@_-)");
        }
        return new CrossAccountRole("arn:" + PARTITION + ":iam::" + ACCOUNT + ":role/" + name, externalId);
    }

    /** The role's ARN in {@code account}, in the partition of {@code region}. */
    public String arn(String account, String region) {
        return template.replace(ACCOUNT, account).replace(PARTITION, KnownRegions.partitionOf(region));
    }
}
