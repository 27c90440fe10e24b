package io.relyscan.bench.collection;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Creates an {@link EstateShape} in moto, straight at moto (no proxy latency): for each member account it assumes
 * {@link EstateShape#ROLE} there (moto gives the credentials the account of the role ARN) and creates every
 * region's resources with those credentials, several (account, region) pairs at once. Bulk calls where the API
 * has them: RunInstances with MinCount, one PutMetricData for all DB instances.
 */
final class EstateBuilder {
    private static final String AMI_NAME = "bench-app-ami";
    private static final int THREADS = 6;

    private final URI moto;
    private final EstateShape shape;

    EstateBuilder(URI moto, EstateShape shape) {
        this.moto = moto;
        this.shape = shape;
    }

    /** Builds the whole estate; returns how long it took. */
    Duration build() {
        Instant start = Instant.now();
        SdkHttpClient http = ApacheHttpClient.builder().maxConnections(THREADS * 2).build();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (String account : shape.accountIds()) {
                AwsCredentialsProvider credentials = assume(http, account);
                for (String region : shape.regions()) {
                    work.add(pool.submit(() -> new Scope(http, credentials, account, region).build()));
                }
            }
            for (Future<?> f : work) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("building the benchmark estate failed: " + e, e);
        } finally {
            pool.shutdownNow();
            http.close();
        }
        return Duration.between(start, Instant.now());
    }

    private AwsCredentialsProvider assume(SdkHttpClient http, String account) {
        try (StsClient sts = StsClient.builder().httpClient(http).endpointOverride(moto)
                .region(Region.of(shape.regions().get(0)))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing",
                        "testing"))).build()) {
            Credentials c = sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/" + EstateShape.ROLE)
                    .roleSessionName("bench-estate")).credentials();
            return StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(),
                    c.secretAccessKey(), c.sessionToken()));
        }
    }

    /** One (account, region): its clients and the resources it gets. */
    private final class Scope {
        private final SdkHttpClient http;
        private final AwsCredentialsProvider credentials;
        private final String account;
        private final String region;

        Scope(SdkHttpClient http, AwsCredentialsProvider credentials, String account, String region) {
            this.http = http;
            this.credentials = credentials;
            this.account = account;
            this.region = region;
        }

        private <C, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C client(B builder) {
            return builder.httpClient(http).endpointOverride(moto).region(Region.of(region))
                    .credentialsProvider(credentials)
                    .overrideConfiguration(ClientOverrideConfiguration.builder()
                            .apiCallTimeout(Duration.ofMinutes(2)).build())
                    .build();
        }

        void build() {
            try (Ec2Client ec2 = client(Ec2Client.builder());
                 AutoScalingClient asg = client(AutoScalingClient.builder());
                 RdsClient rds = client(RdsClient.builder());
                 ElasticLoadBalancingV2Client elbv2 = client(ElasticLoadBalancingV2Client.builder());
                 ElasticLoadBalancingClient elb = client(ElasticLoadBalancingClient.builder());
                 CloudWatchClient cw = client(CloudWatchClient.builder());
                 SnsClient sns = client(SnsClient.builder());
                 BackupClient backup = client(BackupClient.builder());
                 ConfigClient config = client(ConfigClient.builder())) {
                List<Subnet> subnets = ec2.describeSubnets(b -> b.filters(Filter.builder().name("default-for-az")
                        .values("true").build())).subnets().stream()
                        .sorted(Comparator.comparing(Subnet::availabilityZone)).toList();
                String vpc = subnets.get(0).vpcId();
                List<String> instanceIds = instances(ec2, subnets);
                List<String> topics = topics(sns);
                List<String> targetGroups = loadBalancers(elbv2, elb, subnets, vpc);
                groups(ec2, asg, subnets, targetGroups);
                volumes(ec2, subnets);
                databases(rds, cw);
                alarms(cw, instanceIds, topics);
                backup(backup);
                config.putConfigurationRecorder(b -> b.configurationRecorder(r -> r.name("default")
                        .roleARN("arn:aws:iam::" + account + ":role/aws-service-role/config.amazonaws.com/"
                                + "AWSServiceRoleForConfig")
                        .recordingGroup(g -> g.allSupported(true).includeGlobalResourceTypes(true))));
            }
        }

        private List<String> instances(Ec2Client ec2, List<Subnet> subnets) {
            List<String> ids = new ArrayList<>();
            int half = shape.instances() / 2;
            for (int i = 0; i < 2; i++) {
                int count = i == 0 ? shape.instances() - half : half;
                if (count == 0) {
                    continue;
                }
                String type = i == 0 ? "t3.micro" : "m5.large";
                String subnet = subnets.get(i % subnets.size()).subnetId();
                ec2.runInstances(b -> b.imageId("ami-0a1b2c3d4e5f60718").instanceType(type).minCount(count)
                        .maxCount(count).subnetId(subnet)).instances().stream().map(Instance::instanceId)
                        .forEach(ids::add);
            }
            return ids;
        }

        private List<String> topics(SnsClient sns) {
            List<String> arns = new ArrayList<>();
            for (int i = 0; i < shape.topics(); i++) {
                int n = i;
                arns.add(sns.createTopic(b -> b.name("bench-topic-" + n)).topicArn());
            }
            return arns;
        }

        /** Application load balancers with a listener and two target groups each, and classic ones. */
        private List<String> loadBalancers(ElasticLoadBalancingV2Client elbv2, ElasticLoadBalancingClient elb,
                                           List<Subnet> subnets, String vpc) {
            List<String> targetGroups = new ArrayList<>();
            List<String> twoSubnets = subnets.stream().limit(2).map(Subnet::subnetId).toList();
            for (int i = 0; i < shape.loadBalancers(); i++) {
                int n = i;
                String lb = elbv2.createLoadBalancer(b -> b.name("bench-alb-" + n).subnets(twoSubnets))
                        .loadBalancers().get(0).loadBalancerArn();
                for (int t = 0; t < 2; t++) {
                    int m = t;
                    targetGroups.add(elbv2.createTargetGroup(b -> b.name("bench-tg-" + n + "-" + m)
                            .protocol(ProtocolEnum.HTTP).port(80).vpcId(vpc).targetType(TargetTypeEnum.INSTANCE))
                            .targetGroups().get(0).targetGroupArn());
                }
                String first = targetGroups.get(targetGroups.size() - 2);
                elbv2.createListener(b -> b.loadBalancerArn(lb).protocol(ProtocolEnum.HTTP).port(80)
                        .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(first)));
            }
            List<String> zones = subnets.stream().limit(2).map(Subnet::availabilityZone).toList();
            for (int i = 0; i < shape.classicElbs(); i++) {
                int n = i;
                elb.createLoadBalancer(b -> b.loadBalancerName("bench-elb-" + n).availabilityZones(zones)
                        .listeners(l -> l.protocol("HTTP").loadBalancerPort(80).instanceProtocol("HTTP")
                                .instancePort(8080)));
            }
            return targetGroups;
        }

        /** Launch templates on one registered AMI; groups round-robin over them, each behind a target group. */
        private void groups(Ec2Client ec2, AutoScalingClient asg, List<Subnet> subnets, List<String> targetGroups) {
            if (shape.groups() == 0) {
                return;
            }
            String image = ec2.registerImage(b -> b.name(AMI_NAME).rootDeviceName("/dev/xvda")).imageId();
            for (int t = 0; t < shape.templates(); t++) {
                int n = t;
                ec2.createLaunchTemplate(b -> b.launchTemplateName("bench-lt-" + n)
                        .launchTemplateData(d -> d.imageId(image).instanceType("t3.micro")));
            }
            String zones = String.join(",", subnets.stream().map(Subnet::subnetId).toList());
            for (int g = 0; g < shape.groups(); g++) {
                int n = g;
                String name = "bench-asg-" + n;
                List<String> tg = targetGroups.isEmpty() ? List.of()
                        : List.of(targetGroups.get(n % targetGroups.size()));
                asg.createAutoScalingGroup(b -> b.autoScalingGroupName(name)
                        .launchTemplate(l -> l.launchTemplateName("bench-lt-" + (n % shape.templates()))
                                .version("$Latest"))
                        .minSize(shape.groupSize()).maxSize(shape.groupSize() * 2)
                        .desiredCapacity(shape.groupSize()).vpcZoneIdentifier(zones).targetGroupARNs(tg));
                asg.putScalingPolicy(b -> b.autoScalingGroupName(name).policyName(name + "-out")
                        .policyType("SimpleScaling").adjustmentType("ChangeInCapacity").scalingAdjustment(1));
            }
        }

        private void volumes(Ec2Client ec2, List<Subnet> subnets) {
            String zone = subnets.get(0).availabilityZone();
            for (int i = 0; i < shape.volumes(); i++) {
                String volume = ec2.createVolume(b -> b.availabilityZone(zone).size(8).volumeType("gp3")).volumeId();
                if (i < shape.snapshots()) {
                    ec2.createSnapshot(b -> b.volumeId(volume));
                }
            }
        }

        /** MySQL instances on a custom parameter group, and one FreeStorageSpace datum each, in one call. */
        private void databases(RdsClient rds, CloudWatchClient cw) {
            if (shape.dbInstances() == 0) {
                return;
            }
            rds.createDBParameterGroup(b -> b.dbParameterGroupName("bench-mysql").dbParameterGroupFamily("mysql8.0")
                    .description("benchmark"));
            List<MetricDatum> data = new ArrayList<>();
            for (int i = 0; i < shape.dbInstances(); i++) {
                String id = "bench-db-" + i;
                rds.createDBInstance(b -> b.dbInstanceIdentifier(id).engine("mysql").dbInstanceClass("db.t3.micro")
                        .allocatedStorage(20).masterUsername("admin1").masterUserPassword("secret-password-1")
                        .dbParameterGroupName("bench-mysql").backupRetentionPeriod(7));
                data.add(MetricDatum.builder().metricName("FreeStorageSpace").value(10e9).unit(StandardUnit.BYTES)
                        .timestamp(Instant.now().minusSeconds(300))
                        .dimensions(Dimension.builder().name("DBInstanceIdentifier").value(id).build()).build());
            }
            cw.putMetricData(b -> b.namespace("AWS/RDS").metricData(data));
        }

        private void alarms(CloudWatchClient cw, List<String> instanceIds, List<String> topics) {
            for (int i = 0; i < shape.alarms(); i++) {
                String instance = instanceIds.isEmpty() ? "i-none" : instanceIds.get(i % instanceIds.size());
                String name = "bench-cpu-" + i;
                cw.putMetricAlarm(b -> b.alarmName(name).namespace("AWS/EC2").metricName("CPUUtilization")
                        .dimensions(Dimension.builder().name("InstanceId").value(instance).build())
                        .statistic(Statistic.AVERAGE).period(300).evaluationPeriods(3).threshold(80.0)
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                        .alarmActions(topics.isEmpty() ? List.of() : List.of(topics.get(0))));
            }
        }

        private void backup(BackupClient backup) {
            for (int i = 0; i < shape.vaults(); i++) {
                int n = i;
                backup.createBackupVault(b -> b.backupVaultName("bench-vault-" + n));
            }
            for (int i = 0; i < shape.backupPlans(); i++) {
                int n = i;
                backup.createBackupPlan(b -> b.backupPlan(p -> p.backupPlanName("bench-plan-" + n)
                        .rules(r -> r.ruleName("daily").targetBackupVaultName("bench-vault-0")
                                .scheduleExpression("cron(0 5 ? * * *)").lifecycle(l -> l.deleteAfterDays(35L)))));
            }
        }
    }
}
