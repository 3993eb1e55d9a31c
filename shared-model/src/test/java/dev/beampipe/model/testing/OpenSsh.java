package dev.beampipe.model.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The OpenSSH client as an independent view of a login node in tests (strict host keys, one key, no agent):
 * what the tests assert about Slurm does not go through the SSH code under test.
 */
public record OpenSsh(String host, int port, String user, Path privateKey, Path knownHosts) {

    /** What {@code ssh} returned: the remote command's exit status (255 for an SSH failure) and its output. */
    public record Output(int exit, String stdout, String stderr) {
        public boolean ok() {
            return exit == 0;
        }
    }

    public Output run(String remoteCommand, Duration timeout) throws InterruptedException {
        List<String> argv = List.of("ssh", "-q", "-i", privateKey.toString(), "-p", String.valueOf(port),
                "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
                "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + knownHosts,
                "-o", "ConnectTimeout=10", user + "@" + host, remoteCommand);
        try {
            Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("ssh " + user + "@" + host + ":" + port + " did not finish within "
                        + timeout + ": " + remoteCommand);
            }
            return new Output(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run ssh (is the OpenSSH client installed?)", e);
        }
    }

    /** Like {@link #run} but an exit status other than 0 is an {@link AssertionError} showing stderr. */
    public String ok(String remoteCommand, Duration timeout) throws InterruptedException {
        Output o = run(remoteCommand, timeout);
        if (!o.ok()) {
            throw new AssertionError("ssh " + user + "@" + host + ":" + port + " '" + remoteCommand + "' exited " + o.exit()
                    + ": " + o.stderr());
        }
        return o.stdout();
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
