package dev.beampipe.cli.start;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTest {

    @Test
    void allocatesDistinctBindablePorts() {
        List<Integer> ports = FreePorts.allocate(4);
        assertThat(new HashSet<>(ports)).hasSize(4);
        ports.forEach(p -> assertThat(FreePorts.isFree("127.0.0.1", p)).isTrue());
    }

    @Test
    void aListeningPortIsNotFree() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(FreePorts.isFree("127.0.0.1", busy.getLocalPort())).isFalse();
        }
    }
}
