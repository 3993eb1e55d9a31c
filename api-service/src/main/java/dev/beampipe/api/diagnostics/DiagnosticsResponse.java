package dev.beampipe.api.diagnostics;

import dev.beampipe.api.errors.Diagnostic;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** {@code healthy} = no diagnostic of severity {@code error}. */
@Schema(requiredProperties = {"healthy", "generated_at", "diagnostics"})
public record DiagnosticsResponse(boolean healthy, Instant generatedAt, List<Diagnostic> diagnostics) {
    static DiagnosticsResponse of(List<Diagnostic> diagnostics, Instant at) {
        return new DiagnosticsResponse(diagnostics.stream().noneMatch(d -> "error".equals(d.severity())), at, List.copyOf(diagnostics));
    }
}
