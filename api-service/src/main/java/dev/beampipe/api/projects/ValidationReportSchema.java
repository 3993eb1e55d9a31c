package dev.beampipe.api.projects;

import dev.beampipe.api.errors.Diagnostic;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The documented shape of the model's {@code ValidationReport.toJson()} (responses are written from the model; this
 * record only feeds the OpenAPI document). {@code warnings} is omitted when empty.
 */
@Schema(name = "ValidationReport", requiredProperties = {"project_id", "valid", "errors", "spec_sha256"})
public record ValidationReportSchema(String projectId, boolean valid, List<Diagnostic> errors, List<Diagnostic> warnings,
                              String specSha256) {
}
