package dev.beampipe.api.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** The reference's {@code ProvenanceEventResponse}; the payload is redacted. */
@Schema(requiredProperties = {"id", "occurred_at", "event_type", "project_module", "payload"})
public record ProvenanceEventResponse(
        UUID id,
        Instant occurredAt,
        String eventType,
        String projectModule,
        String sourceIdentifier,
        UUID executionId,
        String actor,
        String correlationId,
        JsonNode payload) {
}
