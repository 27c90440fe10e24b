package io.relyscan.core.scan;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.CollectionStatus;
import io.relyscan.core.inventory.ScanScope;

import java.util.List;

/**
 * Hears how a scan's collection progresses, e.g. to draw a progress display or to release an account's clients
 * once everything in it is collected. Methods are called from collection threads, concurrently: implementations
 * must be thread-safe and quick, and must not throw.
 */
public interface ScanListener {
    /** Hears nothing. */
    ScanListener NONE = new ScanListener() {
    };

    /**
     * Collection is about to start.
     *
     * @param scopes the distinct (account, region) scopes, sorted
     * @param tasks  the (scope, service) collections that will run
     */
    default void started(List<ScanScope> scopes, int tasks) {
    }

    /**
     * One (scope, service) collection ended.
     *
     * @param resources how many resources it added
     */
    default void taskFinished(ScanScope scope, AwsService service, CollectionStatus status, int resources) {
    }

    /** Every collection in the account has ended; nothing more is collected there. */
    default void accountFinished(String account) {
    }

    /** Collection ended (normally, or at the deadline with tasks unfinished). */
    default void finished() {
    }

    /** Tells every listener in turn. */
    static ScanListener all(List<ScanListener> listeners) {
        List<ScanListener> copy = List.copyOf(listeners);
        return new ScanListener() {
            @Override
            public void started(List<ScanScope> scopes, int tasks) {
                copy.forEach(l -> l.started(scopes, tasks));
            }

            @Override
            public void taskFinished(ScanScope scope, AwsService service, CollectionStatus status, int resources) {
                copy.forEach(l -> l.taskFinished(scope, service, status, resources));
            }

            @Override
            public void accountFinished(String account) {
                copy.forEach(l -> l.accountFinished(account));
            }

            @Override
            public void finished() {
                copy.forEach(ScanListener::finished);
            }
        };
    }
}
