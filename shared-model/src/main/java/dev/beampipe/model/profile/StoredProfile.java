package dev.beampipe.model.profile;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of {@code daliuge_deployment_profile}. */
public record StoredProfile(UUID id, DeploymentProfile profile, int revision, String specSha256,
                            OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
