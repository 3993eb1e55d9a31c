package dev.beampipe.model.daliuge;

/** One entry of {@code GET /api/sessions}: {@code {"sessionId","status","size"}}. */
public record SessionSummary(String sessionId, SessionStatus status, long size) {
}
