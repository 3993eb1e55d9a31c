package dev.beampipe.model.daliuge;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** DALiuGE session identity (40-backends §3.7): deterministic from the execution, so it survives crashes. */
public final class SessionIds {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss")
            .withZone(ZoneOffset.UTC);

    private SessionIds() {
    }

    /** {@code BeampipeExecution-{execution uuid}-{created_at UTC as %Y-%m-%dT%H-%M-%S}}. */
    public static String forExecution(UUID executionId, Instant createdAt) {
        return "BeampipeExecution-" + executionId + "-" + STAMP.format(createdAt);
    }

    /**
     * Percent-encodes a session id for a URL path: {@code A–Z a–z 0–9 - _ . ~} stay, every other char becomes
     * {@code %XX} of its low byte (as the reference does; ids are ASCII in practice).
     */
    public static String pathSegment(String sessionId) {
        StringBuilder b = new StringBuilder(sessionId.length());
        for (char c : sessionId.toCharArray()) {
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                b.append(c);
            } else {
                b.append('%').append(String.format("%02X", c & 0xFF));
            }
        }
        return b.toString();
    }
}
