package io.relyscan.core.inventory;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperationCoverageTest {

    @Test
    void outcome_isOkWithoutFailuresElseTheReasons() {
        assertThat(new OperationCoverage("DescribeDBInstances", 3, Map.of()).outcome()).isEqualTo("OK");
        OperationCoverage mixed = new OperationCoverage("DescribeDBInstances", 5,
                Map.of("TIMEOUT", 1L, "ACCESS_DENIED", 2L));
        assertThat(mixed.outcome()).isEqualTo("ACCESS_DENIED,TIMEOUT");
        assertThat(mixed.failed()).isEqualTo(3);
    }

    @Test
    void constructor_rejectsMoreFailuresThanCallsUnknownReasonsAndZeroCounts() {
        assertThatThrownBy(() -> new OperationCoverage("Op", 1, Map.of("TIMEOUT", 2L)))
                .hasMessageContaining("must not be below the failures");
        assertThatThrownBy(() -> new OperationCoverage("Op", 1, Map.of("THROTTLING", 1L)))
                .hasMessageContaining("unknown failure reason 'THROTTLING'");
        assertThatThrownBy(() -> new OperationCoverage("Op", 1, Map.of("TIMEOUT", 0L)))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new OperationCoverage(" ", 1, Map.of())).hasMessageContaining("operation");
    }

    @Test
    void coverageEntry_sortsOperationsAndRejectsDuplicates() {
        CoverageEntry e = new CoverageEntry("111122223333", "us-east-1", AwsService.RDS, CollectionStatus.COMPLETE,
                List.of(), List.of(new OperationCoverage("ListTagsForResource", 2, Map.of()),
                new OperationCoverage("DescribeDBInstances", 1, Map.of())));
        assertThat(e.operations()).extracting(OperationCoverage::operation)
                .containsExactly("DescribeDBInstances", "ListTagsForResource");
        assertThatThrownBy(() -> new CoverageEntry("111122223333", "us-east-1", AwsService.RDS,
                CollectionStatus.COMPLETE, List.of(), List.of(new OperationCoverage("A", 1, Map.of()),
                new OperationCoverage("A", 2, Map.of())))).hasMessageContaining("listed twice");
        assertThat(new CoverageEntry("111122223333", "us-east-1", AwsService.RDS, CollectionStatus.COMPLETE,
                List.of()).operations()).isEmpty();
    }
}
