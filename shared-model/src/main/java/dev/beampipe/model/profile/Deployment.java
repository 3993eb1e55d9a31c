package dev.beampipe.model.profile;

/** {@code deployment}, tagged by {@code kind}. */
public sealed interface Deployment permits RestRemoteDeployment, SlurmRemoteDeployment {
    String kind();
}
