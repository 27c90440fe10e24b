package io.relyscan.collectors;

import java.util.regex.Pattern;

/**
 * Turns error text from AWS or the SDK into one safe line: no line breaks, bounded length, and nothing that
 * looks like an access key id, a secret key, a session token or a signature.
 */
final class MessageScrubber {
    static final int MAX_LENGTH = 400;
    static final String REDACTED = "[redacted]";

    private static final Pattern NAMED_SECRET = Pattern.compile(
            "(?i)\\b(aws_secret_access_key|secret_?access_?key|aws_session_token|session_?token|security_?token"
                    + "|x-amz-security-token|x-amz-signature|x-amz-credential|signature|credential|password)"
                    + "(\\s*[=:]\\s*)\"?[^\\s,;&\"']+");
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("(?<![A-Z0-9])(AKIA|ASIA)[A-Z0-9]{12,}(?![A-Z0-9])");
    // A secret access key is 40 base64 characters; session tokens are much longer base64 runs.
    private static final Pattern SECRET_KEY = Pattern.compile("(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");
    private static final Pattern LONG_TOKEN = Pattern.compile("[A-Za-z0-9/+=_-]{80,}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private MessageScrubber() {
    }

    static String scrub(String text) {
        if (text == null) {
            return "";
        }
        String s = WHITESPACE.matcher(text).replaceAll(" ").strip();
        s = NAMED_SECRET.matcher(s).replaceAll("$1$2" + REDACTED);
        s = ACCESS_KEY_ID.matcher(s).replaceAll(REDACTED);
        s = LONG_TOKEN.matcher(s).replaceAll(REDACTED);
        s = SECRET_KEY.matcher(s).replaceAll(REDACTED);
        if (s.length() > MAX_LENGTH) {
            s = s.substring(0, MAX_LENGTH - 3) + "...";
        }
        return s;
    }
}
