package dev.beampipe.worker.execute;

import dev.beampipe.model.daliuge.SessionIds;
import dev.beampipe.model.ledger.state.FailureClass;
import dev.beampipe.simulators.daliuge.DaliugeSimulator;
import dev.beampipe.simulators.http.Fault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The REST path against the in-process TM and DIM simulators over HTTP: success and every classification. */
class RestDaliugeBackendTest {
    static DaliugeSimulator sim;
    final RestDaliugeBackend backend = new RestDaliugeBackend(Clock.systemUTC());

    @BeforeAll
    static void start() {
        sim = DaliugeSimulator.start(0);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.reset();
    }

    static SubmitRequest request(Duration budget) {
        UUID id = UUID.randomUUID();
        return new SubmitRequest(id, SessionIds.forExecution(id, Instant.parse("2026-11-29T10:00:00Z")), ExampleProject.graph(),
                ExampleProject.translation(sim), ExampleProject.deployment(sim), Instant.now().plus(budget),
                SubmitRequest.nanosFrom(System.nanoTime(), budget));
    }

    @Test
    void translatesThenCreatesAppendsAndDeploysOnce() throws Exception {
        SubmitRequest r = request(Duration.ofMinutes(5));
        DimSubmitted s = backend.submit(r);
        assertThat(sim.tm().count("unroll_and_partition")).isEqualTo(1);
        assertThat(sim.tm().count("map")).isEqualTo(1);
        assertThat(sim.dim().sessionsCreated(r.sessionId())).isEqualTo(1);
        assertThat(sim.dim().count("deploy_session")).isEqualTo(1);
        assertThat(s.sessionId()).isEqualTo(r.sessionId());
        assertThat(s.physicalGraph().size()).isGreaterThan(1);
        assertThat(s.roots()).isNotEmpty();
        assertThat(s.dimRestBase()).isEqualTo(ExampleProject.deployment(sim).dimRestBase());
        assertThat(s.sessionStatusUrl()).endsWith("/api/sessions/" + r.sessionId() + "/status");
    }

    @Test
    void translatorErrorIsDefiniteAndNothingReachesTheDim() {
        sim.tm().faults().add("unroll_and_partition", Fault.status(422, "bad graph", 1));
        SubmitFailure f = catchThrowableOfType(SubmitFailure.class, () -> backend.submit(request(Duration.ofMinutes(5))));
        assertThat(f.definite()).isTrue();
        assertThat(f.failureClass()).isEqualTo(FailureClass.DEPENDENCY_UNAVAILABLE);
        assertThat(f.getMessage()).contains("bad graph").contains("unroll_and_partition");
        assertThat(sim.dim().count("create_session")).isZero();
    }

    @Test
    void dimDefinite4xxOnDeployDeletesTheSessionAndIsDefinite() {
        sim.dim().faults().add("deploy_session", Fault.status(400, "InvalidGraphException", 1));
        SubmitRequest r = request(Duration.ofMinutes(5));
        SubmitFailure f = catchThrowableOfType(SubmitFailure.class, () -> backend.submit(r));
        assertThat(f.definite()).isTrue();
        assertThat(f.getMessage()).contains("HTTP 400").contains("deploy_session")
                .endsWith("; DIM session " + r.sessionId() + " deleted");
        assertThat(sim.dim().count("delete_session")).isEqualTo(1);
        assertThat(f.cleanup()).hasValueSatisfying(c -> {
            assertThat(c.deleted()).isTrue();
            assertThat(c.failedOperation()).isEqualTo("deploy_session");
        });
    }

    @Test
    void definiteAppendFailureDeletesTheSessionSoASecondSubmitCreatesItAgain() throws Exception {
        sim.dim().faults().add("append_graph", Fault.status(400, "InvalidGraphException", 1));
        SubmitRequest r = request(Duration.ofMinutes(5));
        SubmitFailure f = catchThrowableOfType(SubmitFailure.class, () -> backend.submit(r));
        assertThat(f.definite()).isTrue();
        assertThat(f.cleanup()).hasValueSatisfying(c -> assertThat(c.deleted()).isTrue());

        backend.submit(r);
        assertThat(sim.dim().sessionsCreated(r.sessionId())).isEqualTo(2);
        assertThat(sim.dim().count("deploy_session")).isEqualTo(1);
    }

    @Test
    void replicated555InvalidGraphOnAppendIsDefiniteOnlyAfterTheDelete() {
        sim.dim().faults().add("append_graph", Fault.status(555, "InvalidGraphException", 1));
        SubmitFailure f = catchThrowableOfType(SubmitFailure.class, () -> backend.submit(request(Duration.ofMinutes(5))));
        assertThat(f.definite()).isTrue();
        assertThat(sim.dim().count("delete_session")).isEqualTo(1);
    }

    @Test
    void aFailedDeleteAfterADefiniteAppendFailureIsUncertain() {
        sim.dim().faults().add("append_graph", Fault.status(400, "InvalidGraphException", 1));
        sim.dim().faults().add("delete_session", Fault.status(500, null, 1));
        SubmitRequest r = request(Duration.ofMinutes(5));
        SubmitFailure f = catchThrowableOfType(SubmitFailure.class, () -> backend.submit(r));
        assertThat(f.definite()).isFalse();
        assertThat(f.failureClass()).isEqualTo(FailureClass.INCONSISTENT_STATE);
        assertThat(f.getMessage()).contains("deleting DIM session " + r.sessionId() + " afterwards failed");
        assertThat(f.cleanup()).hasValueSatisfying(c -> {
            assertThat(c.deleted()).isFalse();
            assertThat(c.deleteError()).contains("delete_session");
        });
    }

    @Test
    void aDefiniteCreateFailureDeletesNothing() {
        sim.dim().faults().add("create_session", Fault.status(400, "InvalidGraphException", 1));
        SubmitFailure f = catchThrowableOfType(SubmitFailure.class, () -> backend.submit(request(Duration.ofMinutes(5))));
        assertThat(f.definite()).isTrue();
        assertThat(f.cleanup()).isEmpty();
        assertThat(sim.dim().count("delete_session")).isZero();
    }

    @Test
    void aWorkerClockAheadOfTheDatabaseDoesNotShortenTheBudget() throws Exception {
        RestDaliugeBackend skewed = new RestDaliugeBackend(Clock.offset(Clock.systemUTC(), Duration.ofHours(2)));
        SubmitRequest r = request(Duration.ofMinutes(5));
        assertThat(skewed.submit(r).sessionId()).isEqualTo(r.sessionId());
        assertThat(sim.dim().count("deploy_session")).isEqualTo(1);
    }

    @Test
    void anInterruptDuringASlowDeployDoesNotCutTheSubmissionOff() throws Exception {
        sim.dim().faults().delay("deploy_session", 1500);
        SubmitRequest r = request(Duration.ofMinutes(5));
        java.util.concurrent.atomic.AtomicReference<Object> outcome = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean flagAfter = new java.util.concurrent.atomic.AtomicBoolean();
        Thread t = new Thread(() -> {
            try {
                outcome.set(backend.submit(r));
            } catch (Exception e) {
                outcome.set(e);
            }
            flagAfter.set(Thread.currentThread().isInterrupted());
        });
        t.start();
        while (sim.dim().count("deploy_session") == 0) {
            Thread.sleep(10);
        }
        t.interrupt();
        t.join();
        assertThat(outcome.get()).isInstanceOf(Submitted.class);
        assertThat(flagAfter).isTrue();
        assertThat(sim.dim().count("deploy_session")).isEqualTo(1);
    }

    @Test
    void connectionDroppedAfterDeployIsUncertain() {
        sim.dim().faults().add("deploy_session", Fault.of(Fault.Kind.DROP_CONNECTION, 1));
        SubmitRequest r = request(Duration.ofMinutes(5));
        SubmitFailure f = catchThrowableOfType(SubmitFailure.class, () -> backend.submit(r));
        assertThat(f.definite()).isFalse();
        assertThat(f.failureClass()).isEqualTo(FailureClass.INCONSISTENT_STATE);
        assertThat(sim.dim().sessionsCreated(r.sessionId())).isEqualTo(1);
    }

    @Test
    void dim5xxIsUncertain() {
        sim.dim().faults().add("append_graph", Fault.status(555, "RestClientException", 1));
        SubmitFailure f = catchThrowableOfType(SubmitFailure.class, () -> backend.submit(request(Duration.ofMinutes(5))));
        assertThat(f.definite()).isFalse();
    }

    @Test
    void sessionAlreadyOnTheDimIsUncertain() throws Exception {
        SubmitRequest r = request(Duration.ofMinutes(5));
        backend.submit(r);
        SubmitFailure f = catchThrowableOfType(SubmitFailure.class, () -> backend.submit(r));
        assertThat(f.definite()).isFalse();
        assertThat(sim.dim().sessionsCreated(r.sessionId())).isEqualTo(1);
    }

    @Test
    void deadlineAlreadyPassedSendsNothingAndIsDefinite() {
        assertThatThrownBy(() -> backend.submit(request(Duration.ofSeconds(-1))))
                .isInstanceOfSatisfying(SubmitFailure.class, f -> {
                    assertThat(f.definite()).isTrue();
                    assertThat(f.getMessage()).startsWith("backend submission exceeded its persisted wall-clock deadline at ")
                            .endsWith(" before any request was sent to the DIM");
                });
        assertThat(sim.tm().count("unroll_and_partition")).isZero();
    }

    @Test
    void deadlinePassingDuringTranslationIsDefinite() {
        sim.tm().faults().delay("unroll_and_partition", 3000);
        SubmitFailure f = catchThrowableOfType(SubmitFailure.class, () -> backend.submit(request(Duration.ofMillis(400))));
        assertThat(f.definite()).isTrue();
        assertThat(sim.dim().count("create_session")).isZero();
    }

    @Test
    void deadlinePassingDuringDeployIsUncertainTimeout() {
        sim.dim().faults().delay("deploy_session", 4000);
        SubmitFailure f = catchThrowableOfType(SubmitFailure.class, () -> backend.submit(request(Duration.ofMillis(1500))));
        assertThat(f.definite()).isFalse();
        assertThat(f.failureClass()).isEqualTo(FailureClass.TIMEOUT);
        assertThat(f.getMessage()).startsWith("backend submission exceeded its persisted wall-clock deadline at ")
                .doesNotContain("before any request");
    }
}
