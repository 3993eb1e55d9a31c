package dev.beampipe.model.ledger;

import java.util.List;
import java.util.UUID;

/** The {@code ExecutionCreate} body shared by prepare and create (20-api §2.4). */
public record ExecutionRequest(String projectModule, List<SourceSelection> sources, String archiveName,
                               UUID deploymentProfileId, String deploymentProfileName) {
    public ExecutionRequest {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** Strings trimmed the way admission, storage and the request hash see them. */
    public ExecutionRequest trimmed() {
        return new ExecutionRequest(SourceSelection.trim(projectModule),
                sources.stream().map(SourceSelection::trimmed).toList(), SourceSelection.trim(archiveName),
                deploymentProfileId, SourceSelection.trim(deploymentProfileName));
    }
}
