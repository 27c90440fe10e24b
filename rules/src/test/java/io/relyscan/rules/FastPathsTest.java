package io.relyscan.rules;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The regex-free and formatter-free paths added for speed decide exactly as the general ones they stand in for:
 * ARN patterns as their {@code \S*} regex, timestamps as {@link Instant#parse}.
 */
class FastPathsTest {
    @Test
    void arnAndTagGlobs_decideAsTheirRegex() {
        List<String> patterns = List.of("arn:aws:rds:*:*:db:*", "arn:aws:ec2:us-east-1:111122223333:volume/*",
                "*", "**", "*a*", "a*b*c", "abc*", "*xyz", "arn:*:db:prod-*-1", "a**b", "ab*ba", "x*x*x",
                "arn:aws:rds:*:*:db:* ", "é*ü", "\uD83D\uDE00*", "*\uDE00");
        Random random = new Random(5);
        String alphabet = "abxyz:*-/ é\t\uD83D\uDE00";
        List<String> inputs = new ArrayList<>(List.of("", "a", "ab", "aba", "abba", "abcabc", "xx", "xxx",
                "arn:aws:rds:us-east-1:111122223333:db:orders", "arn:aws:rds:us-east-1:1:db:with space",
                "arn:aws:ec2:us-east-1:111122223333:volume/vol-1", "arn:x:db:prod-a-1", "arn:x:db:prod--1",
                "é-ü", "\uD83D\uDE00", "\uD83D\uDE00x", "x\uDE00"));
        for (int i = 0; i < 3_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = random.nextInt(9); k > 0; k--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            inputs.add(sb.toString());
        }
        for (String pattern : patterns) {
            BackupSelectionMatcher.ArnGlob glob = BackupSelectionMatcher.ArnGlob.of(pattern);
            for (String input : inputs) {
                assertThat(glob.matches(input)).as("%s ~ %s", pattern, input)
                        .isEqualTo(BackupSelectionMatcher.glob(pattern, "\\S*").matcher(input).matches());
            }
        }
        List<String> tagPatterns = new ArrayList<>(patterns);
        tagPatterns.addAll(List.of("", "prod", "prod*", "*-team", "a\nb*", "line\n*"));
        inputs.addAll(List.of("prod", "production", "my-team", "a\nbc", "line\nmore", "line\r\n"));
        for (String pattern : tagPatterns) {
            BackupSelectionMatcher.LikeGlob like = BackupSelectionMatcher.LikeGlob.of(pattern);
            for (String input : inputs) {
                assertThat(like.matches(input)).as("StringLike %s ~ %s", pattern, input)
                        .isEqualTo(BackupSelectionMatcher.glob(pattern, ".*").matcher(input).matches());
            }
        }
    }

    @Test
    void timestamps_parseAsInstantParse() {
        List<String> inputs = new ArrayList<>(List.of("2026-11-28T12:00:00Z", "2026-11-28T12:00:00.5Z",
                "2026-11-28T12:00:00.123456789Z", "2026-11-28T12:00:00.1234567890Z", "2026-11-28T12:00:00.Z",
                "2024-02-29T00:00:00Z", "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-00-01T00:00:00Z", "2026-11-28T24:00:00Z", "2026-11-28T23:59:60Z", "2026-11-28T23:60:00Z",
                "2026-11-28t12:00:00z", "2026-11-28T12:00:00+00:00", "2026-11-28T12:00Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z", "2026-11-28 12:00:00Z", "",
                "2026-1a-28T12:00:00Z", "2026-11-28T12:00:00.12a4Z", "1970-01-01T00:00:00Z"));
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            inputs.add(String.format("%04d-%02d-%02dT%02d:%02d:%02d%sZ", random.nextInt(10_000),
                    random.nextInt(14), random.nextInt(33), random.nextInt(25), random.nextInt(61),
                    random.nextInt(61), random.nextBoolean() ? "" : "." + random.nextInt(1_000_000)));
        }
        for (String input : inputs) {
            Instant expected;
            try {
                expected = Instant.parse(input);
            } catch (DateTimeParseException e) {
                expected = null;
            }
            assertThat(Timestamps.parseOrNull(input)).as(input).isEqualTo(expected);
        }
    }
}
