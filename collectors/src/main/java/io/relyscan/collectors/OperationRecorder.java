package io.relyscan.collectors;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * An SDK execution interceptor, installed on every client of a session, that records each operation actually
 * put on the wire (service and operation name from the execution attributes, every attempt counted). It is the
 * ground truth for the read-only guarantee: what was sent, not what the collectors meant to send.
 */
final class OperationRecorder implements ExecutionInterceptor {
    private record Key(String service, String operation) {
    }

    private final Map<Key, LongAdder> attempts = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        attempts.computeIfAbsent(new Key(service == null ? "?" : service, operation == null ? "?" : operation),
                k -> new LongAdder()).increment();
    }

    /** Every operation sent so far, sorted by service and operation. */
    List<SentOperation> sent() {
        return attempts.entrySet().stream()
                .map(e -> new SentOperation(e.getKey().service(), e.getKey().operation(), e.getValue().sum()))
                .sorted(Comparator.comparing(SentOperation::service).thenComparing(SentOperation::operation))
                .toList();
    }
}
