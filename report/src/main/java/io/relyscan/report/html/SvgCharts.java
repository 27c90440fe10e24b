package io.relyscan.report.html;

import io.relyscan.core.rule.Outcome;

import java.util.List;
import java.util.Locale;

/**
 * Charts as inline SVG, drawn here rather than in the browser so that they are part of the deterministic file and
 * readable without JavaScript. Colours come from the page's style sheet ({@code .o-FAIL} etc.), so the markup
 * holds only geometry, labels (escaped) and a {@code <title>} tooltip per bar.
 */
final class SvgCharts {
    /** The order outcomes are stacked and listed in: what needs attention first. */
    static final List<Outcome> OUTCOME_ORDER = List.of(Outcome.FAIL, Outcome.ERROR, Outcome.SUPPRESSED,
            Outcome.PASS, Outcome.NOT_APPLICABLE);
    private static final int WIDTH = 560;
    private static final int LABEL_WIDTH = 150;
    private static final int BAR_X = 158;
    private static final int BAR_WIDTH = 320;
    private static final int ROW_HEIGHT = 24;
    private static final int BAR_HEIGHT = 16;
    private static final int LABEL_CHARS = 22;

    private SvgCharts() {
    }

    /** One bar of a chart: its label and the number of findings per outcome (in {@link #OUTCOME_ORDER}). */
    record Bar(String label, long[] counts) {
        long total() {
            long sum = 0;
            for (long c : counts) {
                sum += c;
            }
            return sum;
        }
    }

    /** Horizontal bars, one per row, stacked by outcome and scaled to the largest total, with a legend. */
    static String outcomeBars(String title, List<Bar> bars) {
        long max = 1;
        for (Bar b : bars) {
            max = Math.max(max, b.total());
        }
        int legendY = 8 + bars.size() * ROW_HEIGHT + 10;
        int height = legendY + 22;
        StringBuilder svg = new StringBuilder(512 + bars.size() * 600);
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(height).append("\" role=\"img\" aria-label=\"").append(Html.escape(title))
                .append("\">");
        int y = 8;
        for (Bar bar : bars) {
            String label = bar.label().isEmpty() ? "(none)" : bar.label();
            svg.append("<g class=\"bar\"><title>").append(Html.escape(label + ": " + describe(bar)))
                    .append("</title>");
            svg.append("<text class=\"label\" x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y + 12)
                    .append("\" text-anchor=\"end\">").append(Html.escape(shorten(label))).append("</text>");
            svg.append("<rect class=\"track\" x=\"").append(BAR_X).append("\" y=\"").append(y).append("\" width=\"")
                    .append(BAR_WIDTH).append("\" height=\"").append(BAR_HEIGHT).append("\" rx=\"2\"/>");
            double x = BAR_X;
            for (int i = 0; i < OUTCOME_ORDER.size(); i++) {
                long n = bar.counts()[i];
                if (n == 0) {
                    continue;
                }
                double w = (double) BAR_WIDTH * n / max;
                svg.append("<rect class=\"o-").append(OUTCOME_ORDER.get(i).name()).append("\" x=\"").append(fmt(x))
                        .append("\" y=\"").append(y).append("\" width=\"").append(fmt(w)).append("\" height=\"")
                        .append(BAR_HEIGHT).append("\"/>");
                x += w;
            }
            svg.append("<text class=\"count\" x=\"").append(BAR_X + BAR_WIDTH + 8).append("\" y=\"").append(y + 12)
                    .append("\">").append(bar.total()).append(failures(bar)).append("</text></g>");
            y += ROW_HEIGHT;
        }
        legend(svg, legendY);
        return svg.append("</svg>").toString();
    }

    /** A small bar for a table cell: the share of PASS among PASS and FAIL. */
    static String passRate(long pass, long fail) {
        long decided = pass + fail;
        String label = decided == 0 ? "no PASS or FAIL findings"
                : percent(pass, decided) + " pass (" + pass + " of " + decided + ")";
        StringBuilder svg = new StringBuilder(320);
        svg.append("<svg class=\"rate\" viewBox=\"0 0 120 12\" width=\"120\" "
                + "height=\"12\" role=\"img\" aria-label=\"").append(label).append("\"><title>").append(label)
                .append("</title><rect class=\"track\" x=\"0\" y=\"0\" width=\"120\" height=\"12\" rx=\"2\"/>");
        if (decided > 0) {
            double w = 120.0 * pass / decided;
            svg.append("<rect class=\"o-PASS\" x=\"0\" y=\"0\" width=\"").append(fmt(w)).append("\" height=\"12\"/>");
            svg.append("<rect class=\"o-FAIL\" x=\"").append(fmt(w)).append("\" y=\"0\" width=\"")
                    .append(fmt(120 - w)).append("\" height=\"12\"/>");
        }
        return svg.append("</svg>").toString();
    }

    static String percent(long part, long whole) {
        return whole == 0 ? "\u2014" : String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
    }

    private static void legend(StringBuilder svg, int y) {
        int x = BAR_X;
        for (Outcome o : OUTCOME_ORDER) {
            svg.append("<rect class=\"o-").append(o.name()).append("\" x=\"").append(x).append("\" y=\"").append(y)
                    .append("\" width=\"10\" height=\"10\"/><text class=\"legend\" x=\"").append(x + 14)
                    .append("\" y=\"").append(y + 9).append("\">").append(Labels.outcome(o)).append("</text>");
            x += 30 + 8 * Labels.outcome(o).length();
        }
    }

    private static String describe(Bar bar) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < OUTCOME_ORDER.size(); i++) {
            if (bar.counts()[i] > 0) {
                sb.append(sb.isEmpty() ? "" : ", ").append(bar.counts()[i]).append(' ')
                        .append(Labels.outcome(OUTCOME_ORDER.get(i)));
            }
        }
        return sb.isEmpty() ? "no findings" : sb.toString();
    }

    private static String failures(Bar bar) {
        long fail = bar.counts()[0];
        return fail == 0 ? "" : " (" + fail + " fail)";
    }

    private static String shorten(String label) {
        return label.length() <= LABEL_CHARS ? label : label.substring(0, LABEL_CHARS - 1) + "\u2026";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
