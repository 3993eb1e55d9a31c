package dev.beampipe.api.scheduler;

import dev.beampipe.api.errors.ApiException;
import dev.beampipe.model.slurm.ops.SlurmCommandException;
import dev.beampipe.model.slurm.ops.SlurmConnectivity;
import dev.beampipe.model.slurm.protocol.SlurmQueries;
import dev.beampipe.model.slurm.ssh.CommandResult;
import dev.beampipe.model.slurm.ssh.RemoteShell;
import dev.beampipe.model.slurm.ssh.SshTarget;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The 502 of a login node without one of the Slurm commands. The fake login node cannot hide a command on this
 * host (its PATH ends with the system's, which may hold a real Slurm client), so the probe's answer is replayed.
 */
class LoginNodeStatusTest {

    /** Answers the connectivity probe as a node without {@code sacct} would; any other command is a test error. */
    record NodeWithoutSacct(SshTarget target) implements RemoteShell {
        @Override
        public CommandResult exec(String command, Duration timeout) {
            assertThat(command).isEqualTo(SlurmQueries.connectivityProbe());
            return new CommandResult(0, "sbatch yes\nsqueue yes\nsacct no\nscancel yes\nscontrol yes\n", "");
        }

        @Override
        public CommandResult exec(String command, byte[] stdin, Duration timeout) {
            throw new AssertionError("no stdin command expected: " + command);
        }

        @Override
        public void uploadAtomic(String path, String content, Duration timeout) {
            throw new AssertionError("no upload expected");
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aMissingCommandIsA502ConfigurationNamingItOnce() throws Exception {
        RemoteShell shell = new NodeWithoutSacct(new SshTarget("login.example", 22, "op", "setonix"));
        SlurmCommandException missing = catchThrowableOfType(() -> new SlurmConnectivity().status(shell), SlurmCommandException.class);
        assertThat(missing.detail()).containsExactly("sacct");

        ApiException e = LoginNodeStatus.translate(missing);
        assertThat(e.status()).isEqualTo(502);
        assertThat(e.failure().code()).isEqualTo("scheduler.configuration");
        assertThat(e.failure().message()).isEqualTo("one or more required SLURM commands are unavailable: sacct");
    }

    @Test
    void anotherSlurmCommandFailureIsA502Command() {
        ApiException e = LoginNodeStatus.translate(new SlurmCommandException("Slurm runtime preflight failed on login.example",
                List.of()));
        assertThat(e.failure().code()).isEqualTo("scheduler.command");
        assertThat(e.failure().message()).isEqualTo("Slurm runtime preflight failed on login.example");
    }
}
