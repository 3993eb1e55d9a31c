package dev.beampipe.api.executions;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /executions/{id}/execute} body: both flags default to true (20-api §8 item 8); lenient about unknown fields. */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(name = "ExecuteRequest")
public record ExecuteRequest(Boolean doStage, Boolean doSubmit) {
}
