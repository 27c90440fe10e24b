package io.relyscan.collectors;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffAndRateLimiterTest {

    @Test
    void waitMillis_withSeededRandom_staysWithinTheExponentialCap() {
        FullJitterBackoff backoff = new FullJitterBackoff(Duration.ofMillis(200), Duration.ofSeconds(5),
                new Random(7)::nextDouble);
        assertThat(backoff.capMillis(1)).isEqualTo(200);
        assertThat(backoff.capMillis(2)).isEqualTo(400);
        assertThat(backoff.capMillis(3)).isEqualTo(800);
        assertThat(backoff.capMillis(5)).isEqualTo(3200);
        assertThat(backoff.capMillis(6)).isEqualTo(5000);
        assertThat(backoff.capMillis(60)).isEqualTo(5000);
        for (int retry = 1; retry <= 12; retry++) {
            for (int i = 0; i < 200; i++) {
                assertThat(backoff.waitMillis(retry)).isBetween(0L, backoff.capMillis(retry));
            }
        }
    }

    @Test
    void waitMillis_isFullJitter_spreadOverTheWholeRange() {
        FullJitterBackoff backoff = new FullJitterBackoff(Duration.ofMillis(1000), Duration.ofSeconds(5),
                new Random(11)::nextDouble);
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            waits.add(backoff.waitMillis(1));
        }
        assertThat(waits).anyMatch(w -> w < 100).anyMatch(w -> w > 900);
    }

    @Test
    void waitMillis_withTheSameSeed_isDeterministic() {
        FullJitterBackoff a = new FullJitterBackoff(Duration.ofMillis(200), Duration.ofSeconds(5),
                new Random(42)::nextDouble);
        FullJitterBackoff b = new FullJitterBackoff(Duration.ofMillis(200), Duration.ofSeconds(5),
                new Random(42)::nextDouble);
        for (int retry = 1; retry <= 6; retry++) {
            assertThat(a.waitMillis(retry)).isEqualTo(b.waitMillis(retry));
        }
    }

    @Test
    void waitMillis_atTheExtremesOfTheRandom_hitsZeroAndTheCap() {
        FullJitterBackoff low = new FullJitterBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.0);
        FullJitterBackoff high = new FullJitterBackoff(Duration.ofMillis(100), Duration.ofSeconds(1),
                () -> Math.nextDown(1.0));
        assertThat(low.waitMillis(3)).isZero();
        assertThat(high.waitMillis(3)).isEqualTo(400);
    }

    @Test
    void capMillis_rejectsRetryZero() {
        FullJitterBackoff backoff = new FullJitterBackoff(Duration.ofMillis(1), Duration.ofMillis(2), () -> 0.5);
        assertThatThrownBy(() -> backoff.capMillis(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rateLimiter_halvesOnThrottleAndRecoversAdditively() {
        AdaptiveRateLimiter limiter = new AdaptiveRateLimiter(20, 1, 50, 0.5);
        limiter.onThrottle();
        assertThat(limiter.rate()).isEqualTo(10);
        limiter.onThrottle();
        limiter.onThrottle();
        limiter.onThrottle();
        limiter.onThrottle();
        limiter.onThrottle();
        assertThat(limiter.rate()).isEqualTo(1);
        for (int i = 0; i < 4; i++) {
            limiter.onSuccess();
        }
        assertThat(limiter.rate()).isEqualTo(3);
        for (int i = 0; i < 1000; i++) {
            limiter.onSuccess();
        }
        assertThat(limiter.rate()).isEqualTo(50);
    }

    @Test
    void rateLimiter_pacesCallsAtTheCurrentRate() {
        AdaptiveRateLimiter limiter = new AdaptiveRateLimiter(50, 1, 50, 0);
        long start = System.nanoTime();
        for (int i = 0; i < 11; i++) {
            limiter.acquire();
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        // 11 permits at 50/s need at least 10 intervals of 20 ms.
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(190);
    }

    @Test
    void retrySettings_rejectNonsense() {
        assertThatThrownBy(() -> new RetrySettings(0, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("between 1 and");
        assertThatThrownBy(() -> new RetrySettings(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("must not be below");
        assertThatThrownBy(() -> new RetrySettings(4, 3, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("while throttled must be between the max attempts (4) and");
        assertThat(RetrySettings.defaults()).isEqualTo(new RetrySettings(4, 10, Duration.ofMillis(200),
                Duration.ofSeconds(5)));
    }
}
