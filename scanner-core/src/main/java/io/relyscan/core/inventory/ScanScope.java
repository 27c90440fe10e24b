package io.relyscan.core.inventory;

import java.util.Objects;

/** One account and one region of a scan. */
public record ScanScope(String account, String region) implements Comparable<ScanScope> {
    public ScanScope {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        if (!isAccountId(account)) {
            throw new IllegalArgumentException("account id must be 12 digits: " + account);
        }
        if (region.isBlank()) {
            throw new IllegalArgumentException("region must not be blank");
        }
    }

    /** Same as matching {@code \d{12}} (ASCII digits), without the regex: scopes are made per resource. */
    private static boolean isAccountId(String account) {
        if (account.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            char c = account.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    public static ScanScope of(String account, String region) {
        return new ScanScope(account, region);
    }

    /** A pseudo-ARN naming the region itself, for findings that concern a whole region. */
    public String arn() {
        return "arn:aws:ec2:" + region + ":" + account + ":region/" + region;
    }

    @Override
    public int compareTo(ScanScope o) {
        int c = account.compareTo(o.account);
        return c != 0 ? c : region.compareTo(o.region);
    }

    @Override
    public String toString() {
        return account + "/" + region;
    }
}
