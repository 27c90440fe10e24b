package io.relyscan.e2e;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.net.URI;

/**
 * Fixtures of multi-account tests in moto, which gives credentials from AssumeRole the account of the role ARN:
 * the caller's credentials, a member account's, and a DB instance created in an account.
 */
final class MemberAccounts {
    static final String REGION = "us-east-1";

    private MemberAccounts() {
    }

    /** The static credentials of the caller (moto's default account 123456789012). */
    static AwsCredentialsProvider caller() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(AwsClients.ACCESS_KEY,
                AwsClients.SECRET_KEY));
    }

    /** Credentials in {@code account}, from AssumeRole of its role {@code Audit}. */
    static AwsCredentialsProvider assumed(URI emulator, String account) {
        try (StsClient sts = StsClient.builder().endpointOverride(emulator).region(Region.of(REGION))
                .credentialsProvider(caller()).build()) {
            Credentials c = sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/Audit")
                    .roleSessionName("fixture")).credentials();
            return StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(),
                    c.secretAccessKey(), c.sessionToken()));
        }
    }

    /** A small PostgreSQL DB instance named {@code name} in us-east-1, created with {@code credentials}. */
    static void createDbInstance(URI emulator, AwsCredentialsProvider credentials, String name) {
        try (RdsClient rds = RdsClient.builder().endpointOverride(emulator).region(Region.of(REGION))
                .credentialsProvider(credentials).build()) {
            rds.createDBInstance(b -> b.dbInstanceIdentifier(name).engine("postgres").dbInstanceClass("db.t3.micro")
                    .allocatedStorage(20).masterUsername("admin1").masterUserPassword("secret-password-1"));
        }
    }

    /** A DB instance in a member account, created with that account's assumed-role credentials. */
    static void createDbInstance(URI emulator, String account, String name) {
        createDbInstance(emulator, assumed(emulator, account), name);
    }
}
