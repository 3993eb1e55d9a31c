package dev.beampipe.api.ratelimit;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The rate-limited ("sensitive") operations of 20-api §5.4: the auth endpoints and the writes that start work.
 * All are POSTs; the bucket is the path (so each execution id has its own), never the method.
 */
public final class SensitiveRoutes {
    private static final String ID = "[^/]+";
    private static final List<Pattern> AUTH = List.of(
            Pattern.compile("/api/v2/login"),
            Pattern.compile("/api/v2/refresh"),
            Pattern.compile("/api/v2/logout"));
    private static final List<Pattern> WRITES = List.of(
            Pattern.compile("/api/v2/executions"),
            Pattern.compile("/api/v2/project-configs"),
            Pattern.compile("/api/v2/project-configs/" + ID + "/wasm"),
            Pattern.compile("/api/v2/jobs"),
            Pattern.compile("/api/v2/executions/" + ID + "/execute"),
            Pattern.compile("/api/v2/executions/" + ID + "/retry"),
            Pattern.compile("/api/v2/executions/" + ID + "/submission/abandon"),
            Pattern.compile("/api/v2/executions/" + ID + "/outputs/verify"),
            Pattern.compile("/api/v2/graphs/prepare"));

    public enum Group { AUTH, WRITE, NONE }

    private SensitiveRoutes() {
    }

    public static Group of(String method, String path) {
        if (!"POST".equals(method)) {
            return Group.NONE;
        }
        String trimmed = bucket(path);
        if (AUTH.stream().anyMatch(p -> p.matcher(trimmed).matches())) {
            return Group.AUTH;
        }
        if (WRITES.stream().anyMatch(p -> p.matcher(trimmed).matches())) {
            return Group.WRITE;
        }
        return Group.NONE;
    }

    /** The request path with one trailing slash trimmed, as the reference keys it. */
    public static String bucket(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
