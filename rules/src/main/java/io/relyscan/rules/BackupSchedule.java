package io.relyscan.rules;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The worst-case wait between two runs of an AWS Backup schedule: {@code rate(N unit)} or the six-field
 * {@code cron(minutes hours day-of-month month day-of-week year)} of EventBridge, with {@code * ? , - /} and
 * {@code L}, {@code W}, {@code LW}, {@code nL}, {@code n#k}; day-of-week runs 1 (SUN) to 7 (SAT).
 *
 * <p>Cron runs are enumerated day by day over {@link #WINDOW_YEARS} years from a given year, so month lengths,
 * leap days and "fifth Monday" patterns show their longest gap. Gaps are wall-clock time in the schedule's own
 * time zone: a daily schedule is 24 hours apart even across a daylight-saving change.
 */
final class BackupSchedule {
    static final int WINDOW_YEARS = 8;
    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minutes?|hours?|days?)\\s*\\)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)", Pattern.CASE_INSENSITIVE);
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
        "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

    private BackupSchedule() {
    }

    /**
     * The longest interval between consecutive runs; empty when the schedule runs on fewer than two days in
     * {@link #WINDOW_YEARS} years from January 1 of {@code fromYear} (it does not recur).
     *
     * @throws IllegalArgumentException naming the problem when the expression is malformed
     */
    static Optional<Duration> worstCaseInterval(String expression, int fromYear) {
        if (expression == null) {
            throw new IllegalArgumentException("no schedule expression");
        }
        String text = expression.trim();
        Matcher rate = RATE.matcher(text);
        if (rate.matches()) {
            long value = Long.parseLong(rate.group(1));
            if (value < 1) {
                throw new IllegalArgumentException("rate value must be at least 1: " + text);
            }
            String unit = rate.group(2).toLowerCase(Locale.ROOT);
            return Optional.of(unit.startsWith("minute") ? Duration.ofMinutes(value)
                    : unit.startsWith("hour") ? Duration.ofHours(value) : Duration.ofDays(value));
        }
        Matcher cron = CRON.matcher(text);
        if (!cron.matches()) {
            throw new IllegalArgumentException("neither cron(...) nor rate(...): " + text);
        }
        String[] f = cron.group(1).trim().split("\\s+");
        if (f.length != 6) {
            throw new IllegalArgumentException("cron needs 6 fields (minutes hours day-of-month month day-of-week "
                    + "year), got " + f.length + ": " + text);
        }
        boolean[] minutes = values(f[0], 0, 59, null);
        boolean[] hours = values(f[1], 0, 23, null);
        boolean[] months = values(f[3], 1, 12, MONTHS);
        boolean[] years = values(f[5], 1970, 2199, null);
        boolean domAny = f[2].equals("?");
        boolean dowAny = f[4].equals("?");
        if (domAny == dowAny) {
            throw new IllegalArgumentException("exactly one of day-of-month and day-of-week must be '?': " + text);
        }
        Predicate<LocalDate> day = domAny ? dayOfWeek(f[4]) : dayOfMonth(f[2]);
        List<Integer> times = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            for (int m = 0; m < 60; m++) {
                if (hours[h] && minutes[m]) {
                    times.add(h * 60 + m);
                }
            }
        }
        long worst = 0;
        for (int i = 1; i < times.size(); i++) {
            worst = Math.max(worst, times.get(i) - times.get(i - 1));
        }
        int first = times.get(0);
        int last = times.get(times.size() - 1);
        LocalDate previous = null;
        int runDays = 0;
        LocalDate end = LocalDate.of(fromYear + WINDOW_YEARS, 1, 1);
        for (LocalDate d = LocalDate.of(fromYear, 1, 1); d.isBefore(end); d = d.plusDays(1)) {
            if (d.getYear() > 2199 || !years[d.getYear()] || !months[d.getMonthValue()] || !day.test(d)) {
                continue;
            }
            runDays++;
            if (previous != null) {
                long days = d.toEpochDay() - previous.toEpochDay();
                worst = Math.max(worst, days * 1440 - last + first);
            }
            previous = d;
        }
        if (runDays <= 1) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMinutes(worst));
    }

    private static Predicate<LocalDate> dayOfMonth(String field) {
        Predicate<LocalDate> any = d -> false;
        for (String item : items(field)) {
            String upper = item.toUpperCase(Locale.ROOT);
            Predicate<LocalDate> p;
            if (upper.equals("L")) {
                p = d -> d.getDayOfMonth() == d.lengthOfMonth();
            } else if (upper.equals("LW")) {
                p = d -> d.equals(weekdayNear(d.with(TemporalAdjusters.lastDayOfMonth())));
            } else if (upper.matches("\\d+W")) {
                int n = number(upper.substring(0, upper.length() - 1), 1, 31, null);
                p = d -> n <= d.lengthOfMonth() && d.equals(weekdayNear(d.withDayOfMonth(n)));
            } else {
                boolean[] days = values(item, 1, 31, null);
                p = d -> days[d.getDayOfMonth()];
            }
            any = any.or(p);
        }
        return any;
    }

    private static Predicate<LocalDate> dayOfWeek(String field) {
        Predicate<LocalDate> any = d -> false;
        for (String item : items(field)) {
            String upper = item.toUpperCase(Locale.ROOT);
            Predicate<LocalDate> p;
            if (upper.equals("L")) {
                p = d -> d.getDayOfWeek() == DayOfWeek.SATURDAY;
            } else if (upper.matches("[A-Z0-9]+L")) {
                DayOfWeek dow = javaDay(number(upper.substring(0, upper.length() - 1), 1, 7, DAYS));
                p = d -> d.getDayOfWeek() == dow && d.plusWeeks(1).getMonth() != d.getMonth();
            } else if (upper.matches("[A-Z0-9]+#\\d+")) {
                String[] parts = upper.split("#");
                DayOfWeek dow = javaDay(number(parts[0], 1, 7, DAYS));
                int nth = number(parts[1], 1, 5, null);
                p = d -> d.getDayOfWeek() == dow && (d.getDayOfMonth() - 1) / 7 + 1 == nth;
            } else {
                boolean[] days = values(item, 1, 7, DAYS);
                p = d -> days[d.getDayOfWeek().getValue() % 7 + 1];
            }
            any = any.or(p);
        }
        return any;
    }

    /** Cron day 1 = Sunday ... 7 = Saturday. */
    private static DayOfWeek javaDay(int cronDay) {
        return cronDay == 1 ? DayOfWeek.SUNDAY : DayOfWeek.of(cronDay - 1);
    }

    /** The weekday nearest to {@code d} within its month (the W modifier). */
    private static LocalDate weekdayNear(LocalDate d) {
        if (d.getDayOfWeek() == DayOfWeek.SATURDAY) {
            return d.getDayOfMonth() == 1 ? d.plusDays(2) : d.minusDays(1);
        }
        if (d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return d.getDayOfMonth() == d.lengthOfMonth() ? d.minusDays(2) : d.plusDays(1);
        }
        return d;
    }

    private static List<String> items(String field) {
        List<String> items = List.of(field.split(",", -1));
        if (items.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("empty list item in cron field '" + field + "'");
        }
        return items;
    }

    /** The values a numeric field ({@code * , - /}, optional names) selects, indexed by value. */
    private static boolean[] values(String field, int min, int max, String[] names) {
        boolean[] set = new boolean[max + 1];
        for (String item : items(field)) {
            String[] stepped = item.split("/", -1);
            if (stepped.length > 2) {
                throw new IllegalArgumentException("bad step in cron field '" + field + "'");
            }
            int step = stepped.length == 2 ? number(stepped[1], 1, max, null) : 1;
            String base = stepped[0];
            int from;
            int to;
            if (base.equals("*")) {
                from = min;
                to = max;
            } else if (base.contains("-")) {
                String[] range = base.split("-", -1);
                if (range.length != 2) {
                    throw new IllegalArgumentException("bad range '" + base + "' in cron field '" + field + "'");
                }
                from = number(range[0], min, max, names);
                to = number(range[1], min, max, names);
                if (from > to) {
                    throw new IllegalArgumentException("range '" + base + "' runs backwards in cron field '"
                            + field + "'");
                }
            } else {
                from = number(base, min, max, names);
                to = stepped.length == 2 ? max : from;
            }
            for (int v = from; v <= to; v += step) {
                set[v] = true;
            }
        }
        return set;
    }

    private static int number(String text, int min, int max, String[] names) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equalsIgnoreCase(text)) {
                    return min + i;
                }
            }
        }
        if (!text.matches("\\d{1,4}")) {
            throw new IllegalArgumentException("'" + text + "' is not a cron value");
        }
        int v = Integer.parseInt(text);
        if (v < min || v > max) {
            throw new IllegalArgumentException(v + " is outside " + min + "-" + max);
        }
        return v;
    }
}
