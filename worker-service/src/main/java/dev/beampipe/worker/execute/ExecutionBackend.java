package dev.beampipe.worker.execute;

/**
 * Where the execute job sends a prepared run: the REST DALiuGE path ({@link RestDaliugeBackend}) or, with real
 * backends disabled, nowhere ({@link DryRunBackend}). Implementations classify their errors as {@link SubmitFailure}
 * and must not run past {@link SubmitRequest#deadline()} (see {@link DeadlineBound}).
 */
public interface ExecutionBackend {
    /** {@code daliuge} for both: the receipt and the poll follow the DALiuGE REST path. */
    String schedulerName();

    Submitted submit(SubmitRequest request) throws SubmitFailure, InterruptedException;
}
