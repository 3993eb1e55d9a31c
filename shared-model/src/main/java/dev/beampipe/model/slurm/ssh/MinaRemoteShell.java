package dev.beampipe.model.slurm.ssh;

import dev.beampipe.model.ids.Uuid7;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.client.session.ClientSession;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@link RemoteShell} over one authenticated MINA client session; one exec channel per command. */
final class MinaRemoteShell implements RemoteShell {
    static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(10);
    static final String STDIN_THREAD = "ssh-stdin ";

    private final SshTarget target;
    private final ClientSession session;

    MinaRemoteShell(SshTarget target, ClientSession session) {
        this.target = target;
        this.session = session;
    }

    @Override
    public SshTarget target() {
        return target;
    }

    @Override
    public CommandResult exec(String command, Duration timeout) throws SshFailure, InterruptedException {
        return exec(command, null, timeout);
    }

    @Override
    public CommandResult exec(String command, byte[] stdin, Duration timeout) throws SshFailure, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ChannelExec channel;
        try {
            if (!isOpen()) {
                throw new IOException("the session is closed");
            }
            channel = session.createExecChannel(command);
        } catch (IOException | IllegalStateException e) {
            throw new SshFailure(SshFailure.Kind.CONNECT, "SSH session to " + target.display() + " is no longer usable, "
                    + "connect again: " + e.getMessage(), false, null);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        channel.setOut(out);
        channel.setErr(err);
        CountDownLatch closed = new CountDownLatch(1);
        channel.addCloseFutureListener(future -> closed.countDown());
        boolean sent = false;
        try {
            OpenFuture open = channel.open();
            if (!open.await(remaining(deadline))) {
                // the exec request goes out as soon as the server confirms the channel, so it may already run
                throw timedOut(command, timeout, true);
            }
            if (!open.isOpened()) {
                throw new SshFailure(session.isOpen() ? SshFailure.Kind.PROTOCOL : SshFailure.Kind.CONNECT,
                        "cannot open an SSH exec channel on " + target.display() + ": "
                                + (open.getException() == null ? "refused" : open.getException().getMessage()), false, null);
            }
            sent = true;
            OutputStream in = channel.getInvertedIn();
            if (stdin != null && stdin.length > 0) {
                writeInBackground(in, stdin);
            } else {
                in.close();
            }
            // MINA's waitFor ignores interrupts; a latch on the close future does not
            if (!closed.await(remaining(deadline).toNanos(), TimeUnit.NANOSECONDS)) {
                throw timedOut(command, timeout, true);
            }
            Integer status = channel.getExitStatus();
            if (status == null) {
                String signal = channel.getExitSignal();
                throw new SshFailure(SshFailure.Kind.CHANNEL_CLOSED, "SSH channel to " + target.display()
                        + " closed without an exit status" + (signal == null ? "" : " (killed by signal " + signal + ")")
                        + " for \"" + CommandResult.shown(command) + "\"", true, null);
            }
            return new CommandResult(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (InterruptedIOException e) {
            channel.close(true);
            throw SshConnector.interrupted();
        } catch (IOException e) {
            throw new SshFailure(sent ? SshFailure.Kind.CHANNEL_CLOSED : SshFailure.Kind.CONNECT,
                    "SSH connection to " + target.display() + " failed while running \"" + CommandResult.shown(command) + "\": "
                            + e.getMessage(), sent, null);
        } catch (SshFailure | InterruptedException | RuntimeException e) {
            channel.close(true);
            throw e;
        } finally {
            if (!channel.isClosed()) {
                channel.close(true);
            }
        }
    }

    /**
     * Writes stdin, then end-of-file, on a helper thread: a write blocks while the remote does not read (the channel
     * window is full), and only the wait on the close future below is bounded by the deadline. Closing the channel
     * at the deadline (or on interrupt) fails the blocked write, which ends the thread. A failed write is not an
     * error of its own: the command's exit status, or its absence, decides the outcome.
     */
    private void writeInBackground(OutputStream in, byte[] stdin) {
        Thread writer = new Thread(() -> {
            try (in) {
                in.write(stdin);
                in.flush();
            } catch (IOException ignored) {
                // the channel closed: the remote exited, the deadline passed, or the connection broke
            }
        }, STDIN_THREAD + target.display());
        writer.setDaemon(true);
        writer.start();
    }

    private SshFailure timedOut(String command, Duration timeout, boolean mayHaveRun) {
        return new SshFailure(SshFailure.Kind.TIMEOUT, "remote command timed out after " + describe(timeout) + " on "
                + target.display() + ": \"" + CommandResult.shown(command) + "\"", mayHaveRun, null);
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static Duration remaining(long deadline) {
        long nanos = deadline - System.nanoTime();
        return Duration.ofNanos(Math.max(nanos, 1_000_000L));
    }

    @Override
    public void uploadAtomic(String path, String content, Duration timeout) throws SshFailure, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String tmp = path + ".tmp-" + Uuid7.next().toString().replace("-", "");
        String tee = "umask 077 && tee " + ShellWords.singleQuoted(tmp) + " >/dev/null";
        String mv = "mv -- " + ShellWords.singleQuoted(tmp) + " " + ShellWords.singleQuoted(path);
        boolean done = false;
        try {
            CommandResult written = exec(tee, content.getBytes(StandardCharsets.UTF_8), remaining(deadline));
            if (!written.ok()) {
                throw new SshFailure(SshFailure.Kind.COMMAND, "ssh tee failed for \"" + tmp + "\" (exit=" + written.exitStatus()
                        + "): " + CommandResult.shown(written.stderr()));
            }
            exec(mv, remaining(deadline)).requireOk(mv);
            done = true;
        } finally {
            if (!done && isOpen()) {
                removeQuietly(tmp);
            }
        }
    }

    private void removeQuietly(String tmp) {
        boolean interrupted = Thread.interrupted();
        try {
            exec("rm -f -- " + ShellWords.singleQuoted(tmp), CLEANUP_TIMEOUT);
        } catch (SshFailure | InterruptedException | RuntimeException ignored) {
            // the original failure is what the caller needs; a stray tmp file is harmless
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isOpen() {
        return session.isOpen() && !session.isClosing();
    }

    @Override
    public void close() {
        session.close(true);
    }

    @Override
    public String toString() {
        return "RemoteShell[" + target.display() + (isOpen() ? "" : ", closed") + "]";
    }
}
