package dev.beampipe.api.diagnostics;

import dev.beampipe.api.errors.Diagnostic;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code healthy} = no diagnostic of severity {@code error}. {@code dependency_up} (ours): the values of
 * {@code beampipe_dependency_up} ({@code postgres}, {@code casda}, {@code vizier}) as this run measured them.
 */
@Schema(requiredProperties = {"healthy", "generated_at", "diagnostics", "dependency_up"})
public record DiagnosticsResponse(boolean healthy, Instant generatedAt, List<Diagnostic> diagnostics,
                                  Map<String, Integer> dependencyUp) {
    static DiagnosticsResponse of(DiagnosticChecks.Findings findings, Instant at) {
        List<Diagnostic> diagnostics = findings.diagnostics();
        return new DiagnosticsResponse(diagnostics.stream().noneMatch(d -> "error".equals(d.severity())), at,
                List.copyOf(diagnostics), findings.dependencyUp());
    }
}
