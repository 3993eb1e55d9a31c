package dev.beampipe.worker.slurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Client keys written by the real {@code ssh-keygen} (OpenSSH ed25519), and 0600 secret files. */
final class SlurmKeys {
    private SlurmKeys() {
    }

    /** {@code key} and {@code key.pub}, the private key protected by {@code passphrase} (null: none). */
    static Path generate(Path key, String passphrase) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase == null ? "" : passphrase,
                "-C", "beampipe-test", "-f", key.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("ssh-keygen failed: " + output);
        }
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        return key;
    }

    static void secretFile(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
}
