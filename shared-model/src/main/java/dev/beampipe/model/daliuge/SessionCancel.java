package dev.beampipe.model.daliuge;

import java.time.Duration;
import java.util.Optional;

/**
 * Cancels a DIM session and confirms it (our behaviour, docs/daliuge-operations.md): {@code POST …/cancel}, then
 * {@code GET …/status} until the session reads CANCELLED, for at most {@code confirmWithin}. The reference takes
 * any 2xx as confirmation (40-backends §3.12).
 */
public record SessionCancel(Duration confirmWithin, Duration pollEvery) {
    public static final Duration CONFIRM_WITHIN = Duration.ofSeconds(10);
    public static final Duration POLL_EVERY = Duration.ofMillis(250);

    public static SessionCancel standard() {
        return new SessionCancel(CONFIRM_WITHIN, POLL_EVERY);
    }

    /** Empty when the session is confirmed CANCELLED; otherwise why not (the DIM's error, another end, no answer). */
    public Optional<String> cancelAndConfirm(IslandManagerClient dim, String sessionId) {
        try {
            dim.cancel(sessionId);
            return awaitCancelled(dim, sessionId);
        } catch (DaliugeException e) {
            return Optional.of("DIM cancel failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while cancelling the DALiuGE session");
        }
    }

    /**
     * Polls until CANCELLED (empty), or the session ended otherwise, the DIM answers a definite error, or
     * {@code confirmWithin} passes (the reason).
     */
    private Optional<String> awaitCancelled(IslandManagerClient dim, String sid) throws InterruptedException {
        long deadline = System.nanoTime() + confirmWithin.toNanos();
        String last = "no status read";
        while (true) {
            try {
                SessionState state = dim.sessionStatus(sid).state();
                if (state == SessionState.CANCELLED) {
                    return Optional.empty();
                }
                if (state.terminal()) {
                    return Optional.of("the DALiuGE session ended " + state + " instead of CANCELLED");
                }
                last = "last state " + state;
            } catch (DaliugeException e) {
                if (!e.retryable()) {
                    return Optional.of("the DALiuGE session status could not confirm the cancel: " + e.getMessage());
                }
                last = "last status read failed: " + e.getMessage();
            }
            if (System.nanoTime() >= deadline) {
                return Optional.of("the DALiuGE session did not reach CANCELLED within " + confirmWithin.toMillis() / 1000.0
                        + " s (" + last + ")");
            }
            Thread.sleep(pollEvery.toMillis());
        }
    }
}
