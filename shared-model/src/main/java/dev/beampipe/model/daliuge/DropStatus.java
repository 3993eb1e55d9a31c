package dev.beampipe.model.daliuge;

import java.util.Optional;

/** One drop of {@code graph/status}: {@code {"status": n[, "execStatus": n]}} (apps carry execStatus). */
public record DropStatus(String oid, DropState state, Optional<AppState> execState, boolean error) {
}
