package dev.beampipe.api.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.model.profile.DeploymentProfile;
import dev.beampipe.model.profile.ProfileBinder;
import dev.beampipe.model.profile.ProfileFormatException;
import dev.beampipe.model.profile.ProfileValidator;

/**
 * A {@code DeploymentProfile} request body (20-api §2.5): strict at every level like the reference's serde types,
 * so a structural error (unknown or missing field, wrong type, bad enum value) is the framework's 422; a rule of
 * {@code DeploymentProfile::validate} is a 400 with the reference's message.
 */
final class ProfileRequests {
    static final String SHAPE_PREFIX = "Failed to deserialize the JSON body into the target type: ";

    private ProfileRequests() {
    }

    static DeploymentProfile bind(JsonNode body) {
        if (body == null || body.isMissingNode()) {
            throw ApiErrors.badRequest("Failed to parse the request body as JSON: the body is empty");
        }
        try {
            return ProfileBinder.bind(body);
        } catch (ProfileFormatException e) {
            String path = ".".equals(e.path()) ? "" : e.path() + ": ";
            throw ApiErrors.unprocessable(SHAPE_PREFIX + path + e.getMessage());
        }
    }

    static void validate(DeploymentProfile profile) {
        ProfileValidator.validate(profile).ifPresent(message -> {
            throw ApiErrors.badRequest(message);
        });
    }
}
