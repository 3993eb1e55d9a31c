package dev.beampipe.model.slurm.ssh;

import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

/** ed25519 key pairs written by the real {@code ssh-keygen} (OpenSSH format, optionally passphrase-protected). */
record TestKeys(Path privateKey, Path publicKey) {

    static TestKeys generate(Path dir, String name, String passphrase) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path key = dir.resolve(name);
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase == null ? "" : passphrase,
                "-C", "test-" + name, "-f", key.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("ssh-keygen failed: " + output);
        }
        return new TestKeys(key, dir.resolve(name + ".pub"));
    }

    String publicLine() throws IOException {
        return Files.readString(publicKey).trim();
    }

    String privateText() throws IOException {
        return Files.readString(privateKey);
    }

    KeyPair load(String passphrase) throws Exception {
        try (InputStream in = Files.newInputStream(privateKey)) {
            return SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("test"), in,
                    passphrase == null ? FilePasswordProvider.EMPTY : FilePasswordProvider.of(passphrase)).iterator().next();
        }
    }
}
