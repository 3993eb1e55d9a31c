package dev.beampipe.api.scheduler;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Answers every connection with a fixed greeting (an SSH identification line, or anything else), or stays silent. */
final class FakeSshServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread thread;

    FakeSshServer(String greeting) {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    if (greeting == null) {
                        Thread.sleep(1500);
                        continue;
                    }
                    OutputStream out = client.getOutputStream();
                    out.write(greeting.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        }, "fake-ssh");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
