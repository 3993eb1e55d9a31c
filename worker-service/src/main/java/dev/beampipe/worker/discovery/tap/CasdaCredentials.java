package dev.beampipe.worker.discovery.tap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * CASDA OPAL credentials for the VO proxy's HTTP Basic auth (40-backends §5.5, §5.11): {@code CASDA_USERNAME}
 * and the password from {@code CASDA_PASSWORD_FILE} (content without trailing CR/LF; an empty file means
 * unset) else {@code CASDA_PASSWORD}. {@link #toString()} never shows the password.
 */
public record CasdaCredentials(String username, String password) {

    public static Optional<CasdaCredentials> fromEnv(Map<String, String> env) throws IOException {
        String user = env.get("CASDA_USERNAME");
        if (user == null || user.isBlank()) {
            return Optional.empty();
        }
        String password = null;
        String file = env.get("CASDA_PASSWORD_FILE");
        if (file != null && !file.isBlank()) {
            password = Files.readString(Path.of(file.strip()), StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "");
            if (password.isEmpty()) {
                password = null;
            }
        } else if (env.get("CASDA_PASSWORD") != null && !env.get("CASDA_PASSWORD").isBlank()) {
            password = env.get("CASDA_PASSWORD");
        }
        return password == null ? Optional.empty() : Optional.of(new CasdaCredentials(user, password));
    }

    public String basicAuthorization() {
        String pair = username + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "CasdaCredentials[username=" + username + ", password=[REDACTED]]";
    }
}
