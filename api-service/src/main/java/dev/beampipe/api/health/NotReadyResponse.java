package dev.beampipe.api.health;

import dev.beampipe.api.errors.ApiErrorResponse;
import dev.beampipe.api.errors.Failure;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/** The 503 body of {@code /api/v2/ready}: an {@link ApiErrorResponse} that also shows every check. */
@Schema(requiredProperties = {"error", "code", "failure", "checks", "tap_casda", "tap_vizier", "dependency_up"})
public record NotReadyResponse(String error, String code, Failure failure, Map<String, ReadyCheck> checks,
                               String tapCasda, String tapVizier, Map<String, Integer> dependencyUp) {
    static NotReadyResponse of(Failure failure, Map<String, ReadyCheck> checks, ReadyDependencies dependencies) {
        return new NotReadyResponse(failure.message(), failure.code(), failure, checks, dependencies.tapCasda(),
                dependencies.tapVizier(), dependencies.dependencyUp());
    }
}
