package dev.beampipe.model.slurm.ssh;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SshSessionPoolTest {
    static final Duration T = Duration.ofSeconds(20);
    static final Duration IDLE = Duration.ofSeconds(300);

    @TempDir
    static Path dir;
    static TestLoginNode node;
    static SshConnector connector;
    static SshCredentials credentials;

    final AtomicLong clock = new AtomicLong();
    SshSessionPool pool;

    @BeforeAll
    static void start() throws Exception {
        TestKeys host = TestKeys.generate(dir, "host", null);
        TestKeys client = TestKeys.generate(dir, "client", null);
        node = new TestLoginNode(host.load(null));
        node.authorize(client.load(null).getPublic());
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, node.knownHostsLine() + "\n");
        credentials = new SshCredentialResolver(Map.of("BEAMPIPE_SSH_CREDENTIALS_DIR", dir.resolve("root").toString(),
                "SLURM_SSH_PRIVATE_KEY_PATH", client.privateKey().toString(),
                "SLURM_SSH_KNOWN_HOSTS", knownHosts.toString())).resolve(null);
        connector = new SshConnector(SshTimeouts.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        connector.close();
        node.close();
    }

    @BeforeEach
    void newPool() {
        pool = new SshSessionPool(connector, IDLE, clock::get);
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    static SshTarget target() {
        return new SshTarget("127.0.0.1", node.port(), "poller", null);
    }

    String hostname() throws Exception {
        return pool.withSession(target(), credentials, shell -> shell.exec("echo $$", T).requireOk("echo").stdout());
    }

    @Test
    void aSessionIsReusedWhileFresh() throws Exception {
        int before = node.sessionsCreated.get();
        hostname();
        clock.addAndGet(IDLE.toNanos() - 1);
        hostname();
        assertThat(node.sessionsCreated.get() - before).isEqualTo(1);
        assertThat(pool.activeByLoginNode()).isEqualTo(Map.of("127.0.0.1", 1));
    }

    @Test
    void anIdleSessionIsEvicted() throws Exception {
        int before = node.sessionsCreated.get();
        RemoteShell first = pool.withSession(target(), credentials, shell -> shell);
        clock.addAndGet(IDLE.toNanos());
        pool.evictIdle();
        assertThat(first.isOpen()).isFalse();
        assertThat(pool.activeByLoginNode()).isEmpty();
        hostname();
        assertThat(node.sessionsCreated.get() - before).isEqualTo(2);
    }

    @Test
    void anExpiredSessionIsReplacedOnTheNextUse() throws Exception {
        RemoteShell first = pool.withSession(target(), credentials, shell -> shell);
        clock.addAndGet(IDLE.toNanos() + 1);
        RemoteShell second = pool.withSession(target(), credentials, shell -> shell);
        assertThat(second).isNotSameAs(first);
        assertThat(first.isOpen()).isFalse();
    }

    @Test
    void anyErrorDropsTheSession() throws Exception {
        RemoteShell first = pool.withSession(target(), credentials, shell -> shell);
        SshFailure failure = catchThrowableOfType(() -> pool.withSession(target(), credentials,
                shell -> shell.exec("exit 7", T).requireOk("exit 7")), SshFailure.class);
        assertThat(failure.kind()).isEqualTo(SshFailure.Kind.COMMAND);
        assertThat(first.isOpen()).isFalse();
        assertThat(pool.activeByLoginNode()).isEmpty();
        RemoteShell next = pool.withSession(target(), credentials, shell -> shell);
        assertThat(next).isNotSameAs(first);
        assertThat(next.isOpen()).isTrue();
    }

    @Test
    void aSessionClosedByTheServerIsNotHandedOut() throws Exception {
        RemoteShell first = pool.withSession(target(), credentials, shell -> shell);
        first.close();
        String out = pool.withSession(target(), credentials, shell -> shell.exec("echo ok", T).stdout());
        assertThat(out).isEqualTo("ok\n");
    }

    @Test
    void theSlotIsPartOfThePoolingKey() throws Exception {
        RemoteShell global = pool.withSession(target(), credentials, shell -> shell);
        SshTarget slotted = new SshTarget("127.0.0.1", node.port(), "poller", "other");
        RemoteShell other = pool.withSession(slotted, credentials, shell -> shell);
        assertThat(other).isNotSameAs(global);
        assertThat(pool.activeByLoginNode()).isEqualTo(Map.of("127.0.0.1", 2));
    }

    @Test
    void aFailedConnectLeavesNothingCounted() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SshTarget nowhere = new SshTarget("127.0.0.1", port, "poller", null);
        SshFailure failure = catchThrowableOfType(() -> pool.withSession(nowhere, credentials, shell -> shell), SshFailure.class);
        assertThat(failure.kind()).isEqualTo(SshFailure.Kind.CONNECT);
        assertThat(pool.activeByLoginNode()).isEmpty();
    }

    @Test
    void concurrentCallersGetTheirOwnSessionsAndOnlyOneIsKept() throws Exception {
        CountDownLatch bothInside = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            SessionWork<RemoteShell> work = shell -> {
                bothInside.countDown();
                release.await(20, TimeUnit.SECONDS);
                shell.exec("true", T).requireOk("true");
                return shell;
            };
            Future<RemoteShell> a = threads.submit(() -> pool.withSession(target(), credentials, work));
            Future<RemoteShell> b = threads.submit(() -> pool.withSession(target(), credentials, work));
            assertThat(bothInside.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(pool.activeByLoginNode()).isEqualTo(Map.of("127.0.0.1", 2));
            release.countDown();
            RemoteShell first = a.get(20, TimeUnit.SECONDS);
            RemoteShell second = b.get(20, TimeUnit.SECONDS);
            assertThat(first).isNotSameAs(second);
            assertThat(first.isOpen() ^ second.isOpen()).as("exactly one session kept").isTrue();
            assertThat(pool.activeByLoginNode()).isEqualTo(Map.of("127.0.0.1", 1));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void closingThePoolClosesCachedSessions() throws Exception {
        RemoteShell shell = pool.withSession(target(), credentials, s -> s);
        pool.close();
        assertThat(shell.isOpen()).isFalse();
        assertThat(pool.activeByLoginNode()).isEmpty();
    }
}
