package io.relyscan.collectors;

import io.relyscan.core.error.InputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CrossAccountRoleTest {
    @Test
    void named_usesThePartitionOfTheRegion() {
        CrossAccountRole role = CrossAccountRole.named("Audit", null);

        assertThat(role.arn("111122223333", "us-east-1")).isEqualTo("arn:aws:iam::111122223333:role/Audit");
        assertThat(role.arn("111122223333", "cn-north-1")).isEqualTo("arn:aws-cn:iam::111122223333:role/Audit");
    }

    @Test
    void template_replacesTheAccount() {
        CrossAccountRole role = new CrossAccountRole("arn:aws:iam::{account}:role/ops/Audit", "ext-1");

        assertThat(role.arn("222233334444", "eu-west-1")).isEqualTo("arn:aws:iam::222233334444:role/ops/Audit");
    }

    @Test
    void template_withoutAccount_isRejected() {
        assertThatThrownBy(() -> new CrossAccountRole("arn:aws:iam::111122223333:role/Audit", null))
                .isInstanceOf(InputException.class).hasMessageContaining("must contain {account}");
    }

    @Test
    void template_thatIsNotARoleArn_isRejected() {
        assertThatThrownBy(() -> new CrossAccountRole("{account}/Audit", null))
                .isInstanceOf(InputException.class).hasMessageContaining("is not an IAM role ARN");
    }

    @Test
    void sessionName_isRecognizableAndWithinStsLimits() {
        assertThat(TargetAccount.sessionName()).matches("relyscan-\\d{14}").hasSizeLessThanOrEqualTo(64);
    }
}
