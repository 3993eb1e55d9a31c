package dev.beampipe.worker.execute;

import dev.beampipe.model.ledger.state.FailureClass;
import dev.beampipe.model.ledger.submission.SubmissionHold;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a whole backend submission within {@code deadline − now} (0 if passed), interrupting it when the persisted
 * deadline passes (10-state §2.5).
 *
 * <p>Classification of an overrun: the reference calls every overrun uncertain, even one during TM translation
 * when nothing was dispatched yet. We call it <b>definite</b> (the submission fails, the sources are re-pended)
 * while the first DIM request has not been started — {@link Dispatch#started()} is false — and uncertain
 * ({@code failure_class=timeout}, held for reconciliation) once it has (40-backends §8.2 option).
 */
public final class DeadlineBound {

    /** Set by the backend immediately before its first request that may change the DIM. */
    public static final class Dispatch {
        private final AtomicBoolean started = new AtomicBoolean();

        public void start() {
            started.set(true);
        }

        public boolean started() {
            return started.get();
        }
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Dispatch dispatch) throws SubmitFailure, InterruptedException;
    }

    private DeadlineBound() {
    }

    public static <T> T run(Instant deadline, Clock clock, Work<T> work) throws SubmitFailure, InterruptedException {
        Dispatch dispatch = new Dispatch();
        long remainingMs = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
        if (remainingMs == 0) {
            throw overrun(deadline, dispatch);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "execute-submit");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<T> future = executor.submit(() -> work.run(dispatch));
            try {
                return future.get(remainingMs, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                throw overrun(deadline, dispatch);
            } catch (InterruptedException e) {
                future.cancel(true);
                throw e;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof SubmitFailure f) {
                    throw f;
                }
                if (cause instanceof InterruptedException ie) {
                    throw ie;
                }
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(cause);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    static SubmitFailure overrun(Instant deadline, Dispatch dispatch) {
        String message = SubmissionHold.deadlineExceededMessage(OffsetDateTime.ofInstant(deadline, ZoneOffset.UTC));
        if (!dispatch.started()) {
            return SubmitFailure.definite(message + " before any request was sent to the DIM", null);
        }
        return SubmitFailure.uncertain(FailureClass.TIMEOUT, message, null);
    }
}
