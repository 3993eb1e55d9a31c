package dev.beampipe.model.slurm.ssh;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A MINA SSH server on 127.0.0.1 (ephemeral port) that runs every exec through the real {@code /bin/bash -c}.
 * The command {@value #CLOSE_WITHOUT_STATUS} closes the channel without sending an exit status;
 * {@value #DROP_CONNECTION} drops the whole connection while the command "runs".
 */
final class TestLoginNode implements AutoCloseable {
    static final String CLOSE_WITHOUT_STATUS = "__close_without_exit_status__";
    static final String DROP_CONNECTION = "__drop_connection__";

    private final SshServer server;
    private final KeyPair hostKey;
    private final List<PublicKey> authorized = new CopyOnWriteArrayList<>();
    final List<String> commands = new CopyOnWriteArrayList<>();
    final AtomicInteger sessionsCreated = new AtomicInteger();

    /** {@code hostKeys}: every key the server holds; the first one is the one {@link #knownHostsLine} records. */
    TestLoginNode(KeyPair... hostKeys) throws IOException {
        this.hostKey = hostKeys[0];
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKeys));
        server.setPublickeyAuthenticator((user, key, session) -> authorized.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
        server.setPasswordAuthenticator((user, password, session) -> false);
        server.setCommandFactory((channel, command) -> {
            commands.add(command);
            return new BashCommand(command);
        });
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                sessionsCreated.incrementAndGet();
            }
        });
        server.start();
    }

    void authorize(PublicKey key) {
        authorized.add(key);
    }

    int port() {
        return server.getPort();
    }

    String knownHostsLine() {
        return knownHostsLine(hostKey.getPublic());
    }

    /** A known_hosts line recording {@code key} for this server. */
    String knownHostsLine(PublicKey key) {
        return "[127.0.0.1]:" + port() + " " + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(key);
    }

    int activeSessions() {
        return server.getActiveSessions().size();
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** {@code /bin/bash -c <command>} with stdin, stdout and stderr piped through the channel. */
    static final class BashCommand implements Command {
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private volatile Process process;

        BashCommand(String command) {
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback exit) {
            this.exit = exit;
        }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            if (command.equals(DROP_CONNECTION)) {
                new Thread(() -> channel.getSession().close(true)).start();
                return;
            }
            if (command.equals(CLOSE_WITHOUT_STATUS)) {
                new Thread(() -> channel.close(false)).start();
                return;
            }
            process = new ProcessBuilder("/bin/bash", "-c", command).start();
            Thread stdin = pump(in, process.getOutputStream(), true);
            Thread stdout = pump(process.getInputStream(), out, false);
            Thread stderr = pump(process.getErrorStream(), err, false);
            Thread waiter = new Thread(() -> {
                try {
                    int status = process.waitFor();
                    stdout.join();
                    stderr.join();
                    stdin.interrupt();
                    exit.onExit(status);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            waiter.setDaemon(true);
            waiter.start();
        }

        private static Thread pump(InputStream from, OutputStream to, boolean closeTarget) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try {
                    int n;
                    while ((n = from.read(buffer)) >= 0) {
                        to.write(buffer, 0, n);
                        to.flush();
                    }
                } catch (IOException ignored) {
                    // the other side went away
                } finally {
                    if (closeTarget) {
                        try {
                            to.close();
                        } catch (IOException ignored) {
                            // nothing to do
                        }
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            return t;
        }

        @Override
        public void destroy(ChannelSession channel) {
            Process p = process;
            if (p != null) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }
}
