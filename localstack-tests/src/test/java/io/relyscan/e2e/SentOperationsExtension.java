package io.relyscan.e2e;

import io.relyscan.collectors.IamActions;
import io.relyscan.collectors.OperationLog;
import io.relyscan.collectors.SentOperation;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Registered for every test class of this module (JUnit extension auto-detection, see
 * {@code junit-platform.properties}): while a class runs, every relyscan session appends the operations its SDK
 * interceptor recorded to a fresh {@link OperationLog} file, in-process scans and child {@code relyscan}
 * processes given the same property alike; after the class, each must be declared and read-only
 * ({@link SentOperationsCheck}), or the class fails naming the offenders.
 */
public final class SentOperationsExtension implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SentOperationsExtension.class);

    /** The file this class's sessions append to, for tests that start relyscan in a child process. */
    static Path currentLog() {
        String file = System.getProperty(OperationLog.PROPERTY);
        if (file == null) {
            throw new IllegalStateException(OperationLog.PROPERTY + " is not set: is the extension registered?");
        }
        return Path.of(file);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path log = Files.createTempFile("relyscan-operations-", ".tsv");
        context.getStore(NAMESPACE).put("log", log);
        System.setProperty(OperationLog.PROPERTY, log.toString());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        Path log = context.getStore(NAMESPACE).remove("log", Path.class);
        System.clearProperty(OperationLog.PROPERTY);
        if (log == null) {
            return;
        }
        try {
            check(log, context.getDisplayName());
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /**
     * What relyscan may send: the read-only policy's actions, the caller's sts:AssumeRole and, for --org,
     * organizations:ListAccounts.
     */
    static Set<String> declared() {
        Set<String> all = new TreeSet<>(IamActions.all());
        all.addAll(IamActions.CALLER_MULTI_ACCOUNT_ACTIONS);
        all.addAll(IamActions.CALLER_ORGANIZATION_ACTIONS);
        return Set.copyOf(all);
    }

    /**
     * Checks the operations an {@link OperationLog} file records.
     *
     * @throws AssertionError naming every undeclared or non-read-only operation
     */
    static void check(Path log, String testClass) throws IOException {
        List<SentOperation> sent = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).map(OperationLog::parse).toList();
        Set<String> distinct = new TreeSet<>();
        sent.forEach(s -> distinct.add(s.iamAction()));
        long attempts = sent.stream().mapToLong(SentOperation::attempts).sum();
        List<String> problems = SentOperationsCheck.violations(sent, declared());
        System.out.println("[read-only check] " + testClass + ": " + distinct.size()
                + " distinct operations, " + attempts + " attempts, " + problems.size() + " violations");
        if (!problems.isEmpty()) {
            throw new AssertionError("relyscan sent operations that are undeclared or not read-only in "
                    + testClass + ":\n  " + String.join("\n  ", new TreeSet<>(problems)));
        }
    }
}
