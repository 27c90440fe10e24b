package io.relyscan.core.framework;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The natural order of control ids: runs of digits compare as numbers, everything else as text, so
 * {@code CP-6 < CP-6(1) < CP-9 < CP-10}, {@code A.8.6 < A.8.13} and {@code REL02-BP03 < REL10-BP01}.
 */
public final class ControlIds {
    /** Natural order, with plain string order as the tie-break so that distinct ids never compare equal. */
    public static final Comparator<String> NATURAL = ControlIds::compare;

    private ControlIds() {
    }

    static int compare(String a, String b) {
        List<String> x = tokens(a);
        List<String> y = tokens(b);
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            String p = x.get(i);
            String q = y.get(i);
            boolean pNumber = Character.isDigit(p.charAt(0));
            boolean qNumber = Character.isDigit(q.charAt(0));
            int c;
            if (pNumber && qNumber) {
                c = compareNumbers(p, q);
            } else if (pNumber != qNumber) {
                c = pNumber ? -1 : 1;
            } else {
                c = p.compareTo(q);
            }
            if (c != 0) {
                return c;
            }
        }
        int c = Integer.compare(x.size(), y.size());
        return c != 0 ? c : a.compareTo(b);
    }

    private static int compareNumbers(String p, String q) {
        String a = p.replaceFirst("^0+(?=.)", "");
        String b = q.replaceFirst("^0+(?=.)", "");
        int c = Integer.compare(a.length(), b.length());
        return c != 0 ? c : a.compareTo(b);
    }

    private static List<String> tokens(String id) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < id.length()) {
            boolean digit = Character.isDigit(id.charAt(i));
            int j = i;
            while (j < id.length() && Character.isDigit(id.charAt(j)) == digit) {
                j++;
            }
            out.add(id.substring(i, j));
            i = j;
        }
        return out;
    }
}
