package dev.beampipe.api.executions;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.beampipe.model.ledger.ExecutionRequest;
import dev.beampipe.model.ledger.SourceSelection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** The strict {@code ExecutionCreate} body of prepare and create (unknown fields → 422, 20-api §1.5). */
@Schema(name = "ExecutionCreate", requiredProperties = {"project_module", "sources", "archive_name"})
public record ExecutionCreate(
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) String projectModule,
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) List<ExecutionSourceSelection> sources,
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) String archiveName,
        UUID deploymentProfileId,
        String deploymentProfileName) {

    @Schema(name = "ExecutionSourceSelection", requiredProperties = "source_identifier")
    public record ExecutionSourceSelection(
            @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) String sourceIdentifier,
            List<String> sbids) {
    }

    ExecutionRequest toRequest() {
        List<SourceSelection> selections = sources.stream()
                .map(s -> s == null ? new SourceSelection(null, null) : new SourceSelection(s.sourceIdentifier(), s.sbids()))
                .toList();
        return new ExecutionRequest(projectModule, selections, archiveName, deploymentProfileId, deploymentProfileName);
    }
}
