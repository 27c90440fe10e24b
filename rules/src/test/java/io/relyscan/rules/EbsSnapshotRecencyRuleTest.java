package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.finding;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class EbsSnapshotRecencyRuleTest {
    private final EbsSnapshotRecencyRule rule = new EbsSnapshotRecencyRule();

    private static InventoryFixture standaloneVolume() {
        return InventoryFixture.create().ec2Instance("i-1", i -> i).ebsVolume("vol-1", v -> v.attachedTo("i-1"));
    }

    @Test
    void evaluate_whenNewestSnapshotIsADayOld_passes() {
        Finding f = only(evaluate(rule, standaloneVolume()
                .ebsSnapshot("snap-old", "vol-1", Duration.ofDays(40))
                .ebsSnapshot("snap-new", "vol-1", Duration.ofDays(1)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("NewestSnapshot", "snap-new").containsEntry("AgeDays", 1.0)
                .containsEntry("StorageTier", "standard").containsEntry("warnAfterDays", 7)
                .containsEntry("failAfterDays", 30);
    }

    @Test
    void evaluate_whenExactlySevenDaysOld_stillPasses() {
        assertThat(only(evaluate(rule, standaloneVolume().ebsSnapshot("snap-1", "vol-1", Duration.ofDays(7))
                .build())).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenNewestIsTwoWeeksOld_warns() {
        Finding f = only(evaluate(rule, standaloneVolume().ebsSnapshot("snap-1", "vol-1", Duration.ofDays(14))
                .build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.message()).contains("14 days", "more than 7 days");
    }

    @Test
    void evaluate_whenNewestIsOlderThanThirtyDays_fails() {
        Finding f = only(evaluate(rule, standaloneVolume().ebsSnapshot("snap-1", "vol-1", Duration.ofDays(31))
                .build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void evaluate_whenNoSnapshot_fails() {
        Finding f = only(evaluate(rule, standaloneVolume()
                .ebsSnapshot("snap-other", "vol-2", Duration.ofDays(1)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.message()).contains("no completed snapshot");
    }

    @Test
    void evaluate_whenNewerSnapshotsArePendingOrFailed_onlyTheCompletedOneCounts() {
        Finding f = only(evaluate(rule, standaloneVolume()
                .ebsSnapshot("snap-done", "vol-1", Duration.ofDays(45))
                .ebsSnapshot("snap-pending", "vol-1", Duration.ofHours(1), s -> s.state("pending"))
                .ebsSnapshot("snap-error", "vol-1", Duration.ofDays(2), s -> s.state("error")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.evidence()).containsEntry("NewestSnapshot", "snap-done");
    }

    @Test
    void evaluate_whenNewestIsArchived_warnsEvenIfRecent() {
        Finding f = only(evaluate(rule, standaloneVolume()
                .ebsSnapshot("snap-1", "vol-1", Duration.ofDays(2), s -> s.storageTier("archive")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.message()).contains("archive tier");
        assertThat(f.evidence()).containsEntry("StorageTier", "archive");
    }

    @Test
    void evaluate_whenArchivedButANewerStandardSnapshotExists_passes() {
        assertThat(only(evaluate(rule, standaloneVolume()
                .ebsSnapshot("snap-arch", "vol-1", Duration.ofDays(100), s -> s.storageTier("archive"))
                .ebsSnapshot("snap-1", "vol-1", Duration.ofDays(3)).build())).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenNewestArchivedIsOlderThanThirtyDays_fails() {
        Finding f = only(evaluate(rule, standaloneVolume()
                .ebsSnapshot("snap-1", "vol-1", Duration.ofDays(120), s -> s.storageTier("archive")).build()));

        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void evaluate_whenUnattached_isEvaluatedToo() {
        Finding f = only(evaluate(rule, InventoryFixture.create().ebsVolume("vol-1", v -> v.unattached()).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.evidence()).containsEntry("State", "available").containsEntry("AttachedInstances", List.of());
    }

    @Test
    void evaluate_whenAttachedToGroupInstance_isNotApplicable() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .ec2Instance("i-tagged", i -> i.inAutoScalingGroup("web"))
                .ec2Instance("i-attached", i -> i)
                .autoScalingGroup("batch", g -> g.instance("i-attached", "us-east-1a", "InService", "Healthy"))
                .ebsVolume("vol-tagged", v -> v.attachedTo("i-tagged"))
                .ebsVolume("vol-attached", v -> v.attachedTo("i-attached")).build());

        assertThat(finding(findings, "vol-tagged").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(finding(findings, "vol-tagged").message()).contains("web");
        assertThat(finding(findings, "vol-attached").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(finding(findings, "vol-attached").message()).contains("batch");
    }

    @Test
    void evaluate_whenMultiAttachedToGroupAndStandaloneInstance_isEvaluated() {
        assertThat(only(evaluate(rule, InventoryFixture.create()
                .ec2Instance("i-asg", i -> i.inAutoScalingGroup("web"))
                .ec2Instance("i-solo", i -> i)
                .ebsVolume("vol-1", v -> v.attachedTo("i-asg", "i-solo")).build())).outcome())
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenTaggedEphemeral_isNotApplicable() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .ebsVolume("vol-scratch", v -> v.tag("ephemeral", "True"))
                .ebsVolume("vol-kept", v -> v.tag("ephemeral", "false")).build());

        assertThat(finding(findings, "vol-scratch").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(finding(findings, "vol-kept").outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_withOwnEphemeralTagKeyAndThresholds_usesThem() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .ebsVolume("vol-scratch", v -> v.tag("lifecycle:disposable", "true"))
                .ebsVolume("vol-1", v -> v)
                .ebsSnapshot("snap-1", "vol-1", Duration.ofDays(3)).build(),
                Map.of("ephemeralTagKey", "lifecycle:disposable", "warnAfterDays", "1", "failAfterDays", "2"));

        assertThat(finding(findings, "vol-scratch").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(finding(findings, "vol-1").severity()).isEqualTo(Severity.MEDIUM);
        assertThat(finding(findings, "vol-1").evidence()).containsEntry("failAfterDays", 2);
    }

    @Test
    void evaluate_whenVolumeIsBeingCreatedOrDeleted_isNotApplicable() {
        assertThat(only(evaluate(rule, InventoryFixture.create().ebsVolume("vol-1", v -> v.state("deleting"))
                .build())).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenSnapshotOfSameVolumeIdInAnotherRegion_doesNotCount() {
        Finding f = only(evaluate(rule, InventoryFixture.create().ebsVolume("vol-1", v -> v)
                .region("eu-west-1").ebsSnapshot("snap-1", "vol-1", Duration.ofDays(1)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenOnlySnapshotHasUnreadableStartTime_errors() {
        assertThat(only(evaluate(rule, standaloneVolume()
                .ebsSnapshot("snap-1", "vol-1", Duration.ofDays(1), s -> s.startTime("yesterday")).build()))
                .outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenEc2CollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, standaloneVolume()
                .ebsSnapshot("snap-1", "vol-1", Duration.ofDays(1)).failed(AwsService.EC2).build());
    }
}
