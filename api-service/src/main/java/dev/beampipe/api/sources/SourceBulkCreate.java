package dev.beampipe.api.sources;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** {@code POST /api/v2/sources/bulk} body. */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(requiredProperties = "items")
public record SourceBulkCreate(
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL, contentNulls = Nulls.FAIL) List<SourceCreate> items) {
}
