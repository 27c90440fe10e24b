package io.relyscan.report.html;

import io.relyscan.core.rule.Outcome;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Findings counted per outcome for each value of a key (severity, service, account, region, rule). */
final class Tally {
    private final TreeMap<String, long[]> counts = new TreeMap<>();

    /** Counts one finding of {@code outcome} under {@code key} (null counts as ""). */
    void add(String key, Outcome outcome) {
        counts.computeIfAbsent(key == null ? "" : key, x -> new long[SvgCharts.OUTCOME_ORDER.size()])
                [SvgCharts.OUTCOME_ORDER.indexOf(outcome)]++;
    }

    long[] counts(String key) {
        return counts.getOrDefault(key, new long[SvgCharts.OUTCOME_ORDER.size()]);
    }

    long count(String key, Outcome outcome) {
        return counts(key)[SvgCharts.OUTCOME_ORDER.indexOf(outcome)];
    }

    /** Keys in text order. */
    List<String> keys() {
        return List.copyOf(counts.keySet());
    }

    /** Keys in text order, without "" (findings that have no value for the key). */
    List<String> nonEmptyKeys() {
        return counts.keySet().stream().filter(k -> !k.isEmpty()).toList();
    }

    /** Findings of {@code outcome} under all keys. */
    long total(Outcome outcome) {
        int i = SvgCharts.OUTCOME_ORDER.indexOf(outcome);
        long sum = 0;
        for (long[] c : counts.values()) {
            sum += c[i];
        }
        return sum;
    }

    /**
     * At most {@code limit} bars, most failures first (then most findings, then by name); the rest are added up
     * in a last "N more" bar so that the chart stays readable for hundreds of accounts.
     */
    List<SvgCharts.Bar> worstFirst(int limit, String otherLabel) {
        List<Map.Entry<String, long[]>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                .thenComparingLong(e -> -total(e.getValue())).thenComparing(Map.Entry::getKey));
        List<SvgCharts.Bar> bars = new ArrayList<>();
        long[] rest = new long[SvgCharts.OUTCOME_ORDER.size()];
        for (int i = 0; i < entries.size(); i++) {
            if (i < limit || entries.size() == limit + 1) {
                bars.add(new SvgCharts.Bar(entries.get(i).getKey(), entries.get(i).getValue()));
            } else {
                for (int j = 0; j < rest.length; j++) {
                    rest[j] += entries.get(i).getValue()[j];
                }
            }
        }
        if (entries.size() > limit + 1) {
            bars.add(new SvgCharts.Bar((entries.size() - limit) + " more " + otherLabel, rest));
        }
        return bars;
    }

    private static long total(long[] counts) {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }
}
