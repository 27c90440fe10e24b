package io.relyscan.cli;

import io.relyscan.core.error.InputException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The K-th of N partitions of an account list, for distributed runs ({@code --shard K/N}).
 * <p>
 * An account belongs to shard {@code 1 + (h mod N)}, where {@code h} is the first 8 bytes of the SHA-256 of its
 * id, read as an unsigned number. The assignment depends only on the account id and N, never on the other
 * accounts or their order: shards computed from account lists listed at different times (an organization
 * gaining an account between two pods' listings) never overlap, and every account is in exactly one shard.
 * With few accounts a shard can be empty.
 *
 * @param k the shard, 1-based
 * @param n the number of shards
 */
record Shard(int k, int n) {
    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

    Shard {
        if (n < 1) {
            throw new InputException("--shard: N must be at least 1, got " + k + "/" + n);
        }
        if (k < 1 || k > n) {
            throw new InputException("--shard: K must be between 1 and N (" + n + "), got " + k + "/" + n);
        }
    }

    /** Parses {@code K/N}; anything else is an {@link InputException} naming the option. */
    static Shard parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text);
        if (m == null || !m.matches()) {
            throw new InputException("--shard: expected K/N with whole numbers 1 <= K <= N, such as 2/8, got '"
                    + text + "'");
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The accounts of this shard, sorted and without duplicates. */
    List<String> select(List<String> accounts) {
        return select(accounts, k, n);
    }

    /** The accounts of shard {@code k} of {@code n}, sorted and without duplicates. */
    static List<String> select(List<String> accounts, int k, int n) {
        Objects.requireNonNull(accounts, "accounts");
        Shard shard = new Shard(k, n);
        return accounts.stream().map(a -> Objects.requireNonNull(a, "account")).distinct().sorted()
                .filter(shard::contains).toList();
    }

    /** Whether the account belongs to this shard. */
    boolean contains(String account) {
        return shardOf(account, n) == k;
    }

    /** The 1-based shard of an account among {@code n}. */
    static int shardOf(String account, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1: " + n);
        }
        return (int) Long.remainderUnsigned(hash(account), n) + 1;
    }

    private static long hash(String account) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(account.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return k + "/" + n;
    }
}
