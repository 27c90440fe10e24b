package io.relyscan.cli;

import picocli.CommandLine.Option;

import java.util.List;
import java.util.Optional;

/**
 * {@code --shard K/N}: scan only the K-th of N partitions of the account list (see {@link Shard}). A mixin ready
 * for the commands that take an account list.
 */
final class ShardOption {
    @Option(names = "--shard", paramLabel = "K/N",
            description = "Scan only the K-th of N partitions of the account list (1 <= K <= N), for distributed "
                    + "runs; combine the shards' snapshots with 'relyscan merge'. An account's shard depends "
                    + "only on its id and N.")
    String shard;

    /** The parsed shard, or empty when the option is absent; a malformed value is an InputException. */
    Optional<Shard> chosen() {
        return shard == null ? Optional.empty() : Optional.of(Shard.parse(shard));
    }

    /** The accounts to scan: all of them without --shard, else this shard's, sorted and distinct. */
    List<String> select(List<String> accounts) {
        return chosen().map(s -> s.select(accounts)).orElse(accounts);
    }
}
