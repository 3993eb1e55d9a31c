package dev.beampipe.worker.execute;

import dev.beampipe.model.daliuge.DaliugeComponent;
import dev.beampipe.model.daliuge.DaliugeErrorKind;
import dev.beampipe.model.daliuge.DaliugeException;
import dev.beampipe.model.daliuge.IslandManagerClient;
import dev.beampipe.model.daliuge.PhysicalGraph;
import dev.beampipe.model.daliuge.TranslatorClient;
import dev.beampipe.model.profile.Deployment;
import dev.beampipe.model.profile.RestRemoteDeployment;
import dev.beampipe.model.ledger.state.FailureClass;

import java.time.Clock;
import java.util.function.Function;

/**
 * The REST DALiuGE path (40-backends §2.6, §3.8): {@code unroll_and_partition} and {@code map} on the Translator
 * Manager with the pinned profile snapshot, then {@code create → append → deploy} (with the root oids) on the DIM,
 * the whole call bounded by the persisted deadline ({@link DeadlineBound}).
 *
 * <p>Classification (10-state §2.5, decision 10): any Translator error is definite (nothing was dispatched); a DIM
 * error the client marks not ambiguous (refused connection, connect timeout, a 4xx such as 400
 * {@code InvalidGraphException}, a 555 precondition failure) is definite; an ambiguous DIM error (timeout or
 * connection lost after sending, 5xx, a 2xx with an unreadable body) is uncertain. A 409/555
 * {@code SessionAlreadyExists} on create is uncertain too: a session with this execution's deterministic id
 * exists, so something was dispatched before, and polling observes it.
 *
 * <p>The classification is step-aware: a definite error of {@code append} or {@code deploy} comes after the
 * session was created, so the session is deleted before the failure is declared definite ({@link #deleteSession}).
 */
public final class RestDaliugeBackend implements ExecutionBackend {
    private final Clock clock;
    private final Function<SubmitRequest, IslandManagerClient> dimFactory;

    public RestDaliugeBackend(Clock clock) {
        this(clock, r -> IslandManagerClient.forProfile(r.rest()));
    }

    RestDaliugeBackend(Clock clock, Function<SubmitRequest, IslandManagerClient> dimFactory) {
        this.clock = clock;
        this.dimFactory = dimFactory;
    }

    @Override
    public String schedulerName() {
        return "daliuge";
    }

    @Override
    public String managerUrl(Deployment deployment) {
        return ((RestRemoteDeployment) deployment).dimRestBase();
    }

    @Override
    public String targetFingerprint(Deployment deployment) {
        return null;
    }

    @Override
    public DimSubmitted submit(SubmitRequest request) throws SubmitFailure, InterruptedException {
        return DeadlineBound.run(request.deadline(), request.deadlineNanos(), dispatch -> {
            TranslatorClient tm = new TranslatorClient(request.translation().tmUrl(), request.rest().verifySsl());
            PhysicalGraph graph;
            try {
                graph = tm.translate(request.patchedGraph(), request.translation(), request.rest());
            } catch (DaliugeException e) {
                throw classify(e);
            }
            IslandManagerClient dim = dimFactory.apply(request);
            String sid = request.sessionId();
            dispatch.start();
            try {
                dim.createSession(sid);
            } catch (DaliugeException e) {
                throw classify(e);
            }
            try {
                dim.appendGraph(sid, graph.drops());
                dim.deploy(sid, graph.roots());
            } catch (DaliugeException e) {
                SubmitFailure failure = classify(e);
                throw failure.definite() ? deleteSession(dim, sid, e, failure) : failure;
            }
            return new DimSubmitted(request.sessionId(), graph.drops(), graph.roots(), dim.base(),
                    request.rest().verifySsl(), clock.instant(), dim.sessionStatusUrl(request.sessionId()).toString(),
                    dim.graphStatusUrl(request.sessionId()).toString());
        });
    }

    /**
     * A definite append/deploy failure after the session was created: the deterministic session stays on the DIM (an
     * operator retry would then meet {@code SessionAlreadyExists} and be held forever), and a 555
     * {@code InvalidGraphException} on append may have been applied on the other node managers. So the session is
     * deleted first; only a confirmed delete makes the failure definite, a failed delete makes it uncertain.
     */
    static SubmitFailure deleteSession(IslandManagerClient dim, String sid, DaliugeException e, SubmitFailure failure)
            throws InterruptedException {
        String operation = e.operation().wire();
        try {
            dim.delete(sid);
        } catch (DaliugeException d) {
            String deleteError = d.getMessage() + " (" + d.operation().wire() + " " + d.endpoint() + ")";
            return SubmitFailure.uncertain(FailureClass.INCONSISTENT_STATE, failure.getMessage()
                    + "; deleting DIM session " + sid + " afterwards failed: " + deleteError, e)
                    .withCleanup(new SessionCleanup(sid, operation, failure.getMessage(), false, deleteError));
        }
        return SubmitFailure.definite(failure.getMessage() + "; DIM session " + sid + " deleted", e)
                .withCleanup(new SessionCleanup(sid, operation, failure.getMessage(), true, null));
    }

    static SubmitFailure classify(DaliugeException e) {
        String message = e.getMessage() + " (" + e.operation().wire() + " " + e.endpoint() + ")";
        if (e.component() == DaliugeComponent.TRANSLATOR) {
            return SubmitFailure.definite(message, e);
        }
        if (e.kind() == DaliugeErrorKind.CONFLICT) {
            return SubmitFailure.uncertain(FailureClass.INCONSISTENT_STATE, message, e);
        }
        if (e.ambiguous()) {
            return SubmitFailure.uncertain(FailureClass.INCONSISTENT_STATE, message, e);
        }
        return SubmitFailure.definite(message, e);
    }
}
