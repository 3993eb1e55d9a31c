package dev.beampipe.api.ratelimit;

import dev.beampipe.model.db.Database;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fixed windows in the UNLOGGED {@code rate_limit_counters} table. The increment is one upsert, so a counter and
 * its window are written together (the reference's separate INCR and EXPIRE could leave a key without expiry);
 * windows older than a day are purged now and then.
 */
public final class RateLimiter {
    private static final long PURGE_EVERY = 500;
    private static final String INCREMENT = "INSERT INTO rate_limit_counters (key, window_start, count) VALUES ($1, $2, 1) "
            + "ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_counters.count + 1 RETURNING count";

    public record Decision(boolean allowed, long retryAfterSeconds) {
    }

    private final Database db;
    private final AtomicLong calls = new AtomicLong();

    public RateLimiter(Database db) {
        this.db = db;
    }

    public Uni<Decision> hit(String key, int limit, int periodSeconds, Instant now) {
        long windowStart = Math.floorDiv(now.getEpochSecond(), periodSeconds) * periodSeconds;
        long retryAfter = Math.max(1, windowStart + periodSeconds - now.getEpochSecond());
        OffsetDateTime window = OffsetDateTime.ofInstant(Instant.ofEpochSecond(windowStart), ZoneOffset.UTC);
        Uni<Decision> decision = db.executeAsync(INCREMENT, key, window)
                .map(rows -> rows.iterator().next().getInteger(0))
                .map(count -> new Decision(count <= limit, retryAfter));
        if (calls.incrementAndGet() % PURGE_EVERY == 0) {
            return decision.call(() -> db.executeAsync("DELETE FROM rate_limit_counters WHERE window_start < now() - interval '1 day'"));
        }
        return decision;
    }
}
