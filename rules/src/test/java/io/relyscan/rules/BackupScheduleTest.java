package io.relyscan.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackupScheduleTest {
    private static Duration interval(String expression) {
        return BackupSchedule.worstCaseInterval(expression, 2026).orElseThrow();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cron(0 5 ? * * *)            | PT24H",
        "cron(0 * ? * * *)            | PT1H",
        "cron(0 0/12 ? * * *)         | PT12H",
        "cron(0 5,17 ? * * *)         | PT12H",
        "cron(0 1,5 ? * * *)          | PT20H",
        "cron(30 2 ? * SUN *)         | PT168H",
        "cron(30 2 ? * 1 *)           | PT168H",
        "cron(0 5 ? * MON-FRI *)      | PT72H",
        "cron(0 5 ? * 2-6 *)          | PT72H",
        "cron(*/15 * ? * * *)         | PT15M",
        "cron(0 5 1 * ? *)            | PT744H",
        "cron(0 5 L * ? *)            | PT744H",
        "cron(0 5 15W * ? *)          | PT768H",
        "cron(0 5 LW * ? *)           | PT792H",
        "cron(0 5 ? * 6L *)           | PT840H",
        "cron(0 5 ? * 2#1 *)          | PT840H",
        "cron(0 5 1 JAN ? *)          | PT8784H",
        "cron(0 5 1 1,7 ? *)          | PT4416H",
        "cron(0 5 ? * * 2026-2199)    | PT24H",
        "cron(0 5 ? * L *)            | PT168H",
        "rate(1 day)                  | PT24H",
        "rate(12 hours)               | PT12H",
        "rate(7 days)                 | PT168H",
        "rate(90 minutes)             | PT1H30M",
        "  RATE(1 hour)               | PT1H",
    })
    void worstCaseInterval_ofKnownSchedules(String expression, String expected) {
        assertThat(interval(expression)).isEqualTo(Duration.parse(expected));
    }

    @Test
    void worstCaseInterval_leapDayOnly_isFourYears() {
        assertThat(interval("cron(0 5 29 2 ? *)")).isEqualTo(Duration.ofDays(4 * 365 + 1));
    }

    @Test
    void worstCaseInterval_whenTheYearFieldEndsTheSchedule_doesNotRecur() {
        assertThat(BackupSchedule.worstCaseInterval("cron(0 5 ? * * 2020)", 2026)).isEqualTo(Optional.empty());
        assertThat(BackupSchedule.worstCaseInterval("cron(0 5 1 1 ? 2027)", 2026)).isEqualTo(Optional.empty());
    }

    @Test
    void worstCaseInterval_fifthMondayOfAMonth_isTheLongestGapBetweenSuchMonths() {
        // Months with five Mondays can be four months apart (119 days in 2026-2033).
        assertThat(interval("cron(0 5 ? * 2#5 *)")).isEqualTo(Duration.ofDays(119));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "daily", "cron(0 5 * * *)", "cron(0 5 ? * ? *)", "cron(0 5 * * * *)",
        "cron(60 5 ? * * *)", "cron(0 24 ? * * *)", "cron(0 5 ? * 8 *)", "cron(0 5 ? * FOO *)", "cron(0 5-1 ? * * *)",
        "cron(0 5 ? * * 1960)", "cron(0 5 ? 13 ? *)", "cron(0 5,,6 ? * * *)", "cron(0 5/0 ? * * *)",
        "rate(0 days)", "rate(1 week)", "rate(days)", "cron(0 5 ? * 2#6 *)"})
    void worstCaseInterval_whenMalformed_throwsNamingTheProblem(String expression) {
        assertThatThrownBy(() -> BackupSchedule.worstCaseInterval(expression, 2026))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("null");
    }

    @Test
    void worstCaseInterval_whenNull_throws() {
        assertThatThrownBy(() -> BackupSchedule.worstCaseInterval(null, 2026))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no schedule expression");
    }
}
