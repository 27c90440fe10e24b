package io.relyscan.collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.scan.CollectionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The target accounts of a multi-account scan against canned STS and EC2 answers: assumed-role credentials are
 * refreshed when they near their expiry, the caller's own account assumes nothing, each account's regions are
 * listed with its own credentials, and a failure stays in its account.
 */
class AccountTargetsTest {
    static final String MEMBER = "210987654321";
    static final String DENIED = "310987654321";

    static WireMockServer wire;
    AwsSession session;

    @BeforeAll
    static void startWireMock() {
        wire = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wire.start();
    }

    @AfterAll
    static void stopWireMock() {
        wire.stop();
    }

    @BeforeEach
    void open() {
        wire.resetAll();
        session = TestSessions.session(URI.create(wire.baseUrl()));
    }

    @AfterEach
    void close() {
        session.close();
    }

    /** AssumeRole answered with credentials that expire {@code seconds} from now. */
    static void assumeRoleExpiringIn(long seconds) {
        String expiration = Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS).toString();
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody("""
                        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                          <AssumeRoleResult>
                            <Credentials>
                              <AccessKeyId>ASIAEXAMPLE</AccessKeyId>
                              <SecretAccessKey>secret</SecretAccessKey>
                              <SessionToken>token</SessionToken>
                              <Expiration>%s</Expiration>
                            </Credentials>
                            <AssumedRoleUser><AssumedRoleId>AROA:relyscan</AssumedRoleId>
                              <Arn>arn:aws:sts::210987654321:assumed-role/Audit/relyscan</Arn></AssumedRoleUser>
                          </AssumeRoleResult>
                          <ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata>
                        </AssumeRoleResponse>""".formatted(expiration))));
    }

    static void describeRegionsAnswers() {
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeRegions"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody("""
                        <DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                          <requestId>r2</requestId>
                          <regionInfo>
                            <item><regionName>us-east-1</regionName><regionEndpoint>e</regionEndpoint>
                              <optInStatus>opt-in-not-required</optInStatus></item>
                            <item><regionName>ap-east-1</regionName><regionEndpoint>e</regionEndpoint>
                              <optInStatus>not-opted-in</optInStatus></item>
                          </regionInfo>
                        </DescribeRegionsResponse>""")));
    }

    static int assumeRoleRequests() {
        return wire.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole")))
                .size();
    }

    static int describeRegionsRequests(String accessKeyPrefix) {
        return wire.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeRegions"))
                .withHeader("Authorization", containing("Credential=" + accessKeyPrefix))).size();
    }

    AccountTargets targets(String... accounts) {
        return session.targets(List.of(accounts), CrossAccountRole.named("Audit", null), TestSessions.REGION,
                TestSessions.ACCOUNT);
    }

    @Test
    void assumedCredentials_nearTheirExpiry_areRefreshedBeforeTheNextCall() {
        // Within the SDK's stale window (1 minute): every use of the credentials assumes the role again.
        assumeRoleExpiringIn(30);
        describeRegionsAnswers();
        AccountTargets targets = targets(MEMBER);

        assertThat(targets.discoverRegions(TestSessions.REGION, 2)).singleElement()
                .satisfies(a -> assertThat(a.failed()).isFalse());
        targets.discoverRegions(TestSessions.REGION, 2);

        assertThat(describeRegionsRequests("ASIAEXAMPLE")).isEqualTo(2);
        assertThat(assumeRoleRequests()).as("refreshed, not reused past their expiry").isGreaterThanOrEqualTo(2);
    }

    @Test
    void assumedCredentials_farFromExpiry_areAssumedOnce() {
        assumeRoleExpiringIn(3600);
        describeRegionsAnswers();
        AccountTargets targets = targets(MEMBER);

        targets.discoverRegions(TestSessions.REGION, 2);
        targets.discoverRegions(TestSessions.REGION, 2);

        assertThat(describeRegionsRequests("ASIAEXAMPLE")).isEqualTo(2);
        assertThat(assumeRoleRequests()).isEqualTo(1);
    }

    @Test
    void discoverRegions_listsEachAccountWithItsOwnCredentials_andTheCallersAccountAssumesNothing() {
        assumeRoleExpiringIn(3600);
        describeRegionsAnswers();
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole"))
                .withRequestBody(containing(DENIED)).willReturn(ResilientCallerTest.queryError(403, "AccessDenied",
                        "not authorized to perform: sts:AssumeRole")));
        AccountTargets targets = targets(TestSessions.ACCOUNT, MEMBER, DENIED);

        List<AccountTargets.AccountRegions> regions = targets.discoverRegions(TestSessions.REGION, 3);

        assertThat(regions).extracting(AccountTargets.AccountRegions::account)
                .containsExactly(TestSessions.ACCOUNT, MEMBER, DENIED);
        assertThat(regions.get(0).regions()).extracting(RegionStatus::name).containsExactly("ap-east-1",
                "us-east-1");
        assertThat(regions.get(1).failed()).isFalse();
        assertThat(regions.get(2).failure()).contains("cannot assume role arn:aws:iam::" + DENIED + ":role/Audit");
        assertThat(describeRegionsRequests("testing")).as("the caller's own account").isEqualTo(1);
        assertThat(describeRegionsRequests("ASIAEXAMPLE")).as("the member, with its role").isEqualTo(1);
        assertThat(assumeRoleRequests()).as("member and denied; none for the caller's account").isEqualTo(2);

        // The denied account's collections fail with the same reason, without calling AWS again.
        int before = wire.getAllServeEvents().size();
        CollectionException e = catchThrowableOfType(CollectionException.class, () -> targets
                .collectors(java.util.Set.of(AwsService.EC2)).get(0)
                .collect(io.relyscan.core.inventory.ScanScope.of(DENIED, TestSessions.REGION), null));
        assertThat(e.reason()).isEqualTo(GapReason.ACCESS_DENIED);
        assertThat(wire.getAllServeEvents()).hasSize(before);
    }

    @Test
    void describeRegionsDenied_failsThatAccountAlone() {
        assumeRoleExpiringIn(3600);
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeRegions"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml").withBody(
                        "<Response><Errors><Error><Code>UnauthorizedOperation</Code>"
                                + "<Message>explicit deny in an SCP</Message></Error></Errors>"
                                + "<RequestID>r3</RequestID></Response>")));
        AccountTargets targets = targets(MEMBER);

        assertThat(targets.discoverRegions(TestSessions.REGION, 1)).singleElement().satisfies(a -> {
            assertThat(a.failed()).isTrue();
            assertThat(a.failure()).startsWith("cannot list the regions of account " + MEMBER
                    + " (ec2:DescribeRegions in us-east-1)").contains("explicit deny in an SCP");
        });
    }

    @Test
    void releaser_closesAnAccountsClientsOnceItsCollectionsEnded_leavingTheSessionsOpen() {
        assumeRoleExpiringIn(3600);
        describeRegionsAnswers();
        AccountTargets targets = targets(TestSessions.ACCOUNT, MEMBER);
        targets.discoverRegions(TestSessions.REGION, 2);

        targets.releaser().accountFinished(MEMBER);
        targets.releaser().accountFinished(TestSessions.ACCOUNT);

        TargetAccount member = targets.all().get(1);
        assertThat(catchThrowableOfType(IllegalStateException.class,
                () -> member.clients().ec2(TestSessions.REGION))).hasMessageContaining("closed");
        assertThat(session.regions(TestSessions.ACCOUNT, TestSessions.REGION)).as("the session's clients and HTTP "
                + "pool, shared with the caller's account, stay open").hasSize(2);
    }
}
