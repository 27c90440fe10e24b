package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.LaunchTemplateSpec;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.UnaryOperator;

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class AsgLaunchDependenciesExistRuleTest {
    private final AsgLaunchDependenciesExistRule rule = new AsgLaunchDependenciesExistRule();

    private Finding web(UnaryOperator<InventoryFixture.AsgSpec> spec, UnaryOperator<InventoryFixture> more) {
        return only(evaluate(rule, more.apply(InventoryFixture.create().autoScalingGroup("web", spec)).build()));
    }

    /** Template lt-app: version 1 (default, AMI ami-old deregistered), 2, 3 (latest, AMI ami-new). */
    private static InventoryFixture app(InventoryFixture i) {
        return i.launchTemplateVersion("lt-app", "app-lt", 1, true, false, "ami-old")
                .launchTemplateVersion("lt-app", "app-lt", 3, false, true, "ami-new")
                .machineImage("ami-new");
    }

    private static UnaryOperator<InventoryFixture.AsgSpec> appAt(String version) {
        return g -> g.launchTemplates(new LaunchTemplateSpec("lt-app", "app-lt", version));
    }

    @Test
    void evaluate_whenTemplateVersionAndAmiExist_passes() {
        Finding f = web(g -> g, InventoryFixture::webLaunchTemplate);

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("LaunchTemplates", List.of("lt-web (web-lt) $Latest"))
                .containsEntry("ImageIds", List.of("ami-web")).containsEntry("Missing", List.of());
    }

    @Test
    void evaluate_whenTemplateDeleted_fails() {
        Finding f = web(g -> g, i -> i.machineImage("ami-web"));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.message()).contains("launch template lt-web does not exist");
    }

    @Test
    void evaluate_whenNumberedVersionDeleted_fails() {
        Finding f = web(appAt("2"), AsgLaunchDependenciesExistRuleTest::app);

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("version 2 of launch template lt-app does not exist");
    }

    @Test
    void evaluate_whenNumberedVersionExists_checksItsAmi() {
        Finding f = web(appAt("3"), AsgLaunchDependenciesExistRuleTest::app);

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("ImageIds", List.of("ami-new"));
    }

    @Test
    void evaluate_latestAndDefaultResolveOnTheTemplate() {
        assertThat(web(appAt("$Latest"), AsgLaunchDependenciesExistRuleTest::app).outcome())
                .isEqualTo(Outcome.PASS);
        Finding byDefault = web(appAt("$Default"), AsgLaunchDependenciesExistRuleTest::app);
        assertThat(byDefault.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(byDefault.message()).contains("AMI ami-old of launch template lt-app version 1 is deregistered");
        // No version named: AWS launches the default version.
        assertThat(web(appAt(null), AsgLaunchDependenciesExistRuleTest::app).message()).contains("ami-old");
    }

    @Test
    void evaluate_whenReferencedByNameOnly_resolvesTheId() {
        Finding f = web(g -> g.launchTemplates(new LaunchTemplateSpec(null, "app-lt", "$Latest")),
                AsgLaunchDependenciesExistRuleTest::app);

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenAnOverrideTemplateIsDeleted_fails() {
        Finding f = web(g -> g.launchTemplates(new LaunchTemplateSpec("lt-web", "web-lt", "$Latest"),
                new LaunchTemplateSpec("lt-arm", "arm-lt", "$Default")), InventoryFixture::webLaunchTemplate);

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("launch template lt-arm does not exist").doesNotContain("lt-web");
    }

    @Test
    void evaluate_whenAmiDisabled_fails() {
        Finding f = web(g -> g, i -> i.launchTemplateVersion("lt-web", "web-lt", 1, true, true, "ami-web")
                .machineImage("ami-web", "disabled"));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("AMI ami-web of launch template lt-web version 1 is disabled");
    }

    @Test
    void evaluate_whenVersionNamesNoAmi_fails() {
        Finding f = web(g -> g, i -> i.launchTemplateVersion("lt-web", "web-lt", 1, true, true, null));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("names no AMI");
    }

    @Test
    void evaluate_whenAmiFromSsmParameter_isInfo() {
        Finding f = web(g -> g, i -> i.launchTemplateVersion("lt-web", "web-lt", 1, true, true,
                "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.message()).contains("SSM parameter /aws/service/ami-amazon-linux-latest/");
    }

    @Test
    void evaluate_launchConfigurationGroups() {
        UnaryOperator<InventoryFixture.AsgSpec> lc = g -> g.launchConfiguration("web-lc");
        assertThat(web(lc, i -> i.launchConfiguration("web-lc", "ami-web").machineImage("ami-web")).outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(web(lc, i -> i.launchConfiguration("web-lc", "ami-gone")).message())
                .contains("AMI ami-gone of launch configuration web-lc is deregistered");
        assertThat(web(lc, i -> i).message()).contains("launch configuration web-lc does not exist");
        assertThat(web(lc, i -> i.launchConfiguration("web-lc", null)).outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_classicLoadBalancers() {
        assertThat(web(g -> g.loadBalancerNames("web-clb"), i -> i.webLaunchTemplate()
                .loadBalancer("web-clb", lb -> lb.type("classic"))).outcome()).isEqualTo(Outcome.PASS);
        Finding f = web(g -> g.loadBalancerNames("web-clb"), i -> i.webLaunchTemplate()
                // An application load balancer of the same name is not the classic one.
                .loadBalancer("web-clb", lb -> lb));
        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).isEqualTo("classic load balancer web-clb does not exist");
        assertThat(web(g -> g.trafficSource("old-clb", "elb"), InventoryFixture::webLaunchTemplate).message())
                .contains("classic load balancer old-clb does not exist");
    }

    @Test
    void evaluate_targetGroups() {
        InventoryFixture probe = InventoryFixture.create();
        String tg = probe.arn("elasticloadbalancing", "targetgroup/web/0123456789abcdef");
        String lb = probe.arn("elasticloadbalancing", "loadbalancer/app/web/0123456789abcdef");

        assertThat(web(g -> g.targetGroupArns(tg), i -> i.webLaunchTemplate()
                .targetGroup("web", t -> t.loadBalancer(lb))).outcome()).isEqualTo(Outcome.PASS);
        Finding orphan = web(g -> g.targetGroupArns(tg), i -> i.webLaunchTemplate().targetGroup("web", t -> t));
        assertThat(orphan.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(orphan.message()).contains("target group web is attached to no load balancer");
        Finding deleted = web(g -> g.trafficSource(tg, "elbv2"), InventoryFixture::webLaunchTemplate);
        assertThat(deleted.message()).isEqualTo("target group " + tg + " does not exist");
        assertThat(deleted.evidence()).containsEntry("TargetGroupARNs", List.of(tg));
    }

    @Test
    void evaluate_whenReferencesNotCollected_errors() {
        assertThat(web(InventoryFixture.AsgSpec::launchTemplatesNotCollected, InventoryFixture::webLaunchTemplate)
                .outcome()).isEqualTo(Outcome.ERROR);
        // The template's versions are there, but not the one flagged latest: not looked up, not "deleted".
        assertThat(web(g -> g, i -> i.launchTemplateVersion("lt-web", "web-lt", 1, true, false, "ami-web")
                .machineImage("ami-web")).outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenNoLaunchSourceReferenced_isNotApplicable() {
        assertThat(web(g -> g.launchTemplates(), i -> i).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenAnInputServiceIsIncomplete_neverPasses() {
        for (AwsService service : List.of(AwsService.AUTOSCALING, AwsService.ELB, AwsService.ELBV2)) {
            RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create().webLaunchTemplate()
                    .autoScalingGroup("web", g -> g).failed(service).build());
        }
    }
}
