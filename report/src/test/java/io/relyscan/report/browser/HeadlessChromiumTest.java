package io.relyscan.report.browser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeadlessChromiumTest {
    @Test
    void withoutChromium_theBrowserTestsFail_sayingWhatToInstall(@TempDir Path empty) {
        assertThatThrownBy(() -> HeadlessChromium.binary(Map.of("PATH", empty.toString())))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("scripts/test").hasMessageContaining("apt-get install chromium");
    }

    @Test
    void chromiumVariable_namesTheBinary() {
        assertThat(HeadlessChromium.binary(Map.of("CHROMIUM", "/opt/chrome/chrome", "PATH", "")))
                .isEqualTo(Path.of("/opt/chrome/chrome"));
    }
}
