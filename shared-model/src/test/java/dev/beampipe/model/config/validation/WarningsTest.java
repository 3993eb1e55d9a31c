package dev.beampipe.model.config.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beampipe.model.config.model.ProjectConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WarningsTest {

    private static final String MINIMAL = InvalidDocumentsTest.MINIMAL;

    private static ProjectConfig parse(String yaml) {
        return ((ParseResult.Parsed) ProjectConfigValidation.parse(yaml)).config();
    }

    private static List<String> codes(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(Diagnostic::code).toList();
    }

    static Stream<Arguments> revisions() {
        String prepare = "discovery:\n  prepare_metadata:\n";
        return Stream.of(
                Arguments.of("identical", MINIMAL, MINIMAL, List.of()),
                Arguments.of("comments only", MINIMAL, "# hi\n" + MINIMAL, List.of()),
                Arguments.of("exclude fields changed",
                        MINIMAL + prepare + "    signature: {exclude_fields: [a]}\n",
                        MINIMAL + prepare + "    signature: {exclude_fields: [a, b]}\n", List.of("signature_changed")),
                Arguments.of("signature absent vs {}", MINIMAL + prepare + "    field_map: {}\n",
                        MINIMAL + prepare + "    signature: {}\n", List.of("signature_changed")),
                Arguments.of("unknown signature keys do not count", MINIMAL + prepare + "    signature: {}\n",
                        MINIMAL + prepare + "    signature: {note: x}\n", List.of()),
                Arguments.of("field map changed", MINIMAL + prepare + "    field_map: {a: {from: x}}\n",
                        MINIMAL + prepare + "    field_map: {a: {from: y}}\n", List.of("field_map_changed")),
                Arguments.of("prepare_metadata appears", MINIMAL, MINIMAL + prepare + "    field_map: {}\n",
                        List.of("field_map_changed")),
                Arguments.of("definitions {} vs absent", MINIMAL, MINIMAL + "definitions: {}\n",
                        List.of("definitions_changed")),
                Arguments.of("empty transforms equal {}", MINIMAL + "definitions: {}\n",
                        MINIMAL + "definitions: {transforms: {}}\n", List.of()),
                Arguments.of("all three", MINIMAL + "definitions: {transforms: {t: {kind: trim}}}\n",
                        MINIMAL + "definitions: {transforms: {t: {kind: trim}, u: {kind: trim}}}\n" + prepare
                                + "    field_map: {a: {from: x, transform: t}}\n    signature: {}\n",
                        List.of("signature_changed", "field_map_changed", "definitions_changed")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("revisions")
    void comparesWithThePreviousRevision(String name, String previous, String next, List<String> expected) {
        assertThat(codes(RevisionWarnings.compare(parse(previous), parse(next)))).isEqualTo(expected);
    }

    @Test
    void revisionWarningsHaveTheSpecPathsAndMessages() {
        String prepare = "discovery:\n  prepare_metadata:\n";
        List<Diagnostic> warnings = RevisionWarnings.compare(parse(MINIMAL),
                parse(MINIMAL + "definitions: {}\n" + prepare + "    signature: {}\n"));
        assertThat(warnings).containsExactly(
                Diagnostic.warning("discovery.prepare_metadata.signature", "signature_changed",
                        "discovery signature config changed; expect discovery re-signatures and a workflow_run_pending wave"),
                Diagnostic.warning("discovery.prepare_metadata.field_map", "field_map_changed",
                        "field_map changed; prepared metadata shape and discovery signatures may change"),
                Diagnostic.warning("definitions.transforms", "definitions_changed",
                        "definitions.transforms changed; prepared metadata shape and discovery signatures may change"));
    }

    @Test
    void inFlightPinsTakeACount() {
        assertThat(RevisionWarnings.inFlightConfigPins(3)).isEqualTo(Diagnostic.warning("spec_sha256",
                "in_flight_config_pins", "3 in-flight execution(s) pin a different project config spec_sha256; "
                        + "new config applies to future runs only"));
    }

    @Test
    void flagsWithoutSignatureSectionWarn() {
        String yaml = MINIMAL + "discovery:\n  prepare_metadata:\n    discovery_flags: {f: {from: enrichments.x}}\n";
        ValidationReport report = ProjectConfigValidation.validate(yaml.getBytes(StandardCharsets.UTF_8),
                SpecHasher.canonical());
        assertThat(report.valid()).isTrue();
        assertThat(report.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo("signature_defaults_drop_flags");
            assertThat(w.path()).isEqualTo("discovery.prepare_metadata.signature");
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
        });
        String withSignature = yaml + "    signature: {}\n";
        assertThat(ProjectConfigValidation.validate(withSignature.getBytes(StandardCharsets.UTF_8),
                SpecHasher.canonical()).warnings()).isEmpty();
    }

    @Test
    void uploadReportCarriesRevisionWarningsWithoutChangingValidity() {
        ValidationReport report = ProjectConfigValidation.validate(
                (MINIMAL + "definitions: {}\n").getBytes(StandardCharsets.UTF_8), SpecHasher.canonical(), parse(MINIMAL));
        assertThat(report.valid()).isTrue();
        assertThat(codes(report.warnings())).containsExactly("definitions_changed");
        assertThat(codes(report.withWarnings(List.of(RevisionWarnings.inFlightConfigPins(1))).warnings()))
                .containsExactly("definitions_changed", "in_flight_config_pins");
    }
}
