package io.relyscan.core.waiver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArnPatternTest {
    private static final String DB = "arn:aws:rds:eu-west-1:111122223333:db:reports-eu";

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "*                                                 | " + DB + " | true",
            "arn:aws:rds:eu-west-1:111122223333:db:reports-eu  | " + DB + " | true",
            "arn:aws:rds:eu-west-1:111122223333:db:reports-*   | " + DB + " | true",
            "arn:aws:rds:eu-west-1:111122223333:db:reports-??  | " + DB + " | true",
            "arn:aws:rds:eu-west-1:111122223333:db:reports-?   | " + DB + " | false",
            "arn:aws:rds:*:111122223333:db:reports-*           | " + DB + " | true",
            "arn:aws:rds:*:*:db:*                              | " + DB + " | true",
            // * spans ':' and '/' alike
            "arn:aws:rds:*:db:reports-eu                       | " + DB + " | true",
            "arn:aws:rds:eu-west-1:111122223333:db:reports     | " + DB + " | false",
            "arn:aws:rds:eu-west-1:111122223333:db:reports-eu* | " + DB + " | true",
            "arn:aws:rds:eu-west-1:111122223333:db:reports-eux | " + DB + " | false",
            // case-sensitive, as ARNs are
            "arn:aws:rds:eu-west-1:111122223333:db:Reports-*   | " + DB + " | false",
            "arn:aws:rds:us-east-1:111122223333:db:reports-*   | " + DB + " | false",
            // the first '*' must give back what it swallowed for the rest to match (backtracking)
            "arn:aws:rds:*:*:db:*-eu                           | " + DB + " | true",
            "arn:aws:*q*:*:*:db:*                              | arn:aws:s3:us-east-1:1:db:x | false",
            "arn:aws:x:y:z:*a*a*b                              | arn:aws:x:y:z:aaaaaaaaab | true",
            "arn:aws:x:y:z:*a*a*b                              | arn:aws:x:y:z:aaaaaaaaac | false",
            "arn:aws:elasticloadbalancing:*:*:loadbalancer/app/web-*/* "
                    + "| arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/web-alb/50dc6c495c0c9188 | true",
    })
    void matches(String pattern, String arn, boolean expected) {
        assertThat(ArnPattern.of(pattern).matches(arn)).isEqualTo(expected);
    }

    @Test
    void matches_pathologicalPatternQuickly() {
        // Exponential in a naive recursive matcher; the iterative one stays linear-ish (no timing asserted:
        // the test would simply not finish)
        String arn = "arn:aws:x:y:z:" + "a".repeat(5_000);
        assertThat(ArnPattern.of("arn:aws:x:y:z:" + "*a".repeat(30) + "*b").matches(arn)).isFalse();
        assertThat(ArnPattern.of("arn:aws:x:y:z:" + "*a".repeat(30) + "*").matches(arn)).isTrue();
    }

    @Test
    void of_rejectsWhatIsNotAnArnPattern() {
        assertThatThrownBy(() -> ArnPattern.of("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the pattern is empty");
        assertThatThrownBy(() -> ArnPattern.of("reports-*")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'reports-*' is not an ARN pattern: it must start with 'arn:'");
        assertThatThrownBy(() -> ArnPattern.of("arn:aws:rds:db")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fewer than the 6 ':'-separated parts");
        assertThatThrownBy(() -> ArnPattern.of("arn:aws:rds:eu-west-1:1:db:a b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("position 29");
        assertThatThrownBy(() -> ArnPattern.of("arn:aws:rds:eu-west-1:1:db:a\u001b[31m"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control character");
        assertThatThrownBy(() -> ArnPattern.of("**")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalsByText() {
        assertThat(ArnPattern.of("*")).isEqualTo(ArnPattern.of("*")).hasSameHashCodeAs(ArnPattern.of("*"));
        assertThat(ArnPattern.of("arn:aws:a:b:c:d").text()).isEqualTo("arn:aws:a:b:c:d");
        assertThat(ArnPattern.of("arn:aws:a:b:c:d")).hasToString("arn:aws:a:b:c:d");
    }
}
