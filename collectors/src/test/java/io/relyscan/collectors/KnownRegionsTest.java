package io.relyscan.collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KnownRegionsTest {
    @Test
    void isKnown_acceptsRealRegionsOnly() {
        assertThat(KnownRegions.isKnown("eu-west-1")).isTrue();
        assertThat(KnownRegions.isKnown("EU-WEST-1")).isTrue();
        assertThat(KnownRegions.isKnown("eu-wset-1")).isFalse();
        assertThat(KnownRegions.isKnown("aws-global")).isFalse();
        assertThat(KnownRegions.isKnown(null)).isFalse();
        assertThat(KnownRegions.similarTo("eu-wset-1")).contains("eu-west-1").allMatch(r -> r.startsWith("eu-"));
    }

    @Test
    void samePartition_separatesCommercialChinaAndGovCloud() {
        assertThat(KnownRegions.samePartition("us-east-1", "ap-southeast-2")).isTrue();
        assertThat(KnownRegions.samePartition("us-east-1", "cn-north-1")).isFalse();
        assertThat(KnownRegions.samePartition("us-east-1", "us-gov-west-1")).isFalse();
        assertThat(KnownRegions.samePartition("cn-north-1", "cn-northwest-1")).isTrue();
    }
}
