package dev.beampipe.model.slurm.ops;

import dev.beampipe.model.slurm.ssh.RemoteShell;
import dev.beampipe.model.slurm.ssh.SshFailure;
import dev.beampipe.simulators.slurm.FakeLoginNode;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One {@link FakeNodeFixture} per test class: started before all tests in a temporary directory, its scenario's
 * faults cleared after each test, closed (and the directory deleted) after all. Register it with
 * {@code @RegisterExtension static final FakeNodeExtension fake = new FakeNodeExtension();}.
 */
public final class FakeNodeExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private Path dir;
    private FakeNodeFixture fixture;
    private RemoteShell shell;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("fake-node-");
        fixture = new FakeNodeFixture(dir);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        fixture.node.scenario().clearFaults();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (shell != null) {
                shell.close();
            }
            fixture.close();
        } finally {
            deleteTree(dir);
        }
    }

    public FakeNodeFixture fx() {
        return fixture;
    }

    public FakeLoginNode node() {
        return fixture.node;
    }

    /** A plain sbatch through {@link #shell()} (see {@link FakeNodeFixture#sbatch}); returns the job id. */
    public String sbatch(String name) throws SshFailure, InterruptedException {
        return fixture.sbatch(shell(), name);
    }

    /** A session to the fake node, opened on first use and shared by the class's tests. */
    public synchronized RemoteShell shell() {
        if (shell == null) {
            try {
                shell = fixture.open();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted opening a session to the fake login node", e);
            } catch (Exception e) {
                throw new IllegalStateException("cannot open a session to the fake login node", e);
            }
        }
        return shell;
    }

    /** The class's temporary directory (the fake node's home and the keys live below it). */
    public Path dir() {
        return dir;
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
