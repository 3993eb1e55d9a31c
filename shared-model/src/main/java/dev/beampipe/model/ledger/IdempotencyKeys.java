package dev.beampipe.model.ledger;

import java.util.Optional;

/** The {@code Idempotency-Key} header rule of 20-api §1.8 and the advisory-lock string derived from it. */
public final class IdempotencyKeys {
    public static final String INVALID = "Idempotency-Key must be 1-128 visible ASCII characters without whitespace";
    public static final String NOT_ASCII = "Idempotency-Key must be valid ASCII";

    private IdempotencyKeys() {
    }

    /** Empty when the key is acceptable, else the 400 message. */
    public static Optional<String> problem(String key) {
        if (key == null) {
            return Optional.of(INVALID);
        }
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) > 0x7F) {
                return Optional.of(NOT_ASCII);
            }
        }
        if (key.isEmpty() || key.length() > 128) {
            return Optional.of(INVALID);
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return Optional.of(INVALID);
            }
        }
        return Optional.empty();
    }

    /** Hashed with {@code hashtextextended(.., 0)} for {@code pg_advisory_xact_lock}. */
    public static String lockName(int userId, String key) {
        return "beampipe:execution-create:" + userId + ":" + key;
    }
}
