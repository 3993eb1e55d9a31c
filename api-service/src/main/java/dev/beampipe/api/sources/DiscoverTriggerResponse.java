package dev.beampipe.api.sources;

import java.util.List;

/** The reference's {@code DiscoverTriggerResponse}. */
public record DiscoverTriggerResponse(String projectModule, long markedCount, List<String> sourceIdentifiers, String message) {
    static final String MESSAGE = "Sources marked for rediscovery. Discovery runs asynchronously via the background scheduler.";
}
