package io.relyscan.core.waiver;

/**
 * What one waiver did in a scan.
 *
 * @param expired             true when the scan was captured after its expiry day: it suppressed nothing
 * @param suppressed          failing findings it turned into SUPPRESSED
 * @param matchedWhileExpired failing findings it would have suppressed had it not expired (they stay FAIL)
 */
public record WaiverStatus(Waiver waiver, boolean expired, long suppressed, long matchedWhileExpired) {
    /** An unexpired waiver that matched no failing finding: worth removing, or its pattern is wrong. */
    public boolean unused() {
        return !expired && suppressed == 0;
    }
}
