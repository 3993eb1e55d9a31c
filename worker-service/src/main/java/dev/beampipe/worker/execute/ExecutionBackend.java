package dev.beampipe.worker.execute;

import dev.beampipe.model.profile.Deployment;

/**
 * Where the execute job sends a prepared run: the REST DALiuGE path ({@link RestDaliugeBackend}), Slurm over SSH
 * ({@link SlurmExecutionBackend}) or, with real backends disabled, nowhere ({@link DryRunBackend},
 * {@link SlurmDryRunBackend}). Implementations classify their errors as {@link SubmitFailure} and must not run past
 * {@link SubmitRequest#deadline()} (see {@link DeadlineBound}).
 */
public interface ExecutionBackend {
    /** The intent's and receipt's {@code scheduler_name}: {@code daliuge} (REST) or {@code slurm}. */
    String schedulerName();

    /** The intent's {@code daliuge_manager_url}: the DIM REST base for REST, none for Slurm. */
    String managerUrl(Deployment deployment);

    /**
     * The intent's {@code target_fingerprint} (40-backends §4.1): the resolved SSH target's for Slurm (frozen at the
     * intent, so the name lookup refuses a changed target), none for REST.
     */
    String targetFingerprint(Deployment deployment);

    Submitted submit(SubmitRequest request) throws SubmitFailure, InterruptedException;
}
