package io.relyscan.collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.relyscan.core.inventory.GapReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** organizations:ListAccounts for {@code scan --org}, against canned answers in AWS's JSON protocol. */
class OrganizationAccountsTest {
    static final String TARGET = "AWSOrganizationsV20161128.ListAccounts";
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

    static String account(String id, String name, String status) {
        return "{\"Id\":\"" + id + "\",\"Arn\":\"arn:aws:organizations::111111111111:account/o-x/" + id
                + "\",\"Email\":\"" + name + "@example.com\",\"Name\":\"" + name + "\",\"Status\":\"" + status
                + "\",\"JoinedMethod\":\"CREATED\",\"JoinedTimestamp\":1.7E9}";
    }

    static void error(int status, String type, String message) {
        wire.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"" + type + "\",\"Message\":\"" + message + "\"}")));
    }

    @Test
    void list_followsEveryPage_andReturnsEveryAccountWithItsStatus_sortedById() {
        wire.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .withRequestBody(containing("page-2")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"Accounts\":[" + account("333333333333", "closing", "PENDING_CLOSURE") + "]}")));
        wire.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET)).atPriority(2)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"Accounts\":[" + account("222222222222", "prod", "ACTIVE") + ","
                                + account("111111111111", "old", "SUSPENDED") + "],\"NextToken\":\"page-2\"}")));

        List<OrganizationAccount> accounts = session.organizationAccounts(TestSessions.ACCOUNT, "eu-west-1");

        assertThat(accounts).extracting(OrganizationAccount::id)
                .containsExactly("111111111111", "222222222222", "333333333333");
        assertThat(accounts).filteredOn(OrganizationAccount::active).extracting(OrganizationAccount::name)
                .containsExactly("prod");
        assertThat(wire.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(2)
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).contains("/us-east-1/organizations/"));
    }

    @Test
    void notInAnOrganization_saysToListTheAccountsInstead() {
        error(400, "AWSOrganizationsNotInUseException", "Your account is not a member of an organization.");
        AwsCallException e = catchThrowableOfType(AwsCallException.class,
                () -> session.organizationAccounts(TestSessions.ACCOUNT, "us-east-1"));
        assertThat(e.getMessage()).startsWith("--org: account " + TestSessions.ACCOUNT + " is not in an AWS "
                + "Organization; pass --accounts or --accounts-file instead");
    }

    @Test
    void memberAccount_isToldToUseTheManagementAccountOrADelegatedAdministrator() {
        error(400, "AccessDeniedException", "You don't have permissions to access this resource.");
        AwsCallException e = catchThrowableOfType(AwsCallException.class,
                () -> session.organizationAccounts(TestSessions.ACCOUNT, "us-east-1"));
        assertThat(e.reason()).isEqualTo(GapReason.ACCESS_DENIED);
        assertThat(e.getMessage()).contains("organizations:ListAccounts was denied to account "
                + TestSessions.ACCOUNT, "management account or of a delegated administrator");
    }

    @Test
    void homeRegion_isTheOrganizationsEndpointRegionOfThePartition() {
        assertThat(OrganizationAccounts.homeRegion("cn-north-1")).isEqualTo("cn-northwest-1");
        assertThat(OrganizationAccounts.homeRegion("us-gov-east-1")).isEqualTo("us-gov-west-1");
        assertThat(OrganizationAccounts.homeRegion("eu-central-1")).isEqualTo("us-east-1");
    }
}
