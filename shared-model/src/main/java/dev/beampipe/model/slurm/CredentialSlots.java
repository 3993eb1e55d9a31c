package dev.beampipe.model.slurm;

import dev.beampipe.model.profile.ProfileValidator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-profile SSH credential slots under the credentials root (40-backends §4.2): the immediate
 * sub-directories whose names pass the slot-name rule, sorted. Only file presence is read, plus the public key
 * to fingerprint it; the private key and passphrase files are never opened.
 */
public final class CredentialSlots {
    public static final String INVALID_NAME = "deployment.ssh_credential must be 1-50 ASCII letters, digits, '.', '_', or '-'";
    static final Path RUN_DIR = Path.of("/run/beampipe/ssh");
    private static final int MAX_PUBLIC_KEY_BYTES = 64 * 1024;

    private final Path root;

    public CredentialSlots(Path root) {
        this.root = root;
    }

    /** {@code BEAMPIPE_SSH_CREDENTIALS_DIR}; else {@code /run/beampipe/ssh} if it is a directory; else {@code $HOME/.config/beampipe/credentials}. */
    public static Path root(Map<String, String> env, Path runDir) {
        String configured = env.get("BEAMPIPE_SSH_CREDENTIALS_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        if (Files.isDirectory(runDir)) {
            return runDir;
        }
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config", "beampipe", "credentials");
    }

    public static Path root(Map<String, String> env) {
        return root(env, RUN_DIR);
    }

    /** The slot-name rule of deployment profiles, with no surrounding whitespace either (it names a directory). */
    public static boolean validName(String name) {
        return name != null && name.equals(name.trim()) && ProfileValidator.validSlotName(name);
    }

    /** Every slot, sorted by name; an absent or unreadable root has none. */
    public List<CredentialSlot> list() {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (validName(name) && Files.isDirectory(entry)) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        names.sort(null);
        return names.stream().map(this::slot).toList();
    }

    /** Empty when the slot is not listed; the caller checks {@link #validName} first. */
    public Optional<CredentialSlot> get(String name) {
        if (!validName(name)) {
            throw new IllegalArgumentException(INVALID_NAME);
        }
        Path dir = root.resolve(name);
        return Files.isDirectory(root) && Files.isDirectory(dir) ? Optional.of(slot(name)) : Optional.empty();
    }

    private CredentialSlot slot(String name) {
        Path dir = root.resolve(name);
        Path publicKey = dir.resolve("private_key.pub");
        return new CredentialSlot(name, exists(dir.resolve("private_key")), exists(publicKey), exists(dir.resolve("passphrase")),
                exists(dir.resolve("known_hosts")) || exists(root.resolve("known_hosts")), fingerprint(publicKey).orElse(null));
    }

    private static boolean exists(Path file) {
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS) || Files.exists(file);
    }

    /** {@code SHA256:<unpadded base64>} of the key blob of an OpenSSH public key line; empty if it does not parse. */
    static Optional<String> fingerprint(Path publicKey) {
        try {
            if (!Files.isRegularFile(publicKey) || Files.size(publicKey) > MAX_PUBLIC_KEY_BYTES) {
                return Optional.empty();
            }
            return fingerprint(Files.readString(publicKey, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<String> fingerprint(String line) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length < 2 || !parts[0].matches("(ssh|ecdsa|sk)-[A-Za-z0-9@.-]+")) {
            return Optional.empty();
        }
        try {
            byte[] blob = Base64.getDecoder().decode(parts[1]);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return Optional.of("SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest));
        } catch (IllegalArgumentException | NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }
}
