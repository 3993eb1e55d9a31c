package dev.beampipe.model.slurm.ssh;

/**
 * A classified SSH error. Messages name targets, users and (outside production) paths, never key material or
 * passphrases; causes are attached only where the library's message cannot carry secrets.
 */
public final class SshFailure extends Exception {
    public enum Kind { CREDENTIALS, HOST_KEY, AUTHENTICATION, CONNECT, TIMEOUT, CHANNEL_CLOSED, COMMAND, PROTOCOL }

    private final Kind kind;
    private final boolean mayHaveRun;

    public SshFailure(Kind kind, String message) {
        this(kind, message, false, null);
    }

    public SshFailure(Kind kind, String message, boolean mayHaveRun, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.mayHaveRun = mayHaveRun;
    }

    public Kind kind() {
        return kind;
    }

    /** True when the remote side may have run the command (a timeout or lost channel after the exec was sent). */
    public boolean mayHaveRun() {
        return mayHaveRun;
    }

    @Override
    public String toString() {
        return "SshFailure[" + kind + (mayHaveRun ? ", may have run" : "") + "]: " + getMessage();
    }
}
