package dev.beampipe.api.metrics;

import java.util.regex.Pattern;

/**
 * The {@code route} label (20-api §6.1): the request path with every UUID segment replaced by {@code :id}.
 * Paths no route answers collapse to one value so unknown paths cannot grow the series without bound.
 */
public final class RouteLabel {
    public static final String UNMATCHED = "unmatched";
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");

    private RouteLabel() {
    }

    public static String of(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        String[] segments = path.split("/", -1);
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(isUuid(segments[i]) ? ":id" : segments[i]);
        }
        return out.toString();
    }

    /** What the reference's {@code Uuid::parse_str} accepts: hyphenated or simple, any case, optional braces/urn. */
    static boolean isUuid(String segment) {
        String s = segment;
        if (s.startsWith("urn:uuid:")) {
            s = s.substring("urn:uuid:".length());
        } else if (s.startsWith("{") && s.endsWith("}")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.length() == 36) {
            return s.charAt(8) == '-' && s.charAt(13) == '-' && s.charAt(18) == '-' && s.charAt(23) == '-'
                    && UUID.matcher(s).matches();
        }
        return s.length() == 32 && UUID.matcher(s).matches();
    }
}
