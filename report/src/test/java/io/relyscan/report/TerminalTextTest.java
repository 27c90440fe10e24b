package io.relyscan.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTextTest {
    private static final String R = "\uFFFD";

    @Test
    void sanitize_leavesOrdinaryTextAlone() {
        String text = "orders-db (prod) \u00e9t\u00e9 \u4e2d\u6587 \ud83d\ude80 [x] 100%";
        assertThat(TerminalText.sanitize(text)).isEqualTo(text);
        assertThat(TerminalText.sanitize("plain ascii")).isSameAs("plain ascii");
    }

    @Test
    void sanitize_loneEscapeAtTheEnd_isReplaced() {
        assertThat(TerminalText.sanitize("abc\u001b")).isEqualTo("abc\uFFFD");
    }

    @Test
    void sanitize_null_isEmpty() {
        assertThat(TerminalText.sanitize(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "SGR colour          | a\u001b[31mred\u001b[0mb           | a\uFFFDred\uFFFDb",
            "erase screen        | x\u001b[2J\u001b[Hy              | x\uFFFD\uFFFDy",
            "private CSI         | x\u001b[?25ly                    | x\uFFFDy",
            "OSC title with BEL  | a\u001b]0;pwned\u0007b           | a\uFFFDb",
            "OSC link with ST    | a\u001b]8;;http://x\u001b\\b     | a\uFFFDb",
            "unterminated OSC    | a\u001b]0;the rest stays        | a\uFFFD0;the rest stays",
            "DCS                 | a\u001bPq#0;2;0\u001b\\b         | a\uFFFDb",
            "two-byte escape     | a\u001bcb                        | a\uFFFDb",
            "charset escape      | a\u001b(Bb                       | a\uFFFDb",
            "8-bit CSI           | a\u009b31mb                      | a\uFFFDb",
            "8-bit OSC           | a\u009d0;t\u009cb                | a\uFFFD0;t\uFFFDb",
    })
    void sanitize_replacesEscapeSequencesWithOneMarker(String name, String input, String expected) {
        assertThat(TerminalText.sanitize(input.strip())).isEqualTo(expected.strip());
    }

    @Test
    void sanitize_turnsLineBreaksIntoSpaces_soNothingCanStartALineOfItsOwn() {
        assertThat(TerminalText.sanitize("a\r\n[PASS] b\rc\td\u000be\u000cf\u0085g\u2028h\u2029i"))
                .isEqualTo("a  [PASS] b c d e f g h i");
    }

    @Test
    void sanitize_replacesControlAndBidiCharacters() {
        assertThat(TerminalText.sanitize("a\u0000b\u0007c\u0008d\u007fe\u0090f"))
                .isEqualTo("a" + R + "b" + R + "c" + R + "d" + R + "e" + R + "f");
        assertThat(TerminalText.sanitize("gnp.\u202eexe\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f"))
                .isEqualTo("gnp." + R + "exe" + R.repeat(10));
        assertThat(TerminalText.sanitize("zero\u200bwidth\ufeff")).isEqualTo("zero" + R + "width" + R);
    }

    @Test
    void sanitize_replacesUnpairedSurrogates() {
        assertThat(TerminalText.sanitize("a\ud800b\udc00c")).isEqualTo("a" + R + "b" + R + "c");
    }

    @Test
    void sanitize_leavesNoControlOrFormatCharacterForAnyInput() {
        String everyControl = IntStream.concat(IntStream.rangeClosed(0, 0xA0), IntStream.rangeClosed(0x2000, 0x206F))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        String clean = TerminalText.sanitize(everyControl + "\u001b[" + everyControl);
        assertThat(clean.codePoints()).noneMatch(cp -> Character.getType(cp) == Character.CONTROL
                || Character.getType(cp) == Character.FORMAT || Character.getType(cp) == Character.LINE_SEPARATOR
                || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR);
    }
}
