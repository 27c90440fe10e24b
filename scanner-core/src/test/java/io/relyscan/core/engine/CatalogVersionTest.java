package io.relyscan.core.engine;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.RuleParameter;
import io.relyscan.core.rule.Severity;
import io.relyscan.core.rule.Tier1Selector;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogVersionTest {
    private static RuleMetadata rule(String id, Severity severity, RuleParameter... parameters) {
        return new RuleMetadata(id, "R01", "title", severity, "DbInstance", "why", "fix",
                Arrays.stream(Framework.values()).map(f -> ControlRef.anchored(f, "C-1")).toList(),
                List.of(parameters), Set.of(AwsService.RDS));
    }

    private static final RuleMetadata RETENTION = rule("rds-backup-retention", Severity.MEDIUM,
            RuleParameter.integer("minRetentionDays", 7, 1, "days"), RuleParameter.bool("strict", false, "strict"));
    private static final RuleMetadata MULTI_AZ = rule("rds-instance-multi-az", Severity.HIGH);

    @Test
    void digest_isSha256OfTheDocumentedText() throws Exception {
        EngineSettings settings = EngineSettings.defaults()
                .withParameters(Map.of("rds-backup-retention", Map.of("minRetentionDays", "14")))
                .withTier1(new Tier1Selector("criticality", Set.of("tier-1", "critical")));
        String text = "rule rds-backup-retention MEDIUM\nparam minRetentionDays=14\nparam strict=false\n"
                + "rule rds-instance-multi-az HIGH\ntier1 criticality=critical|tier-1\n";
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));

        CatalogVersion version = CatalogVersion.of("1.2.3", List.of(MULTI_AZ, RETENTION), settings);

        assertThat(version).isEqualTo(new CatalogVersion("1.2.3", expected));
    }

    @Test
    void everySettingThatDecidesFindings_changesTheDigest() {
        CatalogVersion base = CatalogVersion.ofDefaults("1", List.of(RETENTION, MULTI_AZ));
        assertThat(CatalogVersion.ofDefaults("1", List.of(MULTI_AZ, RETENTION))).isEqualTo(base);
        assertThat(CatalogVersion.ofDefaults("1", List.of(RETENTION)).digest()).isNotEqualTo(base.digest());
        assertThat(CatalogVersion.ofDefaults("1", List.of(rule("rds-backup-retention", Severity.HIGH,
                RETENTION.parameters().toArray(RuleParameter[]::new)), MULTI_AZ)).digest())
                .isNotEqualTo(base.digest());
        assertThat(CatalogVersion.of("1", List.of(RETENTION, MULTI_AZ), EngineSettings.defaults()
                .withParameters(Map.of("rds-backup-retention", Map.of("strict", "true")))).digest())
                .isNotEqualTo(base.digest());
        assertThat(CatalogVersion.of("1", List.of(RETENTION, MULTI_AZ), EngineSettings.defaults()
                .withTier1(Tier1Selector.anyValueOf("tier"))).digest()).isNotEqualTo(base.digest());
        // A configured value equal to the default is the same catalog.
        assertThat(CatalogVersion.of("1", List.of(RETENTION, MULTI_AZ), EngineSettings.defaults()
                .withParameters(Map.of("rds-backup-retention", Map.of("minRetentionDays", "7"))))).isEqualTo(base);
        assertThat(CatalogVersion.ofDefaults("2", List.of(RETENTION, MULTI_AZ))).isNotEqualTo(base);
    }

    @Test
    void digest_mustBeSha256Hex() {
        assertThatThrownBy(() -> new CatalogVersion("1", "abc")).isInstanceOf(IllegalArgumentException.class);
    }
}
