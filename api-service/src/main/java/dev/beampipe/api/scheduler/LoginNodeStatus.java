package dev.beampipe.api.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.api.errors.ApiException;
import dev.beampipe.model.slurm.ops.SlurmCommandException;
import dev.beampipe.model.slurm.ops.SlurmConnectivity;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.slurm.ssh.RemoteShell;
import dev.beampipe.model.slurm.ssh.SshCredentialResolver;
import dev.beampipe.model.slurm.ssh.SshConnector;
import dev.beampipe.model.slurm.ssh.SshCredentials;
import dev.beampipe.model.slurm.ssh.SshFailure;
import dev.beampipe.model.slurm.ssh.SshTarget;
import dev.beampipe.model.slurm.ssh.SshTimeouts;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The live, authenticated connectivity test behind {@code GET /scheduler/status} and the Slurm check of
 * {@code GET /diagnostics} (40-backends §4.10): a fresh SSH
 * session with the profile's slot, the Slurm command probe, the queue and the capacity — all within 10 s. Every
 * failure is a 502 {@code scheduler.<kind>}.
 */
@Singleton
public class LoginNodeStatus {
    static final Duration BOUND = Duration.ofSeconds(10);

    private final SshConnector connector = new SshConnector(new SshTimeouts(BOUND, BOUND, Duration.ofSeconds(300)));
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scheduler-status");
        t.setDaemon(true);
        return t;
    });

    /**
     * The whole test for a profile: the target (user chain) and the slot's credentials resolved from {@code env}, then
     * {@link #status}. Every failure, including an unusable slot, is the 502 {@code scheduler.<kind>} exception.
     */
    public ObjectNode check(SlurmRemoteDeployment profile, Map<String, String> env) {
        SshTarget target;
        SshCredentials credentials;
        try {
            target = SshTarget.of(profile, env);
            credentials = new SshCredentialResolver(env).resolve(profile.sshCredential());
        } catch (IllegalArgumentException e) {
            throw SchedulerErrors.of("configuration", e.getMessage());
        } catch (SshFailure e) {
            throw SchedulerErrors.of(e);
        }
        return status(target, credentials);
    }

    public ObjectNode status(SshTarget target, SshCredentials credentials) {
        Future<ObjectNode> result = executor.submit(() -> {
            try (RemoteShell shell = connector.open(target, credentials)) {
                SlurmConnectivity slurm = new SlurmConnectivity(BOUND);
                ObjectNode out = slurm.status(shell);
                out.set("queue", slurm.queue(shell));
                out.set("capacity", slurm.capacity(shell));
                return out;
            }
        });
        try {
            return result.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw SchedulerErrors.of("timeout", "the Slurm connectivity test of " + target.display() + " did not finish within "
                    + BOUND.toSeconds() + "s");
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw SchedulerErrors.of("internal", "interrupted");
        } catch (ExecutionException e) {
            throw translate(e.getCause());
        }
    }

    static ApiException translate(Throwable cause) {
        if (cause instanceof SshFailure f) {
            return SchedulerErrors.of(f);
        }
        if (cause instanceof SlurmCommandException c) {
            // the message already names the missing commands (SlurmConnectivity.MISSING_COMMANDS + ": " + names)
            return SchedulerErrors.of(c.getMessage().startsWith(SlurmConnectivity.MISSING_COMMANDS) ? "configuration" : "command",
                    c.getMessage());
        }
        return SchedulerErrors.of("internal", "the Slurm connectivity test failed (" + cause.getClass().getSimpleName() + ")");
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
        connector.close();
    }
}
