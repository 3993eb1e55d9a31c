package dev.beampipe.worker.execute;

/**
 * The best-effort {@code DELETE} of this execution's DIM session after a definite append/deploy failure (the session
 * had been created): the failed operation, whether the delete succeeded, and its error when it did not.
 */
public record SessionCleanup(String sessionId, String failedOperation, String failure, boolean deleted,
                             String deleteError) {
}
