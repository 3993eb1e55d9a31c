package dev.beampipe.simulators.slurm;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.server.SshServer;

/**
 * A fake Slurm login node (40-backends §10.5): an SSH server on 127.0.0.1 with a fixed ed25519 host key and
 * public-key authentication only, whose exec channels run the command with a real bash, the fake Slurm commands
 * and the fake DALiuGE package first on PATH. {@link #scenario()} scripts job fates and faults.
 *
 * <p>Layout under {@link Options#baseDir()}: {@code tools/} (the commands and the Python package), {@code state/}
 * (the fake controller's state), {@code home/} (the login user's home and working directory).
 */
public final class FakeLoginNode implements AutoCloseable {

    public static final String HOST = "127.0.0.1";

    /** {@code port} 0 = ephemeral; {@code hostKey} is an OpenSSH private key file, generated (ed25519) if absent. */
    public record Options(Path baseDir, Path hostKey, int port) {
        public static Options in(Path baseDir) {
            return new Options(baseDir, baseDir.resolve("ssh_host_ed25519_key"), 0);
        }

        public Options withPort(int newPort) {
            return new Options(baseDir, hostKey, newPort);
        }

        public Options withHostKey(Path key) {
            return new Options(baseDir, key, port);
        }
    }

    private final Path home;
    private final Path stateDir;
    private final FakeSlurmTools tools;
    private final SlurmScenario scenario;
    private final SshFaults sshFaults = new SshFaults();
    private final List<PublicKey> authorized = new CopyOnWriteArrayList<>();
    private final List<String> commands = Collections.synchronizedList(new ArrayList<>());
    private volatile SshServer server;
    private volatile PublicKey hostPublicKey;
    private volatile int port;

    private FakeLoginNode(Options options) throws IOException {
        Path base = options.baseDir().toAbsolutePath();
        this.home = Files.createDirectories(base.resolve("home"));
        this.stateDir = Files.createDirectories(base.resolve("state"));
        this.tools = FakeSlurmTools.install(base.resolve("tools"));
        this.scenario = new SlurmScenario(new FakeSlurmAdmin(tools, stateDir), sshFaults);
        Files.writeString(home.resolve(".bash_profile"), bashProfile(), StandardCharsets.UTF_8);
        this.port = options.port();
    }

    public static FakeLoginNode start(Options options) {
        try {
            FakeLoginNode node = new FakeLoginNode(options);
            node.listen(options.hostKey());
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake login node in " + options.baseDir(), e);
        }
    }

    private void listen(Path hostKey) throws IOException {
        KeyPair keys = loadOrCreateHostKey(hostKey);
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost(HOST);
        sshd.setPort(port);
        sshd.setKeyPairProvider(session -> List.of(keys));
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setPublickeyAuthenticator((user, key, session) ->
                authorized.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
        sshd.setCommandFactory((channel, command) -> new FakeExecCommand(command, this));
        sshd.start();
        this.hostPublicKey = keys.getPublic();
        this.port = sshd.getPort();
        this.server = sshd;
    }

    /** Stops listening and listens again on the same port presenting another host key (a "host key changed" fault). */
    public synchronized void restartWithHostKey(Path hostKey) {
        try {
            server.stop(true);
            listen(hostKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart the fake login node on port " + port, e);
        }
    }

    static KeyPair loadOrCreateHostKey(Path path) throws IOException {
        try {
            if (!Files.exists(path)) {
                Files.createDirectories(path.toAbsolutePath().getParent());
                KeyPairGenerator generator = SecurityUtils.getKeyPairGenerator(SecurityUtils.EDDSA);
                KeyPair pair = generator.generateKeyPair();
                Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "fake-login-node", null, out);
                }
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                Files.move(tmp, path, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            for (KeyPair pair : new FileKeyPairProvider(path).loadKeys(null)) {
                return pair;
            }
            throw new IOException("no key in " + path);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load or create the host key " + path + ": " + e.getMessage(), e);
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    public PublicKey hostPublicKey() {
        return hostPublicKey;
    }

    /** {@code [127.0.0.1]:<port> ssh-ed25519 AAAA…}, as {@code ssh-keyscan} writes it. */
    public String knownHostsLine() {
        return "[" + HOST + "]:" + port + " " + PublicKeyEntry.toString(hostPublicKey);
    }

    /** Accepts the key of an OpenSSH public key line ({@code ssh-ed25519 AAAA… comment}) for any user name. */
    public void authorize(String openSshPublicKeyLine) {
        authorized.add(parsePublicKey(openSshPublicKeyLine));
    }

    /** Rejects that key from now on (an "auth failure" fault). */
    public void revoke(String openSshPublicKeyLine) {
        PublicKey key = parsePublicKey(openSshPublicKeyLine);
        authorized.removeIf(k -> KeyUtils.compareKeys(k, key));
    }

    static PublicKey parsePublicKey(String line) {
        try {
            AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line.strip());
            if (entry == null) {
                throw new IllegalArgumentException("not an OpenSSH public key line");
            }
            return entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("not an OpenSSH public key line: " + e.getMessage(), e);
        }
    }

    public SlurmScenario scenario() {
        return scenario;
    }

    /** Every job the fake sbatch accepted, in submission order, with its state now. */
    public List<SubmittedJob> jobs() {
        return scenario.jobs();
    }

    /** Every command line received on an exec channel, in order. */
    public List<String> commands() {
        synchronized (commands) {
            return List.copyOf(commands);
        }
    }

    /** Cancels a live job as an operator outside beampipe would ({@code CANCELLED by 0}); false if not live. */
    public boolean cancelJob(String id) {
        return scenario.cancel(id, 0);
    }

    public Path home() {
        return home;
    }

    public Path stateDir() {
        return stateDir;
    }

    public FakeSlurmTools tools() {
        return tools;
    }

    void recordCommand(String command) {
        commands.add(command);
    }

    SshFaults sshFaults() {
        return sshFaults;
    }

    /** The variables every exec'd command gets (a login shell re-applies PATH/PYTHONPATH from ~/.bash_profile). */
    Map<String, String> loginEnvironment(String user) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", home.toString());
        env.put("USER", user);
        env.put("LOGNAME", user);
        env.put("SHELL", "/bin/bash");
        env.put("PATH", tools.slurmBin() + ":" + tools.dlgBin() + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("PYTHONPATH", tools.pythonPath().toString());
        env.put("FAKE_SLURM_STATE", stateDir.toString());
        return env;
    }

    private String bashProfile() {
        return "# written by the fake login node: a login shell's /etc/profile may reset PATH\n"
                + "export PATH=\"" + tools.slurmBin() + ":" + tools.dlgBin() + ":$PATH\"\n"
                + "export PYTHONPATH=\"" + tools.pythonPath() + "\"\n"
                + "export FAKE_SLURM_STATE=\"" + stateDir + "\"\n";
    }

    @Override
    public void close() {
        SshServer s = server;
        if (s != null) {
            try {
                s.stop(true);
            } catch (IOException ignored) {
                // already stopped
            }
        }
    }
}
