package dev.beampipe.api.sources;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** {@code POST /api/v2/sources/discover} body: at most one of the two identifier fields; an empty list means all. */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(requiredProperties = "project_module")
public record DiscoverTriggerRequest(
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) String projectModule,
        String sourceIdentifier,
        @JsonSetter(contentNulls = Nulls.FAIL) List<String> sourceIdentifiers) {
}
