package dev.beampipe.api.scheduler;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A live, credential-free SSH reachability test: connect to the login node and read the server's identification
 * line ({@code SSH-2.0-...}, RFC 4253 §4.2). It proves the host and port answer as an SSH server; authentication
 * is tested by the worker's preflight, which holds the keys.
 */
public final class SshProbe {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_LINE = 255;
    private static final int MAX_PRELUDE_LINES = 20;

    public record Result(String serverVersion, long latencyMs) {
    }

    public static final class Failure extends RuntimeException {
        private final String kind;

        Failure(String kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }

        /** {@code connectivity}, {@code timeout} or {@code invalidresponse}. */
        public String kind() {
            return kind;
        }
    }

    private final Duration timeout;

    public SshProbe(Duration timeout) {
        this.timeout = timeout;
    }

    public Result probe(String host, int port) {
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            InputStream in = socket.getInputStream();
            for (int i = 0; i < MAX_PRELUDE_LINES; i++) {
                String line = readLine(in);
                if (line == null) {
                    throw new Failure("invalidresponse", "the SSH server at " + host + ":" + port + " closed the connection before identifying itself");
                }
                if (line.startsWith("SSH-")) {
                    if (!line.startsWith("SSH-2.0-") && !line.startsWith("SSH-1.99-")) {
                        throw new Failure("invalidresponse", "the server at " + host + ":" + port + " does not speak SSH 2.0");
                    }
                    return new Result(printable(line), (System.nanoTime() - started) / 1_000_000);
                }
            }
            throw new Failure("invalidresponse", "the server at " + host + ":" + port + " is not an SSH server");
        } catch (SocketTimeoutException e) {
            throw new Failure("timeout", "SSH connection to " + host + ":" + port + " timed out after " + timeout.toSeconds() + " s");
        } catch (UnknownHostException e) {
            throw new Failure("connectivity", "the login node " + host + " cannot be resolved");
        } catch (ConnectException | NoRouteToHostException e) {
            throw new Failure("connectivity", "SSH connection to " + host + ":" + port + " failed");
        } catch (IOException e) {
            throw new Failure("connectivity", "SSH connection to " + host + ":" + port + " failed");
        }
    }

    /** One CRLF- or LF-terminated line of at most 255 bytes; null at end of stream. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return line.toString().replaceAll("\r$", "");
            }
            if (line.length() >= MAX_LINE) {
                throw new Failure("invalidresponse", "the server's identification line is longer than 255 bytes");
            }
            line.append((char) b);
        }
        return line.length() == 0 ? null : line.toString();
    }

    private static String printable(String s) {
        return new String(s.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.US_ASCII).replaceAll("[^\\x20-\\x7e]", "?");
    }
}
