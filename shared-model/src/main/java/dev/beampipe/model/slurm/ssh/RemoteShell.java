package dev.beampipe.model.slurm.ssh;

import java.time.Duration;

/** An open SSH session to a login node. Thread-safe; every exec is its own channel. */
public interface RemoteShell extends AutoCloseable {
    SshTarget target();

    /** Runs {@code command} with the remote user's shell; a missing exit status → {@link SshFailure.Kind#CHANNEL_CLOSED}. */
    CommandResult exec(String command, Duration timeout) throws SshFailure, InterruptedException;

    /** Like {@link #exec(String, Duration)}, writing {@code stdin} to the command and then end-of-file. */
    CommandResult exec(String command, byte[] stdin, Duration timeout) throws SshFailure, InterruptedException;

    /**
     * Writes {@code content} to {@code path} atomically (40-backends §4.4): {@code umask 077 && tee '<tmp>' >/dev/null}
     * into {@code <path>.tmp-<hex>}, then {@code mv -- '<tmp>' '<path>'}; the temporary file is removed on failure.
     */
    void uploadAtomic(String path, String content, Duration timeout) throws SshFailure, InterruptedException;

    /** False once the session has closed (by us, the server or the network); the pool never lends a closed one. */
    default boolean isOpen() {
        return true;
    }

    @Override
    void close();
}
