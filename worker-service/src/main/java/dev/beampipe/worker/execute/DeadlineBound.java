package dev.beampipe.worker.execute;

import dev.beampipe.model.ledger.state.FailureClass;
import dev.beampipe.model.ledger.submission.SubmissionHold;

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
 * Runs a whole backend submission until the persisted deadline, interrupting it when the deadline passes
 * (10-state §2.5). The remaining time is a {@link System#nanoTime()} bound derived from the budget measured on the
 * database clock ({@code SubmissionIntent.remaining}), never the worker's wall clock.
 *
 * <p>The submission is <b>shielded from interrupts of the calling thread</b> (a lost lease, a worker shutdown): once
 * the intent exists it is the intent, not the lease, that prevents a second submit, and a deploy cut off half-way
 * would leave the row {@code in_flight} with nothing recorded. The call keeps waiting for the submission (already
 * bounded by the deadline) and returns or throws its outcome with the interrupt flag set again, so the caller can
 * record the receipt or hold the submission before it stops.
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

    public static <T> T run(Instant deadline, long deadlineNanos, Work<T> work) throws SubmitFailure, InterruptedException {
        return run(deadline, deadlineNanos, "the DIM", work);
    }

    /** @param receiver what the dispatch talks to, for the definite overrun's message ({@code the DIM}, {@code the Slurm login node}) */
    public static <T> T run(Instant deadline, long deadlineNanos, String receiver, Work<T> work)
            throws SubmitFailure, InterruptedException {
        Dispatch dispatch = new Dispatch();
        if (deadlineNanos - System.nanoTime() <= 0) {
            throw overrun(deadline, dispatch, receiver);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "execute-submit");
            t.setDaemon(true);
            return t;
        });
        boolean interrupted = false;
        try {
            Future<T> future = executor.submit(() -> work.run(dispatch));
            while (true) {
                try {
                    return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true; // shielded: keep waiting for the outcome, bounded by the deadline
                } catch (TimeoutException e) {
                    future.cancel(true);
                    throw overrun(deadline, dispatch, receiver);
                } catch (ExecutionException e) {
                    throw unwrap(e);
                }
            }
        } finally {
            executor.shutdownNow();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static RuntimeException unwrap(ExecutionException e) throws SubmitFailure, InterruptedException {
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

    static SubmitFailure overrun(Instant deadline, Dispatch dispatch, String receiver) {
        String message = SubmissionHold.deadlineExceededMessage(OffsetDateTime.ofInstant(deadline, ZoneOffset.UTC));
        if (!dispatch.started()) {
            return SubmitFailure.definite(message + " before any request was sent to " + receiver, null);
        }
        return SubmitFailure.uncertain(FailureClass.TIMEOUT, message, null);
    }
}
