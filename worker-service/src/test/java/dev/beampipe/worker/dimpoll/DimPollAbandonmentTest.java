package dev.beampipe.worker.dimpoll;

import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.ledger.control.ControlRejected;
import dev.beampipe.model.ledger.control.SubmissionAbandonment;
import dev.beampipe.model.ledger.control.SubmissionAbandonmentTransition;
import dev.beampipe.model.testing.TestDatabase;
import dev.beampipe.simulators.daliuge.DaliugeSimulator;
import dev.beampipe.simulators.http.ManualClock;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST abandonment rule (docs/rest-abandonment.md) with the real DIM poller: evidence produced by polling the
 * in-process DIM simulator for an unknown session, a session that appears after the abandonment, and an abandonment
 * racing a poll that finds the session.
 */
class DimPollAbandonmentTest {
    private static TestDatabase t;
    private static ManualClock clock;
    private static DaliugeSimulator sim;
    private PollFixture fx;
    private SubmissionAbandonmentTransition abandonment;

    @BeforeAll
    static void start() {
        t = TestDatabase.create();
        clock = new ManualClock(Instant.parse("2026-11-29T10:00:00Z"));
        sim = PollFixture.simulator(clock);
    }

    @AfterAll
    static void stop() {
        sim.close();
        t.close();
    }

    @BeforeEach
    void reset() {
        sim.reset();
        t.db().sql().update("DELETE FROM jobs");
        t.db().sql().update("DELETE FROM batch_execution_record");
        t.db().sql().update("DELETE FROM source_registry");
        fx = new PollFixture(t.db(), sim, clock);
        abandonment = new SubmissionAbandonmentTransition(t.db());
        clock.advanceMillis(1000);
    }

    /** A REST submission held uncertain for 26 h: intent at -26 h, deadline -25 h 30 min, session never created. */
    UUID held(String source) {
        UUID id = fx.submitted(source, false);
        fx.set(id, "status = 'awaiting_scheduler', submission_state = 'uncertain', daliuge_state = 'not_created', "
                + "control_phase = 'submission_pending', "
                + "submission_deadline_at = date_trunc('milliseconds', now()) - interval '25 hours 30 minutes'");
        t.db().sql().update("INSERT INTO execution_observations (uuid, execution_id, kind, normalized_state, raw_state, "
                        + "payload, observed_at) VALUES ($1, $2, 'daliuge_session', 'in_flight', 'intent_persisted', $3, "
                        + "now() - interval '26 hours')", Uuid7.next(), id,
                new JsonObject().put("daliuge_session_id", fx.sid(id)).put("backend", "daliuge"));
        return id;
    }

    SubmissionAbandonment.Request request(UUID id) {
        OffsetDateTime deadline = t.db().sql().first("SELECT submission_deadline_at FROM batch_execution_record "
                + "WHERE uuid = $1", r -> r.getOffsetDateTime(0), id).orElseThrow();
        return new SubmissionAbandonment.Request("the DIM lost the session", "uncertain", fx.sid(id), deadline, true);
    }

    List<UUID> notFoundObservations(UUID id) {
        return t.db().sql().list("SELECT uuid FROM execution_observations WHERE execution_id = $1 "
                + "AND normalized_state = 'not_created' AND raw_state = 'not_found' ORDER BY observed_at, uuid",
                r -> r.getUUID(0), id);
    }

    /** Three real polls of the unknown session, then moved to -11/-6/-1 minutes (the polls are seconds apart). */
    List<UUID> pollEvidence(UUID id) throws Exception {
        for (int i = 0; i < 3; i++) {
            fx.poller().pollOne(fx.client(), fx.target(id), "t");
        }
        List<UUID> evidence = notFoundObservations(id);
        assertThat(evidence).hasSize(3);
        int[] minutes = {11, 6, 1};
        for (int i = 0; i < 3; i++) {
            t.db().sql().update("UPDATE execution_observations SET observed_at = now() - make_interval(mins => $2) "
                    + "WHERE uuid = $1", evidence.get(i), minutes[i]);
        }
        return evidence;
    }

    long events(UUID id, String type) {
        return fx.events(id, type);
    }

    @Test
    void realPollsOfAnUnknownSessionAreTheEvidenceAndALateSessionIsEvidenceOnly() throws Exception {
        UUID id = held("A1");
        List<UUID> evidence = pollEvidence(id);
        JsonObject observation = fx.lastObservation(id);
        assertThat(observation.getJsonObject("payload").getString("dim_endpoint")).isEqualTo(fx.dim());
        assertThat(observation.getJsonObject("payload").getString("session_id")).isEqualTo(fx.sid(id));
        assertThat(fx.text(id, "status")).isEqualTo("awaiting_scheduler");

        abandonment.abandon(id, request(id), "user:admin", "req");

        assertThat(fx.text(id, "status") + "/" + fx.text(id, "terminal_outcome") + "/" + fx.text(id, "submission_state"))
                .isEqualTo("failed/inconsistent/uncertain");
        JsonObject payload = t.db().sql().first("SELECT payload FROM provenance_events WHERE execution_id = $1 "
                + "AND event_type = 'execution.submission_abandoned'", r -> (JsonObject) r.getValue(0), id).orElseThrow();
        assertThat(payload.getJsonArray("evidence_observation_ids"))
                .containsExactly(evidence.stream().map(UUID::toString).toArray());
        assertThat(payload.getString("daliuge_manager_url")).isEqualTo(fx.dim());
        // the tick no longer selects it
        assertThat(DimPollTargets.pending(t.db().sql(), 10, true)).isEmpty();

        // the session appears on the DIM later; a poll already under way still finds it
        fx.deploy(fx.sid(id));
        clock.advanceMillis(1000);
        DimPollLedger.Applied applied = fx.poller().pollOne(fx.client(), fx.target(id), "late");
        fx.poller().pollOne(fx.client(), fx.target(id), "late-again");

        assertThat(applied.effect()).isEqualTo(DimPollLedger.Effect.IGNORED_TERMINAL);
        assertThat(fx.text(id, "status") + "/" + fx.text(id, "terminal_outcome") + "/" + fx.text(id, "daliuge_state")
                + "/" + fx.text(id, "submission_state")).isEqualTo("failed/inconsistent/not_created/uncertain");
        assertThat(fx.text(id, "submission_abandoned_at")).isNotNull();
        assertThat(fx.lastObservation(id).getString("reason")).contains("operator-abandoned submission; recorded as evidence only");
        assertThat(events(id, "execution.submission_detected_after_abandonment")).isEqualTo(1);
        JsonObject detected = t.db().sql().first("SELECT payload FROM provenance_events WHERE execution_id = $1 "
                + "AND event_type = 'execution.submission_detected_after_abandonment'", r -> (JsonObject) r.getValue(0), id)
                .orElseThrow();
        assertThat(detected.getString("source")).isEqualTo("dim_poll");
        assertThat(detected.getBoolean("operator_abandonment_preserved")).isTrue();
        assertThat(events(id, "execution.completed") + events(id, "execution.failed")).isZero();
        assertThat(fx.sourcePending("A1")).isTrue();
    }

    @Test
    void aNotFoundOnAnAbandonedExecutionIsRecordedWithoutADetection() throws Exception {
        UUID id = held("A2");
        pollEvidence(id);
        abandonment.abandon(id, request(id), "user:admin", null);
        fx.poller().pollOne(fx.client(), fx.target(id), "t");
        assertThat(notFoundObservations(id)).hasSize(4);
        assertThat(events(id, "execution.submission_detected_after_abandonment")).isZero();
    }

    @Test
    void aPollThatFindsTheSessionBeforeTheAbandonmentRefusesIt() throws Exception {
        UUID id = held("A3");
        fx.client().createSession(fx.sid(id));
        fx.poller().pollOne(fx.client(), fx.target(id), "t");
        assertThat(fx.text(id, "daliuge_state")).isEqualTo("pristine");
        t.db().sql().update("UPDATE execution_observations SET observed_at = now() - interval '30 minutes' "
                + "WHERE execution_id = $1 AND normalized_state = 'pristine'", id);
        // the DIM loses the session again: three fresh not_found polls do not undo the match
        sim.reset();
        pollEvidence(id);
        assertThat(fx.text(id, "daliuge_state")).isEqualTo("not_created");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> abandonment.abandon(id, request(id), "user:admin", null))
                .isInstanceOfSatisfying(ControlRejected.class, e -> assertThat(e.failure().code())
                        .isEqualTo("submission_abandonment_dim_session_observed"));
        assertThat(fx.text(id, "submission_abandoned_at")).isNull();
    }

    /**
     * The operator abandons while a poll finds the session (created on the DIM, still PRISTINE): whichever commits
     * first decides, and the other sees it — abandoned with the late session as evidence only and one detection, or
     * refused because the DIM answered with the session, which stays followed. The abandonment starts after a
     * varying head start of the poll (its HTTP round trip), so that both orders occur; the assertions hold for either.
     */
    @RepeatedTest(8)
    void anAbandonmentRacingAPollThatFindsTheSessionHasOneConsistentOutcome(RepetitionInfo repetition) throws Exception {
        long headStartMillis = (repetition.getCurrentRepetition() - 1) * 15L;
        UUID id = held("R1");
        pollEvidence(id);
        fx.client().createSession(fx.sid(id));
        DimPollTarget target = fx.target(id);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<Object> abandon = pool.submit(() -> {
                go.await();
                Thread.sleep(headStartMillis);
                try {
                    return abandonment.abandon(id, request(id), "user:admin", "race");
                } catch (ControlRejected e) {
                    return e;
                }
            });
            Future<DimPollLedger.Applied> poll = pool.submit(() -> {
                go.await();
                return fx.poller().pollOne(fx.client(), target, "race");
            });
            go.countDown();
            Object abandoned = abandon.get();
            DimPollLedger.Applied applied = poll.get();

            if (abandoned instanceof UUID) {
                assertThat(applied.effect()).isEqualTo(DimPollLedger.Effect.IGNORED_TERMINAL);
                assertThat(fx.text(id, "status") + "/" + fx.text(id, "terminal_outcome") + "/" + fx.text(id, "daliuge_state"))
                        .isEqualTo("failed/inconsistent/not_created");
                assertThat(events(id, "execution.submission_abandoned")).isEqualTo(1);
                assertThat(events(id, "execution.submission_detected_after_abandonment")).isEqualTo(1);
            } else {
                assertThat(abandoned).isInstanceOfSatisfying(ControlRejected.class, e -> assertThat(e.failure().code())
                        .isEqualTo("submission_abandonment_dim_session_observed"));
                assertThat(applied.effect()).isEqualTo(DimPollLedger.Effect.OBSERVED);
                assertThat(fx.text(id, "status") + "/" + fx.text(id, "daliuge_state") + "/"
                        + fx.text(id, "submission_abandoned_at")).isEqualTo("awaiting_scheduler/pristine/null");
                assertThat(events(id, "execution.submission_abandoned")).isZero();
                assertThat(events(id, "execution.submission_detected_after_abandonment")).isZero();
                assertThat(DimPollTargets.pending(t.db().sql(), 10, true)).extracting(DimPollTarget::executionId).contains(id);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
