package dev.beampipe.model.slurm.ssh;

/** Work done with a pooled session. */
@FunctionalInterface
public interface SessionWork<T> {
    T run(RemoteShell shell) throws SshFailure, InterruptedException;
}
