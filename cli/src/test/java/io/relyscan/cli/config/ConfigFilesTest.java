package io.relyscan.cli.config;

import io.relyscan.core.error.InputException;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.rules.BuiltInRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigFilesTest {
    private static final List<RuleMetadata> BUILT_IN = BuiltInRules.all().stream().map(Rule::metadata).toList();

    @TempDir
    Path tmp;

    @Test
    void load_explicitFileMissing_isError() {
        Path missing = tmp.resolve("missing.yaml");

        assertThatThrownBy(() -> ConfigFiles.load(missing, tmp.resolve("relyscan.yaml"), BUILT_IN))
                .isInstanceOf(InputException.class).hasMessage("--config: " + missing + " does not exist");
    }

    @Test
    void load_noExplicitFileAndNoDefault_isDefaults() {
        assertThat(ConfigFiles.load(null, tmp.resolve("relyscan.yaml"), BUILT_IN))
                .isEqualTo(RelyscanConfig.defaults());
    }

    @Test
    void load_defaultFilePresent_isRead() throws Exception {
        Path file = Files.writeString(tmp.resolve("relyscan.yaml"),
                "version: 1\nrules:\n  cw-alarm-has-actions: {enabled: false}\n");

        RelyscanConfig config = ConfigFiles.load(null, file, BUILT_IN);

        assertThat(config.source()).contains(file.toString());
        assertThat(config.enabled("cw-alarm-has-actions")).isFalse();
    }

    @Test
    void load_explicitFileWinsOverDefault() throws Exception {
        Path fallback = Files.writeString(tmp.resolve("relyscan.yaml"), "not: valid\n");
        Path explicit = Files.writeString(tmp.resolve("other.yaml"), "version: 1\n");

        assertThat(ConfigFiles.load(explicit, fallback, BUILT_IN).source()).contains(explicit.toString());
    }

    @Test
    void read_directory_isError() {
        assertThatThrownBy(() -> ConfigFiles.read(tmp, BUILT_IN)).isInstanceOf(InputException.class)
                .hasMessage(tmp + ": is a directory, not a configuration file");
    }

    @Test
    void read_invalidUtf8_isError() throws Exception {
        Path file = Files.write(tmp.resolve("latin1.yaml"), new byte[]{'v', ':', ' ', (byte) 0xE9, '\n'});

        assertThatThrownBy(() -> ConfigFiles.read(file, BUILT_IN)).isInstanceOf(InputException.class)
                .hasMessage(file + ": not valid UTF-8 text");
    }

    @Test
    void bundledExample_isValidForTheBuiltInRules() {
        RelyscanConfig config = ConfigFiles.read(Path.of("..", "examples", "relyscan.yaml"), BUILT_IN);

        assertThat(config.tier1()).isPresent();
        assertThat(config.rules()).isNotEmpty();
        assertThat(config.rules().values()).anySatisfy(r -> assertThat(r.enabled()).isFalse());
        assertThat(config.rules().values()).anySatisfy(r -> assertThat(r.severity()).isPresent());
        assertThat(config.rules().values()).anySatisfy(r -> assertThat(r.parameters()).isNotEmpty());
        assertThat(config.rules().get("cw-critical-resource-alarm-coverage").parameters())
                .containsEntry("dbInstanceMetrics", "CPUUtilization,FreeStorageSpace,DatabaseConnections")
                .containsEntry("applicationLoadBalancerMetrics", "HTTPCode_ELB_5XX_Count,TargetResponseTime");
    }
}
