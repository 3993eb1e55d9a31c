package dev.beampipe.model.slurm.protocol;

import dev.beampipe.model.slurm.ssh.SshFailure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class FailureTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
            "7|FAILED|3:0#/dlg/ws/s#SLURM job 7 finished in state=FAILED reason=failed exit_code=3 stderr=/dlg/ws/s/slurm-7.err",
            "9|TIMEOUT|0:0#/dlg/ws/s#SLURM job 9 finished in state=TIMEOUT reason=timeout exit_code=0 stderr=/dlg/ws/s/slurm-9.err",
            "8|CANCELLED by 0|0:0##SLURM job 8 finished in state=CANCELLED reason=scheduler_cancelled exit_code=0",
            "5|COMPLETED#/x#SLURM job 5 finished in state=COMPLETED reason=unknown stderr=/x/slurm-5.err",
    })
    void pollText(String sacctRow, String sessionDir, String expected) {
        JobObservation o = StatusParsing.parseSacct(sacctRow).values().iterator().next();
        assertThat(FailureText.poll(o.jobId(), o, sessionDir)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
            "host key verification failed for [127.0.0.1]:2222#authorization",
            "no public keys parsed from known_hosts file /x#authorization",
            "SSH authentication failed for u@h#authentication",
            "no Slurm SSH private key for credential 'x'#authentication",
            "connect timed out#timeout",
            "target query TIMEOUT after 60s#timeout",
            "failed to connect to h:22#connectivity",
            "network unreachable#connectivity",
            "remote command failed (exit=1)#dependency_unavailable",
            "#dependency_unavailable",
    })
    void pollErrorClasses(String message, String expected) {
        assertThat(FailureText.classifyPollError(message)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
            "sbatch exited successfully, but its submission receipt was invalid: x#submission_uncertain#inconsistent_state#false",
            "host key verification failed#host_verification#authorization#false",
            "authentication failed#authentication#authentication#false",
            "timed out#timeout#timeout#true",
            "connection refused: connect#connectivity#connectivity#true",
            "remote command failed (exit=2)#command#dependency_unavailable#false",
            "boom#internal#internal#false",
    })
    void adapterErrorKinds(String message, String kind, String failureClass, boolean retryable) {
        assertThat(FailureText.classifyAdapterError(message))
                .isEqualTo(new FailureText.AdapterErrorKind(kind, failureClass, retryable));
    }

    @ParameterizedTest(name = "{0} → {1}, {2}")
    @CsvSource({
            "HOST_KEY,       authorization,          host_verification, authorization,          false",
            "CREDENTIALS,    authentication,         authentication,    authentication,         false",
            "AUTHENTICATION, authentication,         authentication,    authentication,         false",
            "TIMEOUT,        timeout,                timeout,           timeout,                true",
            "CONNECT,        connectivity,           connectivity,      connectivity,           true",
            "CHANNEL_CLOSED, connectivity,           connectivity,      connectivity,           true",
            "COMMAND,        dependency_unavailable, command,           dependency_unavailable, false",
            "PROTOCOL,       dependency_unavailable, command,           dependency_unavailable, false",
    })
    void sshFailuresAreClassifiedByKindWhateverTheWords(SshFailure.Kind kind, String pollClass, String adapterKind,
                                                         String adapterClass, boolean retryable) {
        // words that would send the text classifier elsewhere
        SshFailure failure = new SshFailure(kind, "authconnect@known_hosts.example timed out: remote command failed");
        assertThat(FailureText.classify(failure)).isEqualTo(pollClass);
        assertThat(FailureText.classifyAdapterError(failure))
                .isEqualTo(new FailureText.AdapterErrorKind(adapterKind, adapterClass, retryable));
    }
}
