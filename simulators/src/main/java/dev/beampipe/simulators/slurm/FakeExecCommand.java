package dev.beampipe.simulators.slurm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * One exec channel: the command runs through a real {@code /bin/bash -c} in the login node's environment, stdin
 * passed through, stdout/stderr and the exit status sent back — unless an {@link SshFaults} fault says otherwise.
 */
final class FakeExecCommand implements Command {

    private static final Logger LOG = Logger.getLogger(FakeExecCommand.class.getName());

    private final String command;
    private final FakeLoginNode node;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exitCallback;
    private volatile Process process;

    FakeExecCommand(String command, FakeLoginNode node) {
        this.command = command;
        this.node = node;
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
    public void setExitCallback(ExitCallback callback) {
        this.exitCallback = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        node.recordCommand(command);
        Thread worker = new Thread(() -> run(channel), "fake-login-exec");
        worker.setDaemon(true);
        worker.start();
    }

    private void run(ChannelSession channel) {
        SshFaults faults = node.sshFaults();
        try {
            if (faults.first(SshFaults.Kind.DROP_BEFORE_RUN, command) != null) {
                drop(channel);
                return;
            }
            SshFaults.Fault delay = faults.first(SshFaults.Kind.DELAY, command);
            if (delay != null) {
                Thread.sleep(delay.delay().toMillis());
            }
            int exit = execute(channel.getSession().getUsername());
            if (faults.first(SshFaults.Kind.DROP_AFTER_RUN, command) != null) {
                drop(channel);
                return;
            }
            if (faults.first(SshFaults.Kind.NO_EXIT_STATUS, command) != null) {
                return;
            }
            exitCallback.onExit(exit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exitCallback.onExit(130, "interrupted");
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "fake login node exec failed", e);
            try {
                err.write(("fake login node: " + e.getMessage() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                err.flush();
            } catch (IOException ignored) {
                // the client is gone
            }
            exitCallback.onExit(255, String.valueOf(e.getMessage()));
        }
    }

    private int execute(String user) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-c", command);
        pb.directory(node.home().toFile());
        Map<String, String> env = pb.environment();
        env.putAll(node.loginEnvironment(user));
        Process p = pb.start();
        process = p;
        Thread stdin = pump(in, p.getOutputStream(), true, "fake-login-stdin");
        Thread stdout = pump(p.getInputStream(), out, false, "fake-login-stdout");
        Thread stderr = pump(p.getErrorStream(), err, false, "fake-login-stderr");
        int exit = p.waitFor();
        stdout.join();
        stderr.join();
        stdin.interrupt();
        return exit;
    }

    private static Thread pump(InputStream from, OutputStream to, boolean closeTarget, String name) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = from.read(buffer)) >= 0) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // the process or the channel went away
            } finally {
                if (closeTarget) {
                    try {
                        to.close();
                    } catch (IOException ignored) {
                        // nothing to do
                    }
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void drop(ChannelSession channel) {
        channel.getSession().close(true);
    }

    @Override
    public void destroy(ChannelSession channel) {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
