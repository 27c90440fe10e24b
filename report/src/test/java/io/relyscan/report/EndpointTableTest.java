package io.relyscan.report;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.EndpointTelemetry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointTableTest {
    static final String A = "111122223333";

    static EndpointTelemetry endpoint(String region, AwsService service, long calls, long retries, long throttles,
                                      Map<String, Long> errors, List<String> transitions, long millis) {
        return new EndpointTelemetry(A, region, service, calls, calls + retries, retries, throttles, errors,
                transitions, millis);
    }

    @Test
    void lines_listOnlyEndpointsWithSomethingToSay() {
        List<String> lines = EndpointTable.lines(List.of(
                endpoint("us-east-1", AwsService.EC2, 40, 0, 0, Map.of(), List.of(), 1200),
                endpoint("us-east-1", AwsService.RDS, 12, 3, 2, Map.of("THROTTLED", 2L, "TIMEOUT", 1L), List.of(),
                        64_000),
                endpoint("eu-west-1", AwsService.SNS, 3, 0, 0, Map.of(), List.of("CLOSED_TO_OPEN"), 20)), 100);

        assertThat(lines).containsExactly(
                "  " + EndpointTable.TITLE,
                "  endpoint                    calls retries throttles    time  failed attempts; breaker",
                "  111122223333/us-east-1/rds     12       3         2   1m04s  THROTTLED 2, TIMEOUT 1",
                "  111122223333/eu-west-1/sns      3       0         0    0.0s  breaker CLOSED\u2192OPEN");
    }

    @Test
    void lines_whenEveryEndpointJustAnswered_areEmpty() {
        assertThat(EndpointTable.lines(List.of(endpoint("us-east-1", AwsService.EC2, 40, 0, 0, Map.of(), List.of(),
                1200)), 100)).isEmpty();
        assertThat(EndpointTable.lines(List.of(), 100)).isEmpty();
    }

    @Test
    void lines_whenDetailsDoNotFit_putThemOnTheNextLine() {
        List<String> lines = EndpointTable.lines(List.of(endpoint("us-east-1", AwsService.RDS, 5, 4, 0,
                Map.of("SERVICE_ERROR", 4L, "ENDPOINT_UNREACHABLE", 1L), List.of("CLOSED_TO_OPEN"), 300)), 80);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(2)).endsWith("0.3s");
        assertThat(lines.get(3)).isEqualTo("      ENDPOINT_UNREACHABLE 1, SERVICE_ERROR 4; breaker CLOSED\u2192OPEN");
    }

    @Test
    void breaker_chainsConsecutiveTransitions() {
        assertThat(EndpointTable.breaker(List.of("CLOSED_TO_OPEN", "OPEN_TO_HALF_OPEN", "HALF_OPEN_TO_OPEN",
                "OPEN_TO_HALF_OPEN", "HALF_OPEN_TO_CLOSED")))
                .isEqualTo("breaker CLOSED\u2192OPEN\u2192HALF_OPEN\u2192OPEN\u2192HALF_OPEN\u2192CLOSED");
        assertThat(EndpointTable.breaker(List.of("CLOSED_TO_OPEN", "CLOSED_TO_FORCED_OPEN", "RESET")))
                .isEqualTo("breaker CLOSED\u2192OPEN, CLOSED\u2192FORCED_OPEN, RESET");
        assertThat(EndpointTable.breaker(List.of())).isEmpty();
    }

    @Test
    void details_sanitizeTextFromTheInventory() {
        String details = EndpointTable.details(endpoint("us-east-1", AwsService.RDS, 1, 1, 0,
                Map.of("EVIL\u001b[31m", 1L), List.of("CLOSED_TO_OPEN\u001b]0;x\u0007"), 5));
        assertThat(details).doesNotContain("\u001b").doesNotContain("\u0007").startsWith("EVIL");
    }

    @Test
    void duration_isShortAndReadable() {
        assertThat(EndpointTable.duration(0)).isEqualTo("0.0s");
        assertThat(EndpointTable.duration(96)).isEqualTo("0.1s");
        assertThat(EndpointTable.duration(9_949)).isEqualTo("9.9s");
        assertThat(EndpointTable.duration(9_950)).isEqualTo("10s");
        assertThat(EndpointTable.duration(59_600)).isEqualTo("1m00s");
        assertThat(EndpointTable.duration(51_000)).isEqualTo("51s");
        assertThat(EndpointTable.duration(123_000)).isEqualTo("2m03s");
        assertThat(EndpointTable.duration(3_720_000)).isEqualTo("1h02m");
        assertThat(EndpointTable.duration(Long.MAX_VALUE)).endsWith("m");
    }
}
