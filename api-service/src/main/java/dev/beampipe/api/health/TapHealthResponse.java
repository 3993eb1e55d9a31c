package dev.beampipe.api.health;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** {@code checked_at} (when the cached probe ran) is our addition. */
@Schema(requiredProperties = {"casda", "vizier"})
public record TapHealthResponse(String casda, String vizier, Instant checkedAt) {
}
