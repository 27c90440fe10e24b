package io.relyscan.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyJsonTest {
    @Test
    void parse_readsObjectsArraysStringsNumbersAndLiterals() {
        Object parsed = PolicyJson.parse(" {\"a\": [1, -2.5e3, true, false, null], \"b\": {\"c\": \"d\"}} ");

        assertThat(parsed).isEqualTo(Map.of("a", java.util.Arrays.asList("1", "-2.5e3", true, false, null),
                "b", Map.of("c", "d")));
    }

    @Test
    void parse_decodesEscapes() {
        assertThat(PolicyJson.parse("\"q\\\"b\\\\s\\/n\\nt\\tu\\u00e9\\ud83d\\ude80\""))
                .isEqualTo("q\"b\\s/n\nt\tu\u00e9\ud83d\ude80");
    }

    @Test
    void parse_keepsMemberOrder() {
        Object parsed = PolicyJson.parse("{\"z\":1,\"a\":2}");

        assertThat(List.copyOf(((Map<?, ?>) parsed).keySet())).isEqualTo(List.of("z", "a"));
        assertThat(PolicyJson.parse("[]")).isEqualTo(List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\"}", "{\"a\":1,}", "[1,]", "{\"a\":1 \"b\":2}", "\"open", "tru",
            "01x", "{\"a\":1,\"a\":2}", "\"\\x\"", "\"tab\there\"", "{} {}", "-"})
    void parse_rejectsMalformedText(String text) {
        assertThatThrownBy(() -> PolicyJson.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("malformed JSON at offset ");
    }

    @Test
    void parse_rejectsDeepNesting() {
        assertThatThrownBy(() -> PolicyJson.parse("[".repeat(100) + "]".repeat(100)))
                .hasMessageContaining("nested too deeply");
    }
}
