package dev.beampipe.model.config.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReportJsonTest {

    @Test
    void parseFailureReportMatchesTheCliExample() {
        String yaml = """
                apiVersion: beampipe.dev/v2
                kind: ProjectConfig
                metadata:
                  id: strict-cli-test
                  unknown_field: true
                adapters:
                  required: [casda]
                """;
        byte[] raw = yaml.getBytes(StandardCharsets.UTF_8);
        ValidationReport report = ProjectConfigValidation.validate(raw, SpecHasher.canonical());
        assertThat(dev.beampipe.model.canonical.CanonicalJson.write(report.toJson())).isEqualTo("{\"project_id\":\"strict-cli-test\",\"valid\":false,"
                + "\"errors\":[{\"path\":\"metadata.unknown_field\",\"severity\":\"error\",\"code\":\"invalid_config_structure\","
                + "\"message\":\"unknown field `unknown_field`, expected `id` or `description`\","
                + "\"hint\":\"remove unknown fields or correct the value to match the v2 schema\"}],"
                + "\"spec_sha256\":\"" + dev.beampipe.model.canonical.Sha256.hex(raw) + "\"}");
    }

    @Test
    void yamlFailureHasNoProjectIdAndTheYamlHint() {
        ValidationReport report = ProjectConfigValidation.validate("a: [1\n".getBytes(StandardCharsets.UTF_8),
                SpecHasher.canonical());
        assertThat(report.projectId()).isEmpty();
        assertThat(report.errors()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("invalid_yaml");
            assertThat(d.path()).matches("line \\d+, column \\d+");
            assertThat(d.hint()).isEqualTo("correct the YAML syntax and validate the document again");
        });
    }

    @Test
    void projectIdOfAStructuralFailureNeedsAStringId() {
        ValidationReport report = ProjectConfigValidation.validate(
                "apiVersion: a\nmetadata: {id: 5}\n".getBytes(StandardCharsets.UTF_8), SpecHasher.canonical());
        assertThat(report.projectId()).isEmpty();
        assertThat(report.errors()).singleElement().satisfies(d -> assertThat(d.path()).isEqualTo("metadata.id"));
    }

    @Test
    void validReportListsEmptyErrorsAndOmitsEmptyWarnings() {
        ValidationReport report = ProjectConfigValidation.validate(
                InvalidDocumentsTest.MINIMAL.getBytes(StandardCharsets.UTF_8), SpecHasher.canonical());
        assertThat(dev.beampipe.model.canonical.CanonicalJson.write(report.toJson())).isEqualTo("{\"project_id\":\"x\",\"valid\":true,\"errors\":[],"
                + "\"spec_sha256\":\"92a07c8d07bd0aa624b9b0d29393ce7651bec6990cca132c4e5d189dd2a7b25a\"}");
    }

    @Test
    void semanticDiagnosticsOmitAbsentHints() {
        assertThat(dev.beampipe.model.canonical.CanonicalJson.write(Diagnostic.error("kind", "invalid_kind", "kind must be ProjectConfig").toJson()))
                .isEqualTo("{\"path\":\"kind\",\"severity\":\"error\",\"code\":\"invalid_kind\","
                        + "\"message\":\"kind must be ProjectConfig\"}");
    }
}
