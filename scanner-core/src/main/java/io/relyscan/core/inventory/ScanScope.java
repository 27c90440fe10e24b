package io.relyscan.core.inventory;

import java.util.Objects;
import java.util.regex.Pattern;

/** One account and one region of a scan. */
public record ScanScope(String account, String region) implements Comparable<ScanScope> {
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    public ScanScope {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        if (!ACCOUNT.matcher(account).matches()) {
            throw new IllegalArgumentException("account id must be 12 digits: " + account);
        }
        if (region.isBlank()) {
            throw new IllegalArgumentException("region must not be blank");
        }
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
