package dev.beampipe.worker.slurmpoll;

import dev.beampipe.model.slurm.ops.SlurmCommandException;
import dev.beampipe.model.slurm.ssh.SshFailure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** A target whose user or host contains "auth" or "connect" must not change the class of an SSH failure. */
class SlurmPollErrorClassTest {
    private static final String MESSAGE = "Slurm status query for authconnect@login.example:22 failed: ";

    static Stream<Arguments> failures() {
        return Stream.of(
                arguments(new SshFailure(SshFailure.Kind.TIMEOUT, "SSH handshake with authconnect@login timed out"), "timeout"),
                arguments(new SshFailure(SshFailure.Kind.CONNECT, "SSH connection to authconnect@login refused"), "connectivity"),
                arguments(new SshFailure(SshFailure.Kind.HOST_KEY, "host key verification failed"), "authorization"),
                arguments(new SshFailure(SshFailure.Kind.AUTHENTICATION, "the login node refused the key"), "authentication"),
                arguments(new SlurmCommandException("squeue failed", new SshFailure(SshFailure.Kind.TIMEOUT, "timed out")), "timeout"),
                arguments(new SlurmCommandException("squeue failed", new SshFailure(SshFailure.Kind.CHANNEL_CLOSED, "dropped")),
                        "connectivity"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("failures")
    void classifiesFromTheFailureKindWhenThereIsOne(Exception e, String expected) {
        assertThat(SlurmPoller.pollErrorClass(e, MESSAGE + e.getMessage())).isEqualTo(expected);
    }

    static Stream<Arguments> texts() {
        return Stream.of(
                arguments(new SlurmCommandException("squeue exited 1: Unable to contact slurm controller (connect failure)"),
                        "connectivity"),
                arguments(new IllegalStateException("unexpected squeue output"), "dependency_unavailable"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("texts")
    void withoutAnSshFailureTheTextDecides(Exception e, String expected) {
        assertThat(SlurmPoller.pollErrorClass(e, "Slurm status query for alice@login.example:22 failed: " + e.getMessage()))
                .isEqualTo(expected);
    }
}
