package dev.beampipe.worker.dimpoll;

import dev.beampipe.model.daliuge.DaliugeException;
import dev.beampipe.model.daliuge.DimPollResult;
import dev.beampipe.model.daliuge.IslandManagerClient;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Polls sessions on their DIMs and hands each outcome to {@link DimPollLedger} (40-backends §3.10): executions are
 * grouped by endpoint with one HTTP client per endpoint (the TLS flag of the group's first execution), each is polled
 * once, and a failure of one (the DIM unreachable, a 555, a database error) never stops the others.
 */
public final class DimPoller {
    private static final Logger LOG = Logger.getLogger(DimPoller.class);

    /** endpoint, verify_ssl → client */
    public interface Clients extends BiFunction<String, Boolean, IslandManagerClient> {
    }

    private final DimPollLedger ledger;
    private final DimPollSettings settings;
    private final DimPollMetrics metrics;
    private final Clients clients;

    public DimPoller(DimPollLedger ledger, DimPollSettings settings, DimPollMetrics metrics, Clients clients) {
        this.ledger = ledger;
        this.settings = settings;
        this.metrics = metrics;
        this.clients = clients;
    }

    /**
     * Real HTTP clients, one per (endpoint, TLS flag) for the life of the process: a tick every few seconds reuses
     * its connections instead of building a new JDK client (and its selector thread) each time.
     */
    public static Clients httpClients() {
        java.util.concurrent.ConcurrentMap<String, IslandManagerClient> cache = new java.util.concurrent.ConcurrentHashMap<>();
        return (endpoint, verify) -> cache.computeIfAbsent(verify + " " + endpoint, k -> new IslandManagerClient(endpoint, verify));
    }

    /** Polls every target once; returns how many outcomes were applied. */
    public int pollAll(List<DimPollTarget> targets, String correlationId) throws InterruptedException {
        return pollAll(targets, correlationId, () -> {
        });
    }

    /** @param beforeEach runs before each poll (the tick checks its lease there, so a lost lease stops the tick) */
    public int pollAll(List<DimPollTarget> targets, String correlationId, Runnable beforeEach) throws InterruptedException {
        Map<String, List<DimPollTarget>> byEndpoint = new LinkedHashMap<>();
        List<DimPollTarget> withoutEndpoint = new java.util.ArrayList<>();
        for (DimPollTarget t : targets) {
            if (t.endpoint() == null) {
                withoutEndpoint.add(t);
            } else {
                byEndpoint.computeIfAbsent(t.endpoint(), e -> new java.util.ArrayList<>()).add(t);
            }
        }
        int applied = 0;
        for (DimPollTarget t : withoutEndpoint) {
            beforeEach.run();
            LOG.warnf("event=dim_poll_skipped execution_id=%s reason=no_dim_endpoint", t.executionId());
            applied += applyGuarded(t, PollOutcome.Failed.configuration(t.sessionId(), NO_ENDPOINT, Instant.now()),
                    correlationId) ? 1 : 0;
        }
        for (Map.Entry<String, List<DimPollTarget>> group : byEndpoint.entrySet()) {
            IslandManagerClient client = null;
            RuntimeException unusable = null;
            try {
                client = clients.apply(group.getKey(), group.getValue().get(0).verifySsl());
            } catch (RuntimeException e) {
                unusable = e;
            }
            for (DimPollTarget t : group.getValue()) {
                beforeEach.run();
                if (client == null) {
                    applied += applyGuarded(t, configuration(t, unusable), correlationId) ? 1 : 0;
                    continue;
                }
                try {
                    pollOne(client, t, correlationId);
                    applied++;
                } catch (RuntimeException e) {
                    LOG.warnf("event=dim_poll_failed execution_id=%s error=%s", t.executionId(), e.toString());
                }
            }
        }
        return applied;
    }

    static final String NO_ENDPOINT = "no DIM endpoint: daliuge_manager_url is empty and the pinned deployment profile "
            + "has no REST deploy_host";

    /**
     * One poll of one session, applied to the ledger. A DIM error is recorded, never thrown; so is any error building
     * or sending the request (a malformed {@code daliuge_manager_url} such as {@code dim:8001}), as a
     * {@code configuration} failure: without it the row would never be reconciled and would head every tick.
     */
    public DimPollLedger.Applied pollOne(IslandManagerClient client, DimPollTarget t, String correlationId)
            throws InterruptedException {
        PollOutcome outcome;
        try {
            DimPollResult result = client.poll(t.sessionId());
            outcome = new PollOutcome.Observed(result, false);
        } catch (DaliugeException e) {
            outcome = PollOutcome.Failed.of(t.sessionId(), e, Instant.now());
        } catch (RuntimeException e) {
            outcome = configuration(t, e);
        }
        DimPollLedger.Applied applied = ledger.apply(t, outcome, correlationId);
        record(t, outcome, applied);
        if (settings.destroySession() && outcome instanceof PollOutcome.Observed o && o.terminal()
                && applied.effect() == DimPollLedger.Effect.OBSERVED) {
            destroy(client, t);
        }
        return applied;
    }

    private static PollOutcome.Failed configuration(DimPollTarget t, RuntimeException e) {
        String problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return PollOutcome.Failed.configuration(t.sessionId(), "DIM endpoint '" + t.endpoint() + "' is unusable: "
                + problem, Instant.now());
    }

    /** Applies a failure that needed no request; a database error is logged for this execution only. */
    private boolean applyGuarded(DimPollTarget t, PollOutcome outcome, String correlationId) {
        try {
            record(t, outcome, ledger.apply(t, outcome, correlationId));
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("event=dim_poll_failed execution_id=%s error=%s", t.executionId(), e.toString());
            return false;
        }
    }

    void record(DimPollTarget t, PollOutcome outcome, DimPollLedger.Applied applied) {
        metrics.reconciled(outcome instanceof PollOutcome.Failed f ? f.errorKind() : "observed");
        if (applied.enteredTerminal()) {
            metrics.terminal(applied.projectModule(), applied.status().wire());
            LOG.infof("event=dim_poll_terminal execution_id=%s status=%s", t.executionId(), applied.status().wire());
        }
        if (applied.timedOut()) {
            LOG.warnf("event=dim_poll_timeout execution_id=%s rounds=%d", t.executionId(), applied.round());
        }
        if (outcome instanceof PollOutcome.Failed f) {
            LOG.infof("event=dim_poll_error execution_id=%s kind=%s state=%s", t.executionId(), f.errorKind(),
                    f.ledgerState());
        }
    }

    /** {@code BEAMPIPE_DIM_DESTROY_SESSION}: DELETE the session after a terminal poll; the result is ignored. */
    private static void destroy(IslandManagerClient client, DimPollTarget t) throws InterruptedException {
        try {
            client.delete(t.sessionId());
        } catch (DaliugeException e) {
            LOG.infof("event=dim_session_delete_failed execution_id=%s kind=%s", t.executionId(), e.kind().wire());
        }
    }
}
