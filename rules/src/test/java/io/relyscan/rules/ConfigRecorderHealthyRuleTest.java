package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.CollectionStatus;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.finding;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class ConfigRecorderHealthyRuleTest {
    private final ConfigRecorderHealthyRule rule = new ConfigRecorderHealthyRule();

    @Test
    void evaluate_whenRecordingEverything_passes() {
        Finding f = only(evaluate(rule, InventoryFixture.create().configRecorder("default", r -> r).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.resourceType()).isEqualTo("Region");
        assertThat(f.evidence()).containsEntry("Recording", true).containsEntry("LastStatus", "SUCCESS")
                .containsEntry("ConfigurationRecorders", List.of("default"));
    }

    @Test
    void evaluate_whenLastStatusPending_passes() {
        assertThat(only(evaluate(rule, InventoryFixture.create()
                .configRecorder("default", r -> r.lastStatus("PENDING")).build())).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenNoRecorder_failsHigh() {
        Finding f = only(evaluate(rule, InventoryFixture.create().build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.message()).contains("no customer configuration recorder");
    }

    @Test
    void evaluate_whenOnlyServiceLinkedRecorder_fails() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .configRecorder("aws-service-linked", r -> r.servicePrincipal("config-conforms.amazonaws.com"))
                .build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.evidence()).containsEntry("ServiceLinkedRecorders", List.of("aws-service-linked"));
    }

    @Test
    void evaluate_whenStopped_fails() {
        assertThat(only(evaluate(rule, InventoryFixture.create()
                .configRecorder("default", r -> r.recording(false)).build())).outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenLastStatusFailure_fails() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .configRecorder("default", r -> r.lastStatus("FAILURE")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("lastStatus=FAILURE");
    }

    @Test
    void evaluate_whenRecordingOnlySomeTypes_warns() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .configRecorder("default", r -> r.allSupported(false).strategy("INCLUSION_BY_RESOURCE_TYPES"))
                .region("eu-west-1")
                .configRecorder("default", r -> r.strategy("EXCLUSION_BY_RESOURCE_TYPES").includeGlobal(false))
                .build());

        assertThat(findings).allSatisfy(f -> {
            assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.message()).contains("only some resource types");
        });
    }

    @Test
    void evaluate_whenNoRegionRecordsGlobalTypes_warnsOnceOnUsEast1() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .configRecorder("default", r -> r.includeGlobal(false))
                .region("eu-west-1").configRecorder("default", r -> r.includeGlobal(false)).build());

        Finding usEast1 = finding(findings, "us-east-1");
        assertThat(usEast1.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(usEast1.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(usEast1.message()).contains("global resource types");
        assertThat(usEast1.evidence()).containsEntry("GlobalResourceTypesRecorded", false);
        assertThat(finding(findings, "eu-west-1").outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenUsEast1NotScanned_warnsOnFirstScopeOfAccount() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .scope("444455556666", "eu-west-1").configRecorder("default", r -> r.includeGlobal(false))
                .scope("444455556666", "ap-south-1").configRecorder("default", r -> r.includeGlobal(false))
                .build());

        assertThat(findings).filteredOn(f -> f.account().equals("444455556666"))
                .filteredOn(f -> f.outcome() == Outcome.FAIL).singleElement()
                .satisfies(f -> assertThat(f.region()).isEqualTo("ap-south-1"));
    }

    @Test
    void evaluate_whenOneRegionRecordsGlobalTypes_noGlobalWarning() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .configRecorder("default", r -> r.includeGlobal(false))
                .region("eu-west-1").configRecorder("default", r -> r.includeGlobal(true)).build());

        assertThat(findings).extracting(Finding::outcome).containsOnly(Outcome.PASS);
    }

    @Test
    void evaluate_whenAnotherRegionsRecordersUnseen_skipsGlobalWarning() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .configRecorder("default", r -> r.includeGlobal(false))
                .region("eu-west-1").coverage(AwsService.CONFIG, CollectionStatus.FAILED, GapReason.ACCESS_DENIED)
                .build());

        assertThat(finding(findings, "us-east-1").outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenRecordingStatusNotCollected_errors() {
        assertThat(only(evaluate(rule, InventoryFixture.create()
                .configRecorder("default", r -> r.recording(null)).build())).outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenConfigCollectionFailed_neverPassesNorFails() {
        List<Finding> findings = RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create()
                .failed(AwsService.CONFIG).build());

        assertThat(findings).extracting(Finding::outcome).containsOnly(Outcome.ERROR);
    }

    @Test
    void metadata_mapsProwlerIsoControlsAsAnchored() {
        assertThat(rule.metadata().controls(Framework.ISO27001)).containsExactly(
                ControlRef.anchored(Framework.ISO27001, "A.5.16"), ControlRef.anchored(Framework.ISO27001, "A.5.22"),
                ControlRef.proposed(Framework.ISO27001, "A.8.9"));
    }
}
