package dev.beampipe.model.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The real one-node Slurm cluster that {@code scripts/slurm-cluster/start.sh} brings up (docs/slurm-testing.md),
 * as described by the env file it writes ({@code BEAMPIPE_TEST_SLURM_ENV=<dir>/slurm-test.env}).
 * Tests that need it are annotated {@link RequiresRealSlurm} and read it with {@link #fromEnvironment()}.
 */
public record RealSlurm(String host, int port, String user, Path privateKey, Path knownHosts, String dlgRoot,
                        String account, String partition, String homeDir, String logDir) {
    /** The environment variable naming the env file; tests needing the cluster are enabled by it. */
    public static final String ENV = "BEAMPIPE_TEST_SLURM_ENV";
    /** The JUnit tag of those tests ({@code mvn verify -Dgroups=real-slurm} runs only them). */
    public static final String TAG = "real-slurm";
    static final String PREFIX = "BEAMPIPE_TEST_SLURM_";
    /**
     * With {@code sbatch --export=<list>} (40-backends §4.5 step 9), Slurm puts {@code SLURM_EXPORT_ENV=<list>} into
     * the job, so a plain {@code srun} inside jobsub.sh starts its step without PATH
     * ({@code execve(): python3: No such file or directory}); the step needs {@code --export=ALL}.
     */
    public static final String EXEC_PREFIX = "srun -l --export=ALL";

    private static final ObjectMapper JSON = new ObjectMapper();

    public RealSlurm {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(PREFIX + "PORT must be 1-65535, got " + port);
        }
        for (String remotePath : List.of(dlgRoot, homeDir, logDir)) {
            if (!remotePath.startsWith("/")) {
                throw new IllegalArgumentException("remote paths must be absolute, got " + remotePath);
            }
        }
    }

    /** The cluster named by {@link #ENV}, or empty when the variable is unset or blank. */
    public static Optional<RealSlurm> fromEnvironment() {
        String file = System.getenv(ENV);
        if (file == null || file.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(load(Path.of(file.trim())));
    }

    public static RealSlurm load(Path envFile) {
        try {
            return parse(Files.readString(envFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ENV + " file " + envFile, e);
        }
    }

    /** {@code KEY=value} lines; blank lines and {@code #} comments skipped; unknown keys ignored. */
    public static RealSlurm parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not a KEY=value line in the " + ENV + " file: " + line);
            }
            values.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
        }
        return new RealSlurm(required(values, "HOST"), port(required(values, "PORT")), required(values, "USER"),
                Path.of(required(values, "PRIVATE_KEY")), Path.of(required(values, "KNOWN_HOSTS")),
                required(values, "DLG_ROOT"), required(values, "ACCOUNT"), required(values, "PARTITION"),
                required(values, "HOME_DIR"), required(values, "LOG_DIR"));
    }

    /**
     * A {@code slurm_remote} profile document for this cluster ({@code beampipe profile add} input, 40-backends §1.4):
     * login node, port, user, slot, account, partition, paths, the {@link #EXEC_PREFIX} and a 5-minute wall time.
     * Callers adjust it (tm_url, environment_setup, …) before binding it.
     */
    public ObjectNode profileJson(String name, String credentialSlot) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("name", name);
        doc.put("description", "the real one-node Slurm test cluster (scripts/slurm-cluster)");
        doc.put("max_concurrent_executions", 4);
        doc.putObject("translation");
        ObjectNode d = doc.putObject("deployment");
        d.put("kind", "slurm_remote");
        d.put("login_node", host);
        d.put("ssh_port", port);
        d.put("remote_user", user);
        if (credentialSlot != null) {
            d.put("ssh_credential", credentialSlot);
        }
        d.put("account", account);
        d.put("home_dir", homeDir);
        d.put("log_dir", logDir);
        d.put("dlg_root", dlgRoot);
        d.put("exec_prefix", EXEC_PREFIX);
        d.put("facility", "setonix");
        d.put("job_duration_minutes", 5);
        d.putObject("resources").put("partition", partition);
        return doc;
    }

    /**
     * The worker environment that makes {@code credentialSlot} resolve to this cluster's key and known_hosts
     * (40-backends §4.2 slot chains), with strict host-key checking.
     */
    public Map<String, String> workerEnv(String credentialSlot) {
        String suffix = credentialSlot.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SLURM_SSH_PRIVATE_KEY_PATH_" + suffix, privateKey.toString());
        env.put("SLURM_SSH_KNOWN_HOSTS_" + suffix, knownHosts.toString());
        env.put("BEAMPIPE_SLURM_SSH_STRICT_KNOWN_HOSTS", "true");
        return env;
    }

    /** The known_hosts line of the login node ({@code [127.0.0.1]:2222 ssh-ed25519 AAAA…}). */
    public String knownHostsLine() {
        try {
            return Files.readAllLines(knownHosts).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no host key in " + knownHosts));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The OpenSSH client on the login node: an independent view for assertions ({@code squeue --name=…}). */
    public OpenSsh openSsh() {
        return new OpenSsh(host, port, user, privateKey, knownHosts);
    }

    private static String required(Map<String, String> values, String key) {
        String v = values.get(PREFIX + key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("the " + ENV + " file has no " + PREFIX + key);
        }
        return v;
    }

    private static int port(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + "PORT is not a number: " + text);
        }
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
