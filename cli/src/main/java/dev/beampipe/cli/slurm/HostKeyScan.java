package dev.beampipe.cli.slurm;

import dev.beampipe.cli.CliException;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ssh-keyscan -p PORT -t ed25519 -T 8 HOST}, the operator's confirmation of the offered fingerprints, and the
 * append to the shared known_hosts (50-operations §1.6). Nothing is written unless the keys are trusted.
 */
public final class HostKeyScan {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** One {@code known_hosts} line as ssh-keyscan printed it, with its key's {@code SHA256:} fingerprint. */
    public record HostKey(String line, String type, String fingerprint) {
    }

    private HostKeyScan() {
    }

    public static List<HostKey> scan(String host, int port, Map<String, String> env) {
        if (host == null || host.isBlank() || host.startsWith("-")) {
            throw new CliException("--host is required for the host-key scan (or pass --skip-keyscan)");
        }
        ExternalProgram keyscan = ExternalProgram.require("ssh-keyscan", env, "install the OpenSSH client, e.g. apt-get install openssh-client");
        ExternalProgram.Result r = keyscan.run(List.of("-p", Integer.toString(port), "-t", "ed25519", "-T", "8", host), TIMEOUT);
        List<HostKey> keys = parse(r.stdout());
        if (keys.isEmpty()) {
            throw new CliException("ssh-keyscan returned no ed25519 host key for " + host + ":" + port
                    + (r.stderr().isBlank() ? "" : " (" + r.stderr().strip().lines().reduce((a, b) -> b).orElse("") + ")"));
        }
        return keys;
    }

    /** The host-key lines of ssh-keyscan output ({@code # …} comment lines and malformed lines skipped). */
    public static List<HostKey> parse(String stdout) {
        List<HostKey> keys = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+");
            if (parts.length < 3) {
                continue;
            }
            fingerprint(parts[2]).ifPresent(fp -> keys.add(new HostKey(parts[0] + " " + parts[1] + " " + parts[2], parts[1], fp)));
        }
        return keys;
    }

    static java.util.Optional<String> fingerprint(String base64Blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(base64Blob));
            return java.util.Optional.of("SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest));
        } catch (IllegalArgumentException | NoSuchAlgorithmException e) {
            return java.util.Optional.empty();
        }
    }

    /** Shows the fingerprints; trusted with {@code --accept-host-key}, else only by a "y" on a terminal. */
    public static void confirm(List<HostKey> keys, boolean accept, Prompter prompter, PrintWriter out) {
        out.println("The SSH server offered these host keys:");
        for (HostKey k : keys) {
            out.println("  " + k.line().split(" ")[0] + " " + k.type() + " " + k.fingerprint());
        }
        out.flush();
        if (accept) {
            return;
        }
        if (!prompter.interactive()) {
            throw new CliException("host keys not trusted: compare the fingerprints with the facility's published ones, "
                    + "then pass --accept-host-key (stdin is not a terminal)");
        }
        if (!prompter.confirm("Trust these SSH host keys?")) {
            throw new CliException("host keys not trusted; nothing was written");
        }
    }

    /**
     * Writes the trusted keys to {@code knownHosts} (0644): lines whose host field equals a scanned host are replaced
     * (a rescan after a host-key change must not leave the old key accepted), every other line is kept.
     */
    public static void append(Path knownHosts, List<HostKey> keys) {
        Set<String> scannedHosts = new LinkedHashSet<>();
        keys.forEach(k -> scannedHosts.add(hostField(k.line())));
        Set<String> lines = new LinkedHashSet<>();
        if (Files.exists(knownHosts)) {
            for (String line : new String(SlotFiles.readSource(knownHosts, "known_hosts"), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !scannedHosts.contains(hostField(line))) {
                    lines.add(line);
                }
            }
        }
        keys.forEach(k -> lines.add(k.line()));
        SlotFiles.write(knownHosts, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8), SlotFiles.PUBLIC_MODE);
    }

    private static String hostField(String line) {
        return line.strip().split("\\s+", 2)[0];
    }
}
