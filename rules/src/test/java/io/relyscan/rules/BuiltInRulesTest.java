package io.relyscan.rules;

import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleMetadata;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class BuiltInRulesTest {
    private final List<Rule> rules = BuiltInRules.all();

    @Test
    void all_hasUniqueIdsInSortedOrder() {
        List<String> ids = rules.stream().map(r -> r.metadata().id()).toList();

        assertThat(ids).doesNotHaveDuplicates().isSorted();
        assertThat(ids).hasSize(47);
    }

    @Test
    void all_coversEveryCoreCatalogRowR01ToR47ExactlyOnce() {
        List<String> everyCoreRow = java.util.stream.IntStream.rangeClosed(1, 47)
                .mapToObj(n -> String.format("R%02d", n)).toList();
        assertThat(rules.stream().map(r -> r.metadata().catalogId()).toList()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(everyCoreRow);
    }

    @Test
    void all_eachRuleHasTestClassInSamePackage() {
        for (Rule rule : rules) {
            Class<?> type = rule.getClass();
            String testName = type.getPackageName() + "." + type.getSimpleName() + "Test";
            assertThatCode(() -> Class.forName(testName)).as("test class for %s", type.getSimpleName())
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void all_eachRuleMapsEveryFramework() {
        for (Rule rule : rules) {
            RuleMetadata m = rule.metadata();
            for (Framework framework : Framework.values()) {
                assertThat(m.controls(framework)).as("%s controls for %s", m.id(), framework).isNotEmpty();
            }
            assertThat(m.rationale()).as(m.id()).isNotBlank();
            assertThat(m.remediation()).as(m.id()).isNotBlank();
        }
    }

    @Test
    void all_rulesAreFinalAndStateless() {
        for (Rule rule : rules) {
            Class<?> type = rule.getClass();
            assertThat(Modifier.isFinal(type.getModifiers())).as("%s is final", type.getSimpleName()).isTrue();
            for (Field field : type.getDeclaredFields()) {
                assertThat(Modifier.isStatic(field.getModifiers()) && Modifier.isFinal(field.getModifiers()))
                        .as("%s.%s is a constant", type.getSimpleName(), field.getName()).isTrue();
            }
        }
    }

    /**
     * Rules are pure: scans the compiled classes of the package (rules and their helpers) for references to
     * the clock, randomness, files and the network. Time comes from RuleContext.now() only.
     */
    @Test
    void package_referencesNoClockRandomnessOrIo() throws Exception {
        Path classes = Path.of(BuiltInRules.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/relyscan/rules");
        List<String> forbidden = List.of("java/time/Clock", "java/util/Random", "java/security/SecureRandom",
                "java/util/concurrent/ThreadLocalRandom", "java/util/UUID", "currentTimeMillis", "nanoTime",
                "java/io/File", "java/nio/file", "java/net/", "java/lang/Thread");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(f -> f.toString().endsWith(".class")).toList();
        }
        assertThat(files).hasSizeGreaterThan(rules.size());
        for (Path file : files) {
            String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(forbidden).as("forbidden references in %s", file.getFileName())
                    .noneMatch(constants::contains);
            boolean instantNow = constants.contains("java/time/Instant") && constants.contains("now")
                    && !constants.contains("io/relyscan/core/rule/RuleContext");
            assertThat(instantNow).as("%s calls Instant.now()", file.getFileName()).isFalse();
        }
    }

    @Test
    void all_metadataIsStableAcrossCalls() {
        assertThat(rules).allSatisfy(r -> assertThat(r.metadata()).isSameAs(r.metadata()));
        assertThat(Arrays.asList(rules.toArray())).isEqualTo(BuiltInRules.all());
    }
}
