package dev.beampipe.model.slurm.ssh;

import dev.beampipe.model.secrets.Redaction;

/** What one remote command produced. A non-zero exit is data; callers decide, or use {@link #requireOk}. */
public record CommandResult(int exitStatus, String stdout, String stderr) {
    static final int SHOWN_CHARS = 2000;

    public boolean ok() {
        return exitStatus == 0;
    }

    /**
     * This result when the exit status is 0, else a {@link SshFailure.Kind#COMMAND} failure with the reference's
     * text {@code remote command failed (exit=<n>): "<cmd>"\nstdout: …\nstderr: …} (long parts truncated,
     * {@code password=}-style values redacted).
     */
    public CommandResult requireOk(String command) throws SshFailure {
        if (ok()) {
            return this;
        }
        throw new SshFailure(SshFailure.Kind.COMMAND, "remote command failed (exit=" + exitStatus + "): \""
                + shown(command) + "\"\nstdout: " + shown(stdout) + "\nstderr: " + shown(stderr));
    }

    static String shown(String text) {
        String redacted = Redaction.string(text == null ? "" : text.strip());
        if (redacted.length() <= SHOWN_CHARS) {
            return redacted;
        }
        return redacted.substring(0, SHOWN_CHARS) + "… [" + (redacted.length() - SHOWN_CHARS) + " more characters]";
    }
}
