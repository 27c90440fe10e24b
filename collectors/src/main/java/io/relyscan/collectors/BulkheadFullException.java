package io.relyscan.collectors;

/**
 * No permit to call AWS became free within the call's time budget: too many requests to the endpoint, or to AWS
 * overall, were already in flight. Says nothing about the endpoint's health.
 */
final class BulkheadFullException extends RuntimeException {
    BulkheadFullException(String which) {
        super("no free slot for another request in flight (" + which + " cap reached) within the call timeout",
                null, false, false);
    }
}
