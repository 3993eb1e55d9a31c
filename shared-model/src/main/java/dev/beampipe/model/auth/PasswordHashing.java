package dev.beampipe.model.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;

/**
 * bcrypt at cost 12 in the {@code $2b$} format, as the reference stores it (20-api §3.5). Hashes written by the
 * reference ({@code $2a$}/{@code $2b$}/{@code $2y$}) verify here and ours verify there.
 */
public final class PasswordHashing {
    public static final int COST = 12;
    /** bcrypt reads at most 72 bytes; longer inputs are truncated the way the reference's library does. */
    private static final int MAX_BYTES = 72;
    /** Verified against when the user does not exist, so an unknown username costs the same bcrypt work. */
    private static final String DUMMY_HASH = hash("beampipe-dummy-password-for-constant-time");

    private PasswordHashing() {
    }

    public static String hash(String password) {
        return new String(BCrypt.with(BCrypt.Version.VERSION_2B).hash(COST, truncated(password)), StandardCharsets.UTF_8);
    }

    /** Any malformed hash counts as a mismatch, never as an error the caller could tell apart. */
    public static boolean verify(String password, String hash) {
        if (password == null || hash == null) {
            return false;
        }
        try {
            return BCrypt.verifyer().verify(truncated(password), hash.getBytes(StandardCharsets.UTF_8)).verified;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Spends one verification's worth of time and always answers false. */
    public static boolean verifyAgainstNothing(String password) {
        verify(password == null ? "" : password, DUMMY_HASH);
        return false;
    }

    private static byte[] truncated(String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_BYTES) {
            return bytes;
        }
        byte[] cut = new byte[MAX_BYTES];
        System.arraycopy(bytes, 0, cut, 0, MAX_BYTES);
        return cut;
    }
}
