package io.relyscan.cli;

import io.relyscan.collectors.IamActions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's IAM section is generated from the collectors' declared actions. Run with
 * -Drelyscan.updateDocs=true to rewrite it after adding a collector call.
 */
class ReadmeIamSectionTest {
    private static final String START = "<!-- iam-actions:start -->";
    private static final String END = "<!-- iam-actions:end -->";

    @Test
    void readme_listsExactlyTheDeclaredActions() throws Exception {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        assertThat(start).as("README has the IAM markers").isNotNegative();
        assertThat(end).isGreaterThan(start);
        String expected = START + "\n```json\n" + IamPolicyDocument.render() + "```\n" + END;
        String actual = text.substring(start, end + END.length());
        if (Boolean.getBoolean("relyscan.updateDocs") && !actual.equals(expected)) {
            Files.writeString(readme, text.substring(0, start) + expected + text.substring(end + END.length()),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(actual).as("README IAM section is stale; run mvn -pl cli test -Drelyscan.updateDocs=true")
                .isEqualTo(expected);
    }

    @Test
    void declaredActions_areReadOnly() {
        Pattern readOnly = Pattern.compile("[a-z0-9-]+:(Describe|List|Get)[A-Za-z0-9]+");
        assertThat(IamActions.all()).isNotEmpty().allSatisfy(a -> assertThat(a).matches(readOnly));
    }
}
