package dev.beampipe.model.sources;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SourceNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"HIPASSJ1318-21", "J1318-21", "NGC 4030", "ESO 123-G045", "2MASX J12345678+1234567",
            "WALLABY J100336-290711", "a", "src.v2_(b)", "M31[1]", "x:y/z"})
    void catalogueNamesAreIdentifiers(String id) {
        assertThat(SourceNames.identifierProblem(id)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", " HIPASS", "HIPASS ", "'; DROP TABLE source_registry; --", "a'b", "a\"b",
            "<script>alert(1)</script>", "a;b", "a\\b", "a\u0000b", "tab\there", "line\nbreak", "-leading", "ünïcode"})
    void hostileOrMalformedIdentifiersAreRefused(String id) {
        assertThat(SourceNames.identifierProblem(id)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"wallaby_hires", "hipass_sample", "WALLABY-2", "p.v1"})
    void projectModules(String module) {
        assertThat(SourceNames.moduleProblem(module)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "wallaby hires", "_x", "a'b", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "<b>"})
    void badProjectModules(String module) {
        assertThat(SourceNames.moduleProblem(module)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 101})
    void identifierLengthLimit(int length) {
        assertThat(SourceNames.identifierProblem("x".repeat(length)).isPresent()).isEqualTo(length > 100);
    }

    @org.junit.jupiter.api.Test
    void messagesQuoteValuesSafely() {
        assertThat(SourceNames.identifierProblem("a\u0001b'").orElseThrow()).contains("a\\u0001b'");
    }
}
