package dev.beampipe.model.profile;

/** A deployment profile document (40-backends §1.1): a named execution target. */
public record DeploymentProfile(
        String name,
        String description,
        String projectModule,
        boolean isDefault,
        Long maxConcurrentExecutions,
        Translation translation,
        Deployment deployment) {
}
