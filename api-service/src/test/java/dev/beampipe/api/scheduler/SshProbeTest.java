package dev.beampipe.api.scheduler;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SshProbeTest {
    final SshProbe probe = new SshProbe(Duration.ofMillis(500));

    @Test
    void readsTheServersIdentificationLine() throws Exception {
        try (FakeSshServer server = new FakeSshServer("a banner line first\r\nSSH-2.0-OpenSSH_9.2p1 Debian\r\n")) {
            assertThat(probe.probe("127.0.0.1", server.port()).serverVersion()).isEqualTo("SSH-2.0-OpenSSH_9.2p1 Debian");
        }
    }

    @Test
    void aNonSshServerIsAnInvalidResponse() throws Exception {
        try (FakeSshServer server = new FakeSshServer("HTTP/1.1 400 Bad Request\r\n\r\n")) {
            assertThatThrownBy(() -> probe.probe("127.0.0.1", server.port())).isInstanceOfSatisfying(SshProbe.Failure.class,
                    f -> assertThat(f.kind()).isEqualTo("invalidresponse"));
        }
        try (FakeSshServer server = new FakeSshServer("SSH-1.5-ancient\r\n")) {
            assertThatThrownBy(() -> probe.probe("127.0.0.1", server.port())).isInstanceOfSatisfying(SshProbe.Failure.class,
                    f -> assertThat(f.kind()).isEqualTo("invalidresponse"));
        }
    }

    @Test
    void aClosedPortIsConnectivityAndASilentServerATimeout() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        int port = closed;
        assertThatThrownBy(() -> probe.probe("127.0.0.1", port)).isInstanceOfSatisfying(SshProbe.Failure.class,
                f -> assertThat(f.kind()).isEqualTo("connectivity"));
        try (FakeSshServer silent = new FakeSshServer(null)) {
            assertThatThrownBy(() -> probe.probe("127.0.0.1", silent.port())).isInstanceOfSatisfying(SshProbe.Failure.class,
                    f -> assertThat(f.kind()).isEqualTo("timeout"));
        }
    }

    @Test
    void pagingIsClamped() {
        assertThat(SchedulerJobs.limit(null)).isEqualTo(100);
        assertThat(SchedulerJobs.limit(0)).isEqualTo(1);
        assertThat(SchedulerJobs.limit(-5)).isEqualTo(1);
        assertThat(SchedulerJobs.limit(501)).isEqualTo(500);
        assertThat(SchedulerJobs.limit(42)).isEqualTo(42);
        assertThat(SchedulerJobs.offset(null)).isZero();
        assertThat(SchedulerJobs.offset(-1)).isZero();
        assertThat(SchedulerJobs.offset(7)).isEqualTo(7);
    }
}
