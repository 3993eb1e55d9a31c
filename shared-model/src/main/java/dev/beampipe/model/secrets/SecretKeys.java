package dev.beampipe.model.secrets;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which JSON keys name secrets (20-api §1.7): a lower-cased key containing one of the needles, except the
 * explicit allowlist of non-secret keys (decision 13: {@code ssh_credential} names a slot, not a secret).
 */
public final class SecretKeys {
    static final List<String> NEEDLES = List.of("password", "passphrase", "passcode", "token", "secret", "credential",
            "authorization", "routing_key", "private_key", "webhook", "api_key");
    static final Set<String> NOT_SECRET = Set.of("ssh_credential");

    private SecretKeys() {
    }

    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (NOT_SECRET.contains(k)) {
            return false;
        }
        for (String needle : NEEDLES) {
            if (k.contains(needle)) {
                return true;
            }
        }
        return false;
    }
}
