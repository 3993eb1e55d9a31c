package dev.beampipe.cli.timeline;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * One provenance event as the timeline shows it. {@code detail} is the event's payload with secrets redacted;
 * {@code sourceIdentifier} and {@code executionId} say what it is about (printed in the project feed, where events
 * of many sources mix).
 */
public record TimelineEvent(Instant at, String eventType, String sourceIdentifier, UUID executionId,
                            String correlationId, JsonNode detail) {
}
