package dev.beampipe.api.cors;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code BEAMPIPE_CORS_ALLOW_ORIGINS} (20-api §5.5): comma-separated exact origins; entries that are not an
 * origin ({@code scheme://host[:port]}) are dropped. With at least one origin: those origins, any method and
 * header, no credentials. Unset or nothing valid: fully permissive ({@code *}), which production refuses
 * through the security gate.
 */
public record CorsPolicy(Set<String> origins) {

    public static CorsPolicy parse(String raw) {
        Set<String> origins = new LinkedHashSet<>();
        if (raw != null) {
            for (String entry : raw.split(",")) {
                normalise(entry.trim()).ifPresent(origins::add);
            }
        }
        return new CorsPolicy(Set.copyOf(origins));
    }

    public boolean permissive() {
        return origins.isEmpty();
    }

    /** The value of {@code Access-Control-Allow-Origin} for a request from {@code origin}, if it is allowed. */
    public Optional<String> allowOrigin(String origin) {
        if (origin == null) {
            return Optional.empty();
        }
        if (permissive()) {
            return Optional.of("*");
        }
        return normalise(origin).filter(origins::contains).map(o -> origin);
    }

    static Optional<String> normalise(String entry) {
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(entry);
            if (uri.getScheme() == null || uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())
                    || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
                return Optional.empty();
            }
            return Optional.of(uri.getScheme().toLowerCase() + "://" + uri.getHost().toLowerCase()
                    + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
