package dev.beampipe.model.slurm.ssh;

import java.nio.file.Path;

/** Where the private key comes from. {@code toString} never shows key text, and in production no path either. */
public sealed interface KeySource {
    /** For messages: names the source without revealing key material. */
    String describe();

    /** PEM/OpenSSH key text taken from an environment variable. */
    record Inline(String variable, String text) implements KeySource {
        @Override
        public String describe() {
            return "inline key from " + variable;
        }

        @Override
        public String toString() {
            return "Inline[" + variable + ", [REDACTED]]";
        }
    }

    /** A key file that passed the permission checks. */
    record KeyFile(Path path, boolean production) implements KeySource {
        @Override
        public String describe() {
            return "key file " + (production ? SshCredentialResolver.REDACTED_PATH : path.toString());
        }

        @Override
        public String toString() {
            return "KeyFile[" + (production ? SshCredentialResolver.REDACTED_PATH : path.toString()) + "]";
        }
    }
}
