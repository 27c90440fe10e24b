package io.relyscan.collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageScrubberTest {

    @Test
    void scrub_removesAccessKeyIds() {
        assertThat(MessageScrubber.scrub("key AKIAIOSFODNN7EXAMPLE and ASIAIOSFODNN7EXAMPLE here"))
                .isEqualTo("key [redacted] and [redacted] here");
    }

    @Test
    void scrub_removesSecretKeysAndTokens() {
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        String token = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD7" + "a".repeat(120);
        String out = MessageScrubber.scrub("secret " + secret + " token " + token);
        assertThat(out).doesNotContain(secret).doesNotContain("IQoJb3JpZ2lu").contains("[redacted]");
    }

    @Test
    void scrub_removesNamedSecretsWhateverTheirShape() {
        String out = MessageScrubber.scrub("aws_secret_access_key=abc123 X-Amz-Security-Token: tok "
                + "Credential=AKIAXXXXXXXXXXXXXXXX/20260101/us-east-1/rds/aws4_request, Signature=deadbeef");
        assertThat(out).doesNotContain("abc123").doesNotContain("tok ").doesNotContain("deadbeef")
                .doesNotContain("AKIA");
    }

    @Test
    void scrub_makesOneBoundedLine() {
        String out = MessageScrubber.scrub("line one\nline two\r\n\tthree " + "x ".repeat(500));
        assertThat(out).startsWith("line one line two three").doesNotContain("\n").doesNotContain("\t");
        assertThat(out.length()).isLessThanOrEqualTo(MessageScrubber.MAX_LENGTH);
    }

    @Test
    void scrub_keepsOrdinaryDiagnostics() {
        String text = "AccessDenied (HTTP 403): User: arn:aws:iam::123456789012:user/alice is not authorized to "
                + "perform: rds:DescribeDBInstances [request id 7a62c49f-347e-4fc4-9331-6e8eEXAMPLE]";
        assertThat(MessageScrubber.scrub(text)).isEqualTo(text);
    }
}
