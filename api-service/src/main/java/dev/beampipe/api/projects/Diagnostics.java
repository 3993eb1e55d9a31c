package dev.beampipe.api.projects;

import dev.beampipe.api.errors.Diagnostic;

import java.util.List;

/** Validation findings of the config model as {@code failure.diagnostics} entries. */
final class Diagnostics {
    private Diagnostics() {
    }

    static List<Diagnostic> of(List<dev.beampipe.model.config.validation.Diagnostic> findings) {
        return findings.stream()
                .map(d -> new Diagnostic(d.path(), d.severity().wireName(), d.code(), d.message(), d.hint()))
                .toList();
    }
}
