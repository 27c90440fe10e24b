package io.relyscan.cli;

import io.relyscan.core.error.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardTest {
    /** 500 distinct 12-digit account ids, the same on every run. */
    private static List<String> accounts(int count) {
        Random random = new Random(42);
        Set<String> ids = new HashSet<>();
        while (ids.size() < count) {
            ids.add(String.format("%012d", Math.floorMod(random.nextLong(), 1_000_000_000_000L)));
        }
        return new ArrayList<>(ids);
    }

    @Test
    void everyAccountIsInExactlyOneShard() {
        List<String> accounts = accounts(500);
        for (int n = 1; n <= 12; n++) {
            List<String> union = new ArrayList<>();
            for (int k = 1; k <= n; k++) {
                union.addAll(Shard.select(accounts, k, n));
            }
            assertThat(union).as("N=%d", n).hasSize(accounts.size()).containsExactlyInAnyOrderElementsOf(accounts);
        }
    }

    @Test
    void oneShard_isEveryAccount_sortedAndDistinct() {
        List<String> result = Shard.select(List.of("222222222222", "111111111111", "222222222222"), 1, 1);
        assertThat(result).containsExactly("111111111111", "222222222222");
    }

    @Test
    void selection_isDeterministicAndIndependentOfInputOrder() {
        List<String> accounts = accounts(200);
        List<String> shuffled = new ArrayList<>(accounts);
        Collections.shuffle(shuffled, new Random(7));
        for (int k = 1; k <= 4; k++) {
            List<String> first = Shard.select(accounts, k, 4);
            assertThat(Shard.select(shuffled, k, 4)).isEqualTo(first);
            assertThat(first).isSorted();
        }
    }

    @Test
    void anAccountsShard_dependsOnlyOnItsIdAndN_notOnTheOtherAccounts() {
        List<String> accounts = accounts(100);
        List<String> fewer = accounts.subList(0, 60);
        for (String account : fewer) {
            int k = Shard.shardOf(account, 5);
            assertThat(Shard.select(accounts, k, 5)).contains(account);
            assertThat(Shard.select(fewer, k, 5)).contains(account);
        }
    }

    @Test
    void shards_areRoughlyBalanced() {
        List<String> accounts = accounts(1000);
        IntStream.rangeClosed(1, 4).forEach(k ->
                assertThat(Shard.select(accounts, k, 4).size()).as("shard %d", k).isBetween(200, 300));
    }

    @ParameterizedTest
    @CsvSource({"1/1,1,1", "2/8,2,8", "8/8,8,8", "' 3 / 4 ',3,4", "007/10,7,10"})
    void parse_acceptsKOverN(String text, int k, int n) {
        assertThat(Shard.parse(text)).isEqualTo(new Shard(k, n));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "3", "3/", "/4", "a/b", "1/2/3", "-1/4", "1.5/4", "1 of 4", "99999999999/4"})
    void parse_malformed_namesTheOptionAndTheForm(String text) {
        assertThatThrownBy(() -> Shard.parse(text)).isInstanceOf(InputException.class)
                .hasMessage("--shard: expected K/N with whole numbers 1 <= K <= N, such as 2/8, got '" + text + "'");
    }

    @Test
    void parse_outOfRange_saysWhichBoundIsBroken() {
        assertThatThrownBy(() -> Shard.parse("0/4")).isInstanceOf(InputException.class)
                .hasMessage("--shard: K must be between 1 and N (4), got 0/4");
        assertThatThrownBy(() -> Shard.parse("5/4")).isInstanceOf(InputException.class)
                .hasMessage("--shard: K must be between 1 and N (4), got 5/4");
        assertThatThrownBy(() -> Shard.parse("0/0")).isInstanceOf(InputException.class)
                .hasMessage("--shard: N must be at least 1, got 0/0");
        assertThatThrownBy(() -> Shard.select(List.of(), 3, 2)).isInstanceOf(InputException.class);
    }

    @Test
    void option_withoutShard_keepsEveryAccount_withShard_selects() {
        ShardOption option = new ShardOption();
        List<String> accounts = accounts(50);
        assertThat(option.chosen()).isEmpty();
        assertThat(option.select(accounts)).isSameAs(accounts);
        option.shard = "2/3";
        assertThat(option.chosen()).contains(new Shard(2, 3));
        assertThat(option.select(accounts)).isEqualTo(Shard.select(accounts, 2, 3));
        assertThat(new Shard(2, 3)).hasToString("2/3");
    }
}
