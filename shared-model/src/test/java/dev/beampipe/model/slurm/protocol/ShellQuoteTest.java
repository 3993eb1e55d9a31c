package dev.beampipe.model.slurm.protocol;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShellQuoteTest {

    @ParameterizedTest
    @CsvSource(delimiter = '#', quoteCharacter = '"', value = {
            "\"\"#''",
            "/scratch/p/dlg#/scratch/p/dlg",
            "a-b_c.d:e/F9#a-b_c.d:e/F9",
            "has space#'has space'",
            "it's#'it'\\''s'",
            "$HOME#'$HOME'",
            "%i|%T|%R#'%i|%T|%R'",
            "--export=A,B#'--export=A,B'",
    })
    void quoteFollowsTheSection45Rule(String input, String expected) {
        assertThat(ShellQuote.quote(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"\"|''",
            "/a/b|'/a/b'",
            "it's|'it'\"'\"'s'",
    })
    void singleQuotedUsesTheUploadForm(String input, String expected) {
        assertThat(ShellQuote.singleQuoted(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "plain", "with space", "it's \"quoted\"", "$(touch /tmp/x) `id` ; | & > <", "tab\there", "new\nline", "\"\"", "''",
    })
    void aRealBashGetsTheOriginalStringBack(String input) throws Exception {
        String s = input.replace("\\n", "\n");
        assertThat(echoThroughBash(ShellQuote.quote(s))).isEqualTo(s);
        assertThat(echoThroughBash(ShellQuote.singleQuoted(s))).isEqualTo(s);
    }

    static String echoThroughBash(String quoted) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("bash", "-c", "printf %s " + quoted)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        return out;
    }
}
