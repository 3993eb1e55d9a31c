package dev.beampipe.model.slurm.ops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.slurm.protocol.BatchFiles;
import dev.beampipe.model.slurm.protocol.MissingSifException;
import dev.beampipe.model.slurm.protocol.SlurmQueries;
import dev.beampipe.model.slurm.ssh.CommandResult;
import dev.beampipe.model.slurm.ssh.RemoteShell;
import dev.beampipe.model.slurm.ssh.SshConnector;
import dev.beampipe.model.slurm.ssh.SshCredentials;
import dev.beampipe.model.slurm.ssh.SshFailure;
import dev.beampipe.model.slurm.ssh.SshTarget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Connectivity, queue and capacity (40-backends §4.10), the execute preflight (§4.7) and {@code slurm ping} (§4.12). */
public final class SlurmConnectivity {
    public static final String MISSING_COMMANDS = "one or more required SLURM commands are unavailable";
    /** Our client; the reference names its own ({@code russh}). */
    public static final String TRANSPORT = "mina-sshd";
    private final Duration timeout;

    public SlurmConnectivity() {
        this(Duration.ofSeconds(10));
    }

    public SlurmConnectivity(Duration perCommand) {
        this.timeout = perCommand;
    }

    /**
     * {@code {"commands":{name:bool},"missing":[…],"sinfo_version":…}}; missing commands throw a
     * {@link SlurmCommandException} with {@value #MISSING_COMMANDS} and the names as detail.
     */
    public ObjectNode status(RemoteShell shell) throws SshFailure, InterruptedException {
        String probe = SlurmQueries.connectivityProbe();
        CommandResult r = shell.exec(probe, timeout).requireOk(probe);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode commands = out.putObject("commands");
        List<String> missing = new ArrayList<>();
        for (String c : SlurmQueries.REQUIRED_COMMANDS) {
            boolean present = r.stdout().lines().map(String::trim).anyMatch(l -> l.equals(c + " yes"));
            commands.put(c, present);
            if (!present) {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            throw new SlurmCommandException(MISSING_COMMANDS + ": " + String.join(", ", missing), missing);
        }
        ArrayNode none = out.putArray("missing");
        missing.forEach(none::add);
        CommandResult version = shell.exec(SlurmQueries.sinfoVersion(), timeout);
        out.put("sinfo_version", version.ok() ? version.stdout().trim() : null);
        return out;
    }

    /** {@code {"counts":{state:n},"partition":first non-empty or null}}. */
    public ObjectNode queue(RemoteShell shell) throws SshFailure, InterruptedException {
        String cmd = SlurmQueries.queue();
        CommandResult r = shell.exec(cmd, timeout).requireOk(cmd);
        Map<String, Integer> counts = new TreeMap<>();
        String partition = null;
        for (String line : r.stdout().lines().toList()) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            counts.merge(f[0].trim().toLowerCase(Locale.ROOT), 1, Integer::sum);
            if (partition == null && f.length > 1 && !f[1].isBlank()) {
                partition = f[1].trim();
            }
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode c = out.putObject("counts");
        counts.forEach(c::put);
        out.put("partition", partition);
        return out;
    }

    /** {@code {"partitions":[…],"total_nodes","idle_nodes","allocated_nodes","down_nodes"}}. */
    public ObjectNode capacity(RemoteShell shell) throws SshFailure, InterruptedException {
        String cmd = SlurmQueries.capacity();
        CommandResult r = shell.exec(cmd, timeout).requireOk(cmd);
        List<String> partitions = new ArrayList<>();
        long total = 0;
        long idle = 0;
        long allocated = 0;
        long down = 0;
        for (String line : r.stdout().lines().toList()) {
            String[] f = line.split("\\|", -1);
            if (line.isBlank() || f.length < 3) {
                continue;
            }
            String partition = f[0].trim().replace("*", "");
            if (!partition.isEmpty() && !partitions.contains(partition)) {
                partitions.add(partition);
            }
            long nodes;
            try {
                nodes = Long.parseLong(f[1].trim());
            } catch (NumberFormatException e) {
                continue;
            }
            total += nodes;
            switch (f[2].trim().toLowerCase(Locale.ROOT)) {
                case "idle" -> idle += nodes;
                case "alloc", "allocated", "mix", "mixed" -> allocated += nodes;
                case "down", "drain", "drained" -> down += nodes;
                default -> { }
            }
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode p = out.putArray("partitions");
        partitions.forEach(p::add);
        out.put("total_nodes", total);
        out.put("idle_nodes", idle);
        out.put("allocated_nodes", allocated);
        out.put("down_nodes", down);
        return out;
    }

    /** {@code {"target","transport","squeue_stdout","sacct_stdout"}}; squeue must succeed, a sacct failure is text. */
    public ObjectNode ping(RemoteShell shell) throws SshFailure, InterruptedException {
        String squeue = SlurmQueries.pingSqueue();
        CommandResult q = shell.exec(squeue, timeout).requireOk(squeue);
        String sacctOut;
        String sacct = SlurmQueries.pingSacct();
        try {
            sacctOut = shell.exec(sacct, timeout).requireOk(sacct).stdout();
        } catch (SshFailure e) {
            sacctOut = "(sacct failed: " + e.getMessage() + ")";
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("target", shell.target().user() + "@" + shell.target().host());
        out.put("transport", TRANSPORT);
        out.put("squeue_stdout", q.stdout());
        out.put("sacct_stdout", sacctOut);
        return out;
    }

    /**
     * {@code probe_slurm_login} (§4.7): connect, then the preflight script. A missing SIF is reported before any SSH
     * command; the texts are the reference's.
     */
    public void preflight(SshConnector connector, SshTarget target, SshCredentials creds, SlurmRemoteDeployment d,
                          Map<String, String> env) throws SlurmCommandException, InterruptedException {
        String script = script(d, env);
        RemoteShell shell;
        try {
            shell = connector.open(target, creds);
        } catch (SshFailure e) {
            throw new SlurmCommandException("Slurm login node " + target.host() + " (" + target.user() + "@" + target.host()
                    + ") unreachable: " + e.getMessage() + ". Check VPN/SSH before submit.", e);
        }
        try (shell) {
            runPreflight(shell, script);
        }
    }

    /** The preflight on an open session. */
    public void preflight(RemoteShell shell, SlurmRemoteDeployment d, Map<String, String> env)
            throws SlurmCommandException, InterruptedException {
        runPreflight(shell, script(d, env));
    }

    private void runPreflight(RemoteShell shell, String command) throws InterruptedException {
        SshTarget t = shell.target();
        try {
            shell.exec(command, Duration.ofSeconds(Math.max(60, timeout.toSeconds()))).requireOk(command);
        } catch (SshFailure e) {
            throw new SlurmCommandException("Slurm runtime preflight failed on " + t.host() + " (" + t.user() + "@" + t.host()
                    + "): " + e.getMessage()
                    + ". Check the profile runtime, shared root, and ASKAPsoft image before submit.", e);
        }
    }

    private static String script(SlurmRemoteDeployment d, Map<String, String> env) {
        try {
            return BatchFiles.bashLc(BatchFiles.preflightScript(d, env));
        } catch (MissingSifException e) {
            throw new SlurmCommandException(e.getMessage());
        }
    }
}
