package dev.beampipe.model.slurm.ssh;

import java.util.Arrays;

/** A key passphrase; shown as {@code [REDACTED]} everywhere. */
public final class Passphrase {
    private final char[] value;
    private final String source;

    Passphrase(char[] value, String source) {
        this.value = value.clone();
        this.source = source;
    }

    public char[] value() {
        return value.clone();
    }

    /** The variable or file role it came from, for messages. */
    public String source() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Passphrase p && Arrays.equals(value, p.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "[REDACTED]";
    }
}
