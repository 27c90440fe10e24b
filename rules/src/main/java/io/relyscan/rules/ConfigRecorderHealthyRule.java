package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.ConfigRecorder;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * R47: every scanned region has a customer AWS Config recorder that is recording, not failing, and records all
 * resource types. Service-linked recorders do not count. lastStatus PENDING is not a failure (moto never leaves
 * it). Global resource types: when no customer recorder of an account, in any of its scanned regions, has
 * includeGlobalResourceTypes=true, one WARN goes on that account's us-east-1 scope if scanned, else on its first
 * scope; the check is skipped when AWS Config was not completely collected in every scope of the account, or a
 * recorder's flag is unknown. Delivery-channel status is not in the inventory and is not checked.
 */
public final class ConfigRecorderHealthyRule implements Rule {
    private static final RuleMetadata METADATA = new RuleMetadata("config-recorder-healthy", "R47",
            "AWS Config records configuration changes in every region", Severity.HIGH, "Region",
            "Without a working recorder there is no history of configuration changes: the change that caused an "
                    + "outage cannot be found, and auditors get no evidence of the state of resources over time.",
            "Create and start a customer configuration recorder recording all supported resource types "
                    + "(aws configservice put-configuration-recorder, start-configuration-recorder), with "
                    + "global resource types in exactly one region; fix the role or bucket behind a FAILURE status.",
            Controls.of("REL06-BP01*, REL13-BP04*", "CC2.1, CC3.1, CC3.4, CC8.1, CC7.1*", "A.8.9*, A.5.16, A.5.22",
                    "CM-3, CM-6(1), CM-8, CM-8(2)"),
            List.of(), Set.of(AwsService.CONFIG));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        Inventory inventory = context.inventory();
        Map<ScanScope, List<ConfigRecorder>> recorders = new HashMap<>();
        Map<ScanScope, List<String>> serviceLinked = new HashMap<>();
        for (ConfigRecorder r : inventory.all(ConfigRecorder.class)) {
            if (r.isServiceLinked()) {
                serviceLinked.computeIfAbsent(r.scope(), s -> new ArrayList<>()).add(r.name());
            } else {
                recorders.computeIfAbsent(r.scope(), s -> new ArrayList<>()).add(r);
            }
        }
        Set<ScanScope> globalWarn = GlobalResourceRecording.scopesToWarn(inventory, recorders);
        List<Finding> findings = new ArrayList<>();
        for (ScanScope scope : inventory.scopes()) {
            List<ConfigRecorder> own = recorders.getOrDefault(scope, List.of());
            FindingBuilder f = context.on(scope)
                    .evidence("ConfigurationRecorders", own.stream().map(ConfigRecorder::name).sorted().toList())
                    .evidence("ServiceLinkedRecorders", serviceLinked.getOrDefault(scope, List.of()));
            List<String> fails = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            List<String> warns = new ArrayList<>();
            if (own.isEmpty()) {
                fails.add("no customer configuration recorder in the region");
            }
            for (ConfigRecorder r : own) {
                String p = own.size() == 1 ? "" : r.name() + ".";
                f.evidence(p + "Recording", r.recording()).evidence(p + "LastStatus", r.lastStatus())
                        .evidence(p + "AllSupported", r.allSupported())
                        .evidence(p + "RecordingStrategy", r.recordingStrategy())
                        .evidence(p + "IncludeGlobalResourceTypes", r.includeGlobalResourceTypes());
                if (r.recording() == null) {
                    errors.add(r.name() + ": recording status was not collected");
                } else if (!r.recording()) {
                    fails.add(r.name() + ": recording=false, changes are not recorded");
                }
                if ("FAILURE".equalsIgnoreCase(r.lastStatus())) {
                    fails.add(r.name() + ": lastStatus=FAILURE" + (r.lastErrorCode() == null ? ""
                            : " (" + r.lastErrorCode() + ")"));
                }
                String strategy = r.recordingStrategy() == null ? "" : r.recordingStrategy();
                if (Boolean.FALSE.equals(r.allSupported()) || strategy.startsWith("EXCLUSION")
                        || strategy.startsWith("INCLUSION")) {
                    warns.add(r.name() + ": records only some resource types (allSupported=" + r.allSupported()
                            + (strategy.isEmpty() ? "" : ", " + strategy) + ")");
                } else if (r.allSupported() == null && strategy.isEmpty()) {
                    errors.add(r.name() + ": recording group was not collected");
                }
            }
            if (globalWarn.contains(scope)) {
                f.evidence("GlobalResourceTypesRecorded", false);
                warns.add("global resource types (IAM) are recorded in no scanned region of account "
                        + scope.account());
            }
            if (!fails.isEmpty()) {
                findings.add(f.fail(String.join("; ", fails)));
            } else if (!errors.isEmpty()) {
                findings.add(f.error(String.join("; ", errors)));
            } else if (!warns.isEmpty()) {
                findings.add(f.fail(METADATA.severity().lower(), String.join("; ", warns)));
            } else {
                findings.add(f.pass(own.get(0).name() + " records all supported resource types (lastStatus="
                        + own.get(0).lastStatus() + ")"));
            }
        }
        return findings;
    }
}
