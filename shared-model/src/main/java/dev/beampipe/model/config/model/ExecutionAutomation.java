package dev.beampipe.model.config.model;

/** {@code automation.execution} (§2.11); boxed components are nullable (absent). */
public record ExecutionAutomation(
        boolean enabled,
        String archiveName,
        long maxSourcesPerExecution,
        long tickExecutionSourceLimit,
        long tickExecutionRunLimit,
        long minSourcesToTrigger,
        long maxWaitMinutes,
        long claimTtlMinutes,
        Long concurrentExecutionRunLimit,
        String deploymentProfileName,
        Long executionSlurmRemotePollMaxRounds,
        Long executionRestRemotePollMaxRounds,
        Double executionRestRemotePollIntervalSeconds,
        Double executionSlurmRemotePollIntervalSeconds) {

    public static final ExecutionAutomation DEFAULT =
            new ExecutionAutomation(false, "casda", 20, 500, 20, 1, 1440, 180, null, null, null, null, null, null);
}
