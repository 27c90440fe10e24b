package io.relyscan.report.html;

/** Reads parts of an ARN ({@code arn:partition:service:region:account:resource}). */
final class Arns {
    private Arns() {
    }

    /** The service segment of the ARN, or "" when the text is not an ARN. */
    static String service(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return "";
        }
        int partitionEnd = arn.indexOf(':', 4);
        if (partitionEnd < 0) {
            return "";
        }
        int serviceEnd = arn.indexOf(':', partitionEnd + 1);
        return serviceEnd < 0 ? "" : arn.substring(partitionEnd + 1, serviceEnd);
    }
}
