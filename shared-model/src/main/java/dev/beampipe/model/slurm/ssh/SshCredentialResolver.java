package dev.beampipe.model.slurm.ssh;

import dev.beampipe.model.security.SecurityChecks;
import dev.beampipe.model.slurm.CredentialSlots;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Resolves the SSH key, passphrase and known_hosts file for a credential slot (or the global configuration) from
 * the environment and the credential root (40-backends §4.2), applying the file-permission checks and the
 * production policy. Host-key checking is always strict: a usable known_hosts file is required. Errors never
 * contain key material or passphrases, and in production no paths.
 */
public final class SshCredentialResolver {
    static final String REDACTED_PATH = "[REDACTED_PATH]";
    static final String STRICT_ENV = "BEAMPIPE_SLURM_SSH_STRICT_KNOWN_HOSTS";
    static final String HOME_FALLBACK_ENV = "BEAMPIPE_SLURM_SSH_ALLOW_HOME_FALLBACK";
    static final String INLINE_ENV = "BEAMPIPE_ALLOW_INLINE_SECRETS";
    private static final String KEY_ROLE = "SSH private key";
    private static final String PASSPHRASE_ROLE = "SSH key passphrase file";

    private final Map<String, String> env;
    private final boolean production;

    public SshCredentialResolver(Map<String, String> env) {
        this.env = Map.copyOf(env);
        this.production = SecurityChecks.production(env);
    }

    /** Env suffix of a slot: uppercased, {@code -} and {@code .} → {@code _}. */
    public static String envSuffix(String slot) {
        return slot.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    public SshCredentials resolve(String slotOrNull) throws SshFailure {
        String slot = slotOrNull == null || slotOrNull.isBlank() ? null : slotOrNull.trim();
        if (slot != null && !CredentialSlots.validName(slot)) {
            throw failure("invalid Slurm SSH credential slot name: " + CredentialSlots.INVALID_NAME);
        }
        if (flag(STRICT_ENV).filter(strict -> !strict).isPresent()) {
            throw failure(STRICT_ENV + "=false is not supported: beampipe always verifies SSH host keys against "
                    + "known_hosts; add the login node's key to known_hosts (ssh-keyscan) instead");
        }
        Path root = CredentialSlots.root(env);
        KeySource key = slot != null ? slotKey(root, slot) : globalKey();
        Optional<Passphrase> passphrase = slot != null ? slotPassphrase(root, slot) : globalPassphrase();
        Path knownHostsPath = knownHostsPath(root, slot);
        KnownHosts hostKeys = readKnownHosts(knownHostsPath);
        return new SshCredentials(slot, key, passphrase, knownHostsPath, hostKeys, production);
    }

    // ---- private key ----

    private KeySource slotKey(Path root, String slot) throws SshFailure {
        String s = envSuffix(slot);
        Optional<KeySource> inline = inlineKey("SLURM_SSH_PRIVATE_KEY_" + s);
        if (inline.isPresent()) {
            return inline.get();
        }
        for (String variable : List.of("SLURM_SSH_PRIVATE_KEY_PATH_" + s, "SLURM_SSH_PRIVATE_KEY_FILE_" + s)) {
            Optional<String> path = value(variable);
            if (path.isPresent()) {
                return keyFile(Path.of(path.get()), variable);
            }
        }
        Path dir = root.resolve(slot);
        for (String name : List.of("private_key", "slurm_key")) {
            if (present(dir.resolve(name))) {
                return keyFile(dir.resolve(name), null);
            }
        }
        throw failure("no Slurm SSH private key for credential '" + slot + "': place private_key or slurm_key at "
                + shown(dir) + ", or set SLURM_SSH_PRIVATE_KEY_PATH_" + s);
    }

    private KeySource globalKey() throws SshFailure {
        Optional<KeySource> inline = inlineKey("SLURM_SSH_PRIVATE_KEY");
        if (inline.isPresent()) {
            return inline.get();
        }
        for (String variable : List.of("SLURM_SSH_PRIVATE_KEY_PATH", "SLURM_SSH_PRIVATE_KEY_FILE")) {
            Optional<String> path = value(variable);
            if (path.isPresent()) {
                return keyFile(Path.of(path.get()), variable);
            }
        }
        if (flag(HOME_FALLBACK_ENV).orElse(false)) {
            if (production) {
                throw failure(HOME_FALLBACK_ENV + " is not allowed in production; use a credential slot or SLURM_SSH_PRIVATE_KEY_FILE");
            }
            Path ssh = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".ssh");
            for (String name : List.of("id_ed25519", "id_rsa")) {
                if (present(ssh.resolve(name))) {
                    return keyFile(ssh.resolve(name), null);
                }
            }
            throw failure("no Slurm SSH private key: " + HOME_FALLBACK_ENV + " is set but neither "
                    + shown(ssh.resolve("id_ed25519")) + " nor " + shown(ssh.resolve("id_rsa")) + " exists");
        }
        throw failure("no Slurm SSH private key configured: set ssh_credential in the deployment profile (a credential "
                + "slot), or SLURM_SSH_PRIVATE_KEY_PATH");
    }

    private Optional<KeySource> inlineKey(String variable) throws SshFailure {
        Optional<String> text = value(variable);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (production && !flag(INLINE_ENV).orElse(false)) {
            throw failure(variable + " (inline key material) is not allowed in production; use a key file or a credential "
                    + "slot (or set " + INLINE_ENV + "=true)");
        }
        return Optional.of(new KeySource.Inline(variable, env.get(variable)));
    }

    private KeySource keyFile(Path path, String variable) throws SshFailure {
        checkSecretFile(path, KEY_ROLE, variable);
        return new KeySource.KeyFile(path, production);
    }

    // ---- passphrase ----

    private Optional<Passphrase> slotPassphrase(Path root, String slot) throws SshFailure {
        String s = envSuffix(slot);
        Optional<Passphrase> fromEnv = envPassphrase(
                List.of("SLURM_SSH_PRIVATE_KEY_PASSPHRASE_FILE_" + s, "SLURM_SSH_PRIVATE_KEY_PASSCODE_FILE_" + s),
                List.of("SLURM_SSH_PRIVATE_KEY_PASSPHRASE_" + s, "SLURM_SSH_PRIVATE_KEY_PASSCODE_" + s));
        if (fromEnv.isPresent()) {
            return fromEnv;
        }
        for (String name : List.of("passphrase", "passcode")) {
            Path file = root.resolve(slot).resolve(name);
            if (present(file)) {
                return passphraseFile(file, null);
            }
        }
        return Optional.empty();
    }

    private Optional<Passphrase> globalPassphrase() throws SshFailure {
        return envPassphrase(List.of("SLURM_SSH_PRIVATE_KEY_PASSPHRASE_FILE", "SLURM_SSH_PRIVATE_KEY_PASSCODE_FILE"),
                List.of("SLURM_SSH_PRIVATE_KEY_PASSPHRASE", "SLURM_SSH_PRIVATE_KEY_PASSCODE", "SSH_KEY_PASSPHRASE"));
    }

    private Optional<Passphrase> envPassphrase(List<String> fileVariables, List<String> valueVariables) throws SshFailure {
        for (String variable : fileVariables) {
            Optional<String> path = value(variable);
            if (path.isPresent()) {
                return passphraseFile(Path.of(path.get()), variable);
            }
        }
        for (String variable : valueVariables) {
            String raw = env.get(variable);
            if (raw != null && !raw.isEmpty()) {
                return Optional.of(new Passphrase(raw.toCharArray(), variable));
            }
        }
        return Optional.empty();
    }

    /** Trailing CR/LF stripped, other whitespace kept; an empty file means no passphrase. */
    private Optional<Passphrase> passphraseFile(Path file, String variable) throws SshFailure {
        checkSecretFile(file, PASSPHRASE_ROLE, variable);
        String text = read(file, PASSPHRASE_ROLE);
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return end == 0 ? Optional.empty() : Optional.of(new Passphrase(text.substring(0, end).toCharArray(), PASSPHRASE_ROLE));
    }

    // ---- known_hosts ----

    private Path knownHostsPath(Path root, String slot) throws SshFailure {
        List<String> variables = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        if (slot != null) {
            String s = envSuffix(slot);
            variables.add("SLURM_SSH_KNOWN_HOSTS_" + s);
            variables.add("SLURM_SSH_KNOWN_HOSTS_SOURCE_" + s);
            files.add(root.resolve(slot).resolve("known_hosts"));
        }
        for (String variable : variables) {
            Optional<Path> chosen = knownHostsVariable(variable);
            if (chosen.isPresent()) {
                return chosen.get();
            }
        }
        files.add(root.resolve("known_hosts"));
        if (slot != null) {
            for (Path file : files) {
                if (present(file)) {
                    return file;
                }
            }
        }
        for (String variable : List.of("SLURM_SSH_KNOWN_HOSTS", "SLURM_SSH_KNOWN_HOSTS_SOURCE")) {
            Optional<Path> chosen = knownHostsVariable(variable);
            if (chosen.isPresent()) {
                return chosen.get();
            }
        }
        if (slot == null && present(root.resolve("known_hosts"))) {
            return root.resolve("known_hosts");
        }
        String where = slot == null ? shown(root.resolve("known_hosts"))
                : shown(root.resolve(slot).resolve("known_hosts")) + " or " + shown(root.resolve("known_hosts"));
        throw failure("known_hosts required: host keys are always verified; place a known_hosts file at " + where
                + " or set SLURM_SSH_KNOWN_HOSTS" + (slot == null ? "" : "_" + envSuffix(slot))
                + " (e.g. from ssh-keyscan -p <port> -t ed25519 <login node>)");
    }

    private Optional<Path> knownHostsVariable(String variable) throws SshFailure {
        Optional<String> value = value(variable);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get().equalsIgnoreCase("none")) {
            throw failure("known_hosts required: " + variable + "=none would disable host-key verification, which "
                    + "beampipe does not allow; point it at a known_hosts file");
        }
        return Optional.of(Path.of(value.get()));
    }

    private KnownHosts readKnownHosts(Path path) throws SshFailure {
        if (!Files.isRegularFile(path)) {
            throw failure("known_hosts required: known_hosts file " + shown(path) + " does not exist or is not a regular file");
        }
        KnownHosts hosts;
        try {
            hosts = KnownHosts.parse(read(path, "known_hosts file"));
        } catch (SshFailure e) {
            throw failure(e.getMessage() + " (known_hosts file " + shown(path) + ")");
        }
        if (hosts.isEmpty()) {
            throw failure("no public keys parsed from known_hosts file " + shown(path));
        }
        return hosts;
    }

    // ---- file checks ----

    /**
     * Regular file, no access for other users and no group bits (POSIX ACLs are not consulted); in production also
     * no symlink and owned by root or the service user.
     */
    private void checkSecretFile(Path path, String role, String variable) throws SshFailure {
        String from = variable == null ? "" : " (from " + variable + ")";
        if (production && Files.isSymbolicLink(path)) {
            throw failure(role + " must not be a symlink in production" + from);
        }
        if (!Files.exists(path)) {
            throw failure(role + " " + shown(path) + " does not exist" + from);
        }
        if (!Files.isRegularFile(path)) {
            throw failure(role + " " + shown(path) + " is not a regular file" + from);
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(path);
        } catch (UnsupportedOperationException | IOException e) {
            throw failure("cannot read the permissions of " + role + " " + shown(path) + from);
        }
        int mode = mode(permissions);
        if ((mode & 0077) != 0) {
            throw failure(role + " " + (production ? "" : shown(path) + " ") + "permissions " + String.format("%04o", mode)
                    + " are too open (expected 0600 or stricter)" + from);
        }
        if (production) {
            checkOwner(path, role, from);
        }
    }

    private void checkOwner(Path path, String role, String from) throws SshFailure {
        try {
            int owner = (Integer) Files.getAttribute(path, "unix:uid");
            OptionalLong euid = ProcessIds.effectiveUid();
            if (owner != 0 && euid.isPresent() && owner != euid.getAsLong()) {
                throw failure(role + " is owned by uid " + owner + "; expected root or the service user (uid "
                        + euid.getAsLong() + ")" + from);
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            throw failure("cannot read the owner of " + role + from);
        }
    }

    static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= switch (p) {
                case OWNER_READ -> 0400;
                case OWNER_WRITE -> 0200;
                case OWNER_EXECUTE -> 0100;
                case GROUP_READ -> 040;
                case GROUP_WRITE -> 020;
                case GROUP_EXECUTE -> 010;
                case OTHERS_READ -> 04;
                case OTHERS_WRITE -> 02;
                case OTHERS_EXECUTE -> 01;
            };
        }
        return mode;
    }

    // ---- helpers ----

    private String read(Path path, String role) throws SshFailure {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw failure("cannot read " + role + " " + shown(path) + ": " + e.getClass().getSimpleName());
        }
    }

    private static boolean present(Path file) {
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    }

    private String shown(Path path) {
        return production ? REDACTED_PATH : path.toString();
    }

    private Optional<String> value(String variable) {
        String raw = env.get(variable);
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.trim());
    }

    private Optional<Boolean> flag(String variable) throws SshFailure {
        Optional<String> raw = value(variable);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "y", "on" -> Optional.of(true);
            case "0", "false", "no", "n", "off" -> Optional.of(false);
            default -> throw failure(variable + " must be a boolean (true/false, yes/no, on/off, 1/0), got '" + raw.get() + "'");
        };
    }

    private static SshFailure failure(String message) {
        return new SshFailure(SshFailure.Kind.CREDENTIALS, message);
    }
}
