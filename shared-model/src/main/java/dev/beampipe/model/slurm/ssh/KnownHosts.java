package dev.beampipe.model.slurm.ssh;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A parsed known_hosts file and the host-key decision (40-backends §4.3). Pure: no file or network access.
 * Hashed entries and {@code @} markers are refused rather than skipped, so a file that cannot be honoured is
 * never silently treated as "no entry for this host".
 */
public final class KnownHosts {
    public enum Verdict {
        /** Some entry matches the host and port and carries the offered key. */
        MATCH,
        /** Entries exist for the host and port, none with the offered key. */
        MISMATCH,
        /** No entry matches the host and port. */
        UNKNOWN
    }

    record Entry(List<String> patterns, PublicKey key) {
    }

    private final List<Entry> entries;

    private KnownHosts(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static KnownHosts parse(String text) throws SshFailure {
        List<Entry> entries = new ArrayList<>();
        int lineNumber = 0;
        for (String raw : text.split("\r?\n", -1)) {
            lineNumber++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields[0].startsWith("|1|")) {
                throw new SshFailure(SshFailure.Kind.CREDENTIALS, "hashed known_hosts entries are not supported; "
                        + "line " + lineNumber + " is hashed: write plain host names (ssh-keyscan without -H)");
            }
            if (fields[0].startsWith("@")) {
                throw new SshFailure(SshFailure.Kind.CREDENTIALS, "known_hosts marker " + fields[0] + " is not supported; "
                        + "line " + lineNumber + " must be removed or replaced by a plain host key entry");
            }
            if (fields.length < 3) {
                continue;
            }
            PublicKey key = decode(fields[1], fields[2]);
            if (key != null) {
                entries.add(new Entry(List.of(fields[0].split(",")), key));
            }
        }
        return new KnownHosts(entries);
    }

    private static PublicKey decode(String type, String base64) {
        try {
            return PublicKeyEntry.parsePublicKeyEntry(type + " " + base64)
                    .resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING);
        } catch (Exception e) {
            return null;
        }
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public boolean accepts(String host, int port, PublicKey key) {
        return verdict(host, port, key) == Verdict.MATCH;
    }

    public Verdict verdict(String host, int port, PublicKey key) {
        boolean hostKnown = false;
        for (Entry entry : entries) {
            if (hostMatches(entry.patterns(), host, port)) {
                hostKnown = true;
                if (KeyUtils.compareKeys(entry.key(), key)) {
                    return Verdict.MATCH;
                }
            }
        }
        return hostKnown ? Verdict.MISMATCH : Verdict.UNKNOWN;
    }

    /**
     * The key types ({@code ssh-ed25519}, {@code ssh-rsa}, {@code ecdsa-sha2-nistp256} …) recorded for the host and
     * port, in file order, without repeats: what the client should ask the server to prove.
     */
    public List<String> keyTypes(String host, int port) {
        Set<String> types = new LinkedHashSet<>();
        for (Entry entry : entries) {
            if (hostMatches(entry.patterns(), host, port)) {
                String type = KeyUtils.getKeyType(entry.key());
                if (type != null) {
                    types.add(type);
                }
            }
        }
        return List.copyOf(types);
    }

    /** Some positive pattern matches and no {@code !pattern} does. */
    static boolean hostMatches(List<String> patterns, String host, int port) {
        boolean matched = false;
        for (String pattern : patterns) {
            boolean negated = pattern.startsWith("!");
            if (patternMatches(negated ? pattern.substring(1) : pattern, host, port)) {
                if (negated) {
                    return false;
                }
                matched = true;
            }
        }
        return matched;
    }

    /** {@code [host]:port} matches that port only; a plain pattern only port 22. */
    static boolean patternMatches(String pattern, String host, int port) {
        String hostPattern = pattern;
        int patternPort = SshTarget.DEFAULT_PORT;
        if (pattern.startsWith("[")) {
            int close = pattern.indexOf("]:");
            if (close < 0) {
                return false;
            }
            hostPattern = pattern.substring(1, close);
            try {
                patternPort = Integer.parseInt(pattern.substring(close + 2));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return patternPort == port && glob(hostPattern.toLowerCase(Locale.ROOT), host.toLowerCase(Locale.ROOT));
    }

    /** {@code *} = any run, {@code ?} = one character. */
    static boolean glob(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
