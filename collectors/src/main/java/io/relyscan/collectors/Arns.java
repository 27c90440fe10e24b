package io.relyscan.collectors;

import java.util.Locale;

/** ARNs of resources whose API responses carry none. */
final class Arns {
    private Arns() {
    }

    /** The partition of a region: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, ... */
    static String partition(String region) {
        String r = region.toLowerCase(Locale.ROOT);
        if (r.startsWith("cn-")) {
            return "aws-cn";
        }
        if (r.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        if (r.startsWith("us-isob-")) {
            return "aws-iso-b";
        }
        if (r.startsWith("us-iso-")) {
            return "aws-iso";
        }
        if (r.startsWith("eu-isoe-")) {
            return "aws-iso-e";
        }
        if (r.startsWith("us-isof-")) {
            return "aws-iso-f";
        }
        return "aws";
    }

    static String of(String service, String region, String account, String resource) {
        return "arn:" + partition(region) + ":" + service + ":" + region + ":" + account + ":" + resource;
    }
}
