package dev.beampipe.worker.runtime;

/**
 * Runs one kind of job. A handler may be re-run from the start after a lost lease, so it must be
 * idempotent; it should call {@link JobContext#checkLease()} between steps that have effects.
 * Throwing fails the attempt (retried or not per the queue's rules, using the exception's message).
 */
public interface JobHandler {
    String kind();

    JobResult handle(JobContext context) throws Exception;

    /** Releases what the handler owns (SSH clients, session pools) once the worker has stopped running jobs. */
    default void close() {
    }
}
