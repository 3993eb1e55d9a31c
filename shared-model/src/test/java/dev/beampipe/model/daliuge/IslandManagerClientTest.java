package dev.beampipe.model.daliuge;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.simulators.daliuge.DaliugeSimulator;
import dev.beampipe.simulators.daliuge.DlgStates;
import dev.beampipe.simulators.daliuge.IslandManagerSimulator;
import dev.beampipe.simulators.daliuge.Outcome;
import dev.beampipe.simulators.http.Fault;
import dev.beampipe.simulators.http.ManualClock;
import dev.beampipe.simulators.http.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link IslandManagerClient} against the in-process DIM simulator (two fake NMs, manual clock). */
class IslandManagerClientTest {

    private static final long STEP_MS = 100;
    private static ManualClock clock;
    private static DaliugeSimulator sim;
    private static PhysicalGraph graph;

    private IslandManagerClient client;
    private String sid;

    @BeforeAll
    static void start() throws Exception {
        clock = new ManualClock(Instant.parse("2026-08-22T10:00:00Z"));
        sim = DaliugeSimulator.start(0, 0, clock, IslandManagerSimulator.DEFAULT_NODES, STEP_MS, null);
        TranslatorClient tm = new TranslatorClient(sim.tmBase().toString(), true, Duration.ofSeconds(10));
        graph = tm.translate(DaliugeTestGraphs.beamMosaic(),
                DaliugeTestGraphs.translation("metis", 2, 0, sim.tmBase()), DaliugeTestGraphs.deployment(sim.dimBase()));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void setUp() {
        sim.reset();
        client = new IslandManagerClient(sim.dimBase().toString(), true, DimTimeouts.DEFAULTS, clock);
        sid = SessionIds.forExecution(UUID.randomUUID(), clock.instant());
    }

    @Test
    void deploySequenceThenPollToFinished() throws Exception {
        client.createAppendDeploy(sid, graph);

        List<RecordedRequest> journal = sim.dim().journal().all();
        assertThat(journal).extracting(RecordedRequest::method, RecordedRequest::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("POST", "/api/sessions"),
                org.assertj.core.groups.Tuple.tuple("POST", "/api/sessions/" + sid + "/graph/append"),
                org.assertj.core.groups.Tuple.tuple("POST", "/api/sessions/" + sid + "/deploy"));
        assertThat(journal.get(0).bodyText()).isEqualTo("{\"sessionId\":\"" + sid + "\"}");
        assertThat(journal.get(0).header("Content-Type")).isEqualTo("application/json");
        assertThat(journal.get(1).bodyText()).isEqualTo(graph.canonicalJson());
        assertThat(journal.get(1).header("Content-Encoding")).isNull();
        assertThat(journal.get(2).header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(journal.get(2).bodyText()).isEqualTo("completed=" + String.join(",", graph.roots()));

        DimPollResult first = client.poll(sid);
        assertThat(first.status().state()).isEqualTo(SessionState.RUNNING);
        assertThat(first.status().perNode()).containsOnlyKeys(IslandManagerSimulator.DEFAULT_NODES);
        assertThat(first.graphStatus().orElseThrow().drops()).hasSize(graph.dropCount());
        assertThat(first.executionStatus()).isEqualTo("running");
        assertThat(first.observedAt()).isEqualTo(clock.instant());

        DimPollResult last = pollUntilTerminal(50);
        assertThat(last.status().state()).isEqualTo(SessionState.FINISHED);
        assertThat(last.executionStatus()).isEqualTo("completed");
        assertThat(last.ledgerState()).isEqualTo("finished");
        assertThat(last.errorDropUids()).isEmpty();
        GraphStatus drops = last.graphStatus().orElseThrow();
        assertThat(drops.count(DropState.COMPLETED)).isEqualTo(graph.dropCount());
        assertThat(drops.drops().values()).filteredOn(d -> d.execState().isPresent())
                .isNotEmpty().allMatch(d -> d.execState().get() == AppState.FINISHED);
    }

    @Test
    void anErrorDropFailsTheSessionEvenWhenTheNodesSayFinished() throws Exception {
        sim.dim().outcome("*", Outcome.FAIL);
        client.createAppendDeploy(sid, graph);
        DimPollResult failed = pollUntilTerminal(50);
        assertThat(failed.status().state()).isEqualTo(SessionState.FAILED);
        assertThat(failed.executionStatus()).isEqualTo("failed");
        assertThat(failed.errorDropUids()).isNotEmpty();

        sim.dim().outcome("*", Outcome.FAIL_REPORTED_FINISHED);
        sid = sid + "-2";
        client.createAppendDeploy(sid, graph);
        DimPollResult reported = pollUntilTerminal(50);
        assertThat(reported.status().state()).isEqualTo(SessionState.FINISHED);
        assertThat(reported.errorDropUids()).isNotEmpty();
        assertThat(reported.executionStatus()).isEqualTo("failed");
        assertThat(reported.ledgerState()).isEqualTo("failed");
    }

    @Test
    void beforeDeployTheGraphStatusIsNotAnError() throws Exception {
        client.createSession(sid);
        DimPollResult pristine = client.poll(sid);
        assertThat(pristine.status().state()).isEqualTo(SessionState.PRISTINE);
        assertThat(pristine.graphStatus()).isEmpty();
        assertThat(pristine.executionStatus()).isEqualTo("running");

        client.appendGraph(sid, graph.drops());
        assertThat(client.poll(sid).status().state()).isEqualTo(SessionState.BUILDING);
        assertThatThrownBy(() -> client.graphStatus(sid)).isInstanceOfSatisfying(DaliugeException.class, e -> {
            assertThat(e.httpStatus()).hasValue(555);
            assertThat(e.invalidSessionState()).isTrue();
            assertThat(e.getMessage()).contains("InvalidSessionState");
            assertThat(e.ambiguous()).isFalse();
        });
    }

    @Test
    void slowDeployIsAmbiguousAndObservedAsDeploying() throws Exception {
        IslandManagerClient impatient = new IslandManagerClient(sim.dimBase().toString(), true,
                new DimTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(300),
                        Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)), clock);
        sim.dim().faults().delay("deploy_session", 1500);
        impatient.createSession(sid);
        impatient.appendGraph(sid, graph.drops());
        assertThatThrownBy(() -> impatient.deploy(sid, graph.roots()))
                .isInstanceOfSatisfying(DaliugeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DaliugeErrorKind.TIMEOUT);
                    assertThat(e.operation()).isEqualTo(DaliugeOperation.DEPLOY_SESSION);
                    assertThat(e.ambiguous()).isTrue();
                });
        // the DIM is still inside the deploy: DEPLOYING, and graph/status (555 InvalidSessionState) is not an error
        DimPollResult during = client.poll(sid);
        assertThat(during.status().state()).isEqualTo(SessionState.DEPLOYING);
        assertThat(during.graphStatus()).isEmpty();
        Thread.sleep(1700);
        assertThat(client.poll(sid).status().state()).isEqualTo(SessionState.RUNNING);
    }

    @Test
    void aConnectionDroppedAfterDeployIsAmbiguousAndTheSessionRuns() throws Exception {
        client.createSession(sid);
        client.appendGraph(sid, graph.drops());
        sim.dim().faults().add("deploy_session", Fault.of(Fault.Kind.DROP_CONNECTION, 1));
        assertThatThrownBy(() -> client.deploy(sid, graph.roots()))
                .isInstanceOfSatisfying(DaliugeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DaliugeErrorKind.CONNECTIVITY);
                    assertThat(e.ambiguous()).isTrue();
                    assertThat(e.httpStatus()).isEmpty();
                });
        assertThat(sim.dim().sessionState(sid)).isEqualTo(DlgStates.Session.RUNNING);
        assertThat(client.poll(sid).status().state()).isEqualTo(SessionState.RUNNING); // reconciled by polling
        assertThat(sim.dim().count("deploy_session")).isEqualTo(1); // never re-sent
    }

    @Test
    void aRefusedConnectionIsDefinitelyNotApplied() {
        IslandManagerClient down = new IslandManagerClient("http://127.0.0.1:" + DaliugeTestGraphs.closedPort(),
                true, DimTimeouts.DEFAULTS, clock);
        for (var call : List.<ThrowingCall>of(() -> down.createSession(sid), () -> down.deploy(sid, graph.roots()),
                () -> down.poll(sid))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(DaliugeException.class, e -> {
                assertThat(e.kind()).isEqualTo(DaliugeErrorKind.CONNECTIVITY);
                assertThat(e.getMessage()).isEqualTo("connection failed");
                assertThat(e.ambiguous()).isFalse();
                assertThat(e.retryable()).isTrue();
                assertThat(DaliugeStates.ledgerStateForPollError(e)).isEqualTo("unreachable");
            });
        }
    }

    @Test
    void aSlowStatusTimesOut() {
        IslandManagerClient quick = new IslandManagerClient(sim.dimBase().toString(), true,
                DimTimeouts.all(Duration.ofMillis(300)), clock);
        sim.dim().faults().delay("session_status", 1500);
        assertThatThrownBy(() -> quick.poll(sid)).isInstanceOfSatisfying(DaliugeException.class, e -> {
            assertThat(e.kind()).isEqualTo(DaliugeErrorKind.TIMEOUT);
            assertThat(e.operation()).isEqualTo(DaliugeOperation.SESSION_STATUS);
            assertThat(e.retryable()).isTrue();
            assertThat(DaliugeStates.ledgerStateForPollError(e)).isEqualTo("unreachable");
        });
    }

    @Test
    void replicatedErrorsAre555WithTheNestedException() throws Exception {
        assertThatThrownBy(() -> client.poll(sid)).isInstanceOfSatisfying(DaliugeException.class, e -> {
            assertThat(e.httpStatus()).hasValue(555);
            assertThat(e.kind()).isEqualTo(DaliugeErrorKind.NOT_FOUND);
            assertThat(e.sessionNotFound()).isTrue();
            assertThat(e.managerError().orElseThrow().type()).isEqualTo("SubManagerException");
            assertThat(e.managerError().orElseThrow().perNode().values())
                    .extracting(ManagerError::type).containsOnly("NoSessionException");
            assertThat(DaliugeStates.ledgerStateForPollError(e)).isEqualTo("not_created");
        });

        client.createSession(sid);
        assertThatThrownBy(() -> client.createSession(sid)).isInstanceOfSatisfying(DaliugeException.class, e -> {
            assertThat(e.kind()).isEqualTo(DaliugeErrorKind.CONFLICT);
            assertThat(e.getMessage()).contains("SessionAlreadyExistsException");
            assertThat(e.ambiguous()).isFalse();
        });
        assertThat(sim.dim().createRequests(sid)).isEqualTo(2);
        assertThat(sim.dim().sessionsCreated(sid)).isEqualTo(1);

        sim.dim().nodeDown(IslandManagerSimulator.DEFAULT_NODES.get(1), true);
        assertThatThrownBy(() -> client.sessionStatus(sid)).isInstanceOfSatisfying(DaliugeException.class, e -> {
            assertThat(e.kind()).isEqualTo(DaliugeErrorKind.HTTP_STATUS);
            assertThat(e.managerError().orElseThrow().involves("RestClientException")).isTrue();
            assertThat(e.retryable()).isTrue();
            assertThat(e.ambiguous()).isTrue();
        });
        sim.dim().nodeDown(IslandManagerSimulator.DEFAULT_NODES.get(1), false);

        sim.dim().restart();
        assertThatThrownBy(() -> client.poll(sid)).isInstanceOfSatisfying(DaliugeException.class,
                e -> assertThat(e.sessionNotFound()).isTrue());
    }

    @Test
    void rejectedAppendsAndDeploys() throws Exception {
        client.createSession(sid);
        ArrayNode foreign = graph.drops();
        ((ObjectNode) foreign.get(0)).put("node", "elsewhere:8000:5555:6666");
        assertThatThrownBy(() -> client.appendGraph(sid, foreign)).isInstanceOfSatisfying(DaliugeException.class, e -> {
            assertThat(e.httpStatus()).hasValue(400);
            assertThat(e.managerError().orElseThrow().type()).isEqualTo("InvalidGraphException");
            assertThat(e.retryable()).isFalse();
            assertThat(e.ambiguous()).isFalse();
        });

        client.appendGraph(sid, graph.drops());
        assertThatThrownBy(() -> client.deploy(sid, List.of("no-such-oid"))).isInstanceOfSatisfying(
                DaliugeException.class, e -> {
                    assertThat(e.httpStatus()).hasValue(555);
                    assertThat(e.managerError().orElseThrow().type()).isEqualTo("DaliugeException");
                    assertThat(e.ambiguous()).isTrue(); // a DIM may have deployed before failing to trigger
                });
    }

    @Test
    void unreadableSuccessRepliesAreAmbiguous() throws Exception {
        client.createSession(sid);
        client.appendGraph(sid, graph.drops());
        sim.dim().faults().add("deploy_session", Fault.of(Fault.Kind.HTML_200, 1));
        assertThatThrownBy(() -> client.deploy(sid, graph.roots())).isInstanceOfSatisfying(DaliugeException.class, e -> {
            assertThat(e.kind()).isEqualTo(DaliugeErrorKind.INVALID_RESPONSE);
            assertThat(e.ambiguous()).isTrue();
            assertThat(e.retryable()).isFalse();
        });

        sim.dim().faults().add("graph_status", Fault.of(Fault.Kind.TRUNCATED_JSON, 1));
        assertThatThrownBy(() -> client.poll(sid)).isInstanceOfSatisfying(DaliugeException.class, e -> {
            assertThat(e.kind()).isEqualTo(DaliugeErrorKind.INVALID_RESPONSE);
            assertThat(e.operation()).isEqualTo(DaliugeOperation.GRAPH_STATUS);
            assertThat(e.responseExcerpt()).isPresent();
        });

        sim.dim().faults().add("session_status", Fault.status(502, null, 1));
        assertThatThrownBy(() -> client.poll(sid)).isInstanceOfSatisfying(DaliugeException.class, e -> {
            assertThat(e.httpStatus()).hasValue(502);
            assertThat(e.kind()).isEqualTo(DaliugeErrorKind.HTTP_STATUS);
            assertThat(e.retryable()).isTrue();
        });
    }

    @Test
    void cancelAndDelete() throws Exception {
        sim.dim().outcome("*", Outcome.NEVER_END);
        client.createSession(sid);
        client.appendGraph(sid, graph.drops());
        assertThatThrownBy(() -> client.cancel(sid)).isInstanceOfSatisfying(DaliugeException.class, e -> {
            assertThat(e.invalidSessionState()).isTrue(); // cancel only in RUNNING/CANCELLED
            assertThat(e.ambiguous()).isFalse();
        });
        client.deploy(sid, graph.roots());
        clock.advanceMillis(10 * STEP_MS);
        assertThat(client.poll(sid).status().state()).isEqualTo(SessionState.RUNNING);

        client.cancel(sid);
        DimPollResult cancelled = client.poll(sid);
        assertThat(cancelled.status().state()).isEqualTo(SessionState.CANCELLED);
        assertThat(cancelled.executionStatus()).isEqualTo("cancelled");
        assertThat(cancelled.graphStatus().orElseThrow().count(DropState.CANCELLED)).isPositive();
        assertThat(sim.dim().journal().matching("POST", "/api/sessions/" + sid + "/cancel")).hasSize(2); // refused + accepted

        assertThat(client.listSessions()).anySatisfy(s -> {
            assertThat(s.sessionId()).isEqualTo(sid);
            assertThat(s.status().state()).isEqualTo(SessionState.CANCELLED);
            assertThat(s.size()).isEqualTo(graph.dropCount());
        });
        client.delete(sid);
        assertThat(client.listSessions()).noneMatch(s -> s.sessionId().equals(sid));
        assertThatThrownBy(() -> client.delete(sid)).isInstanceOfSatisfying(DaliugeException.class,
                e -> assertThat(e.sessionNotFound()).isTrue());
    }

    @Test
    void inspection() throws Exception {
        client.createSession(sid);
        assertThat(client.nodes()).containsExactlyElementsOf(IslandManagerSimulator.DEFAULT_NODES);
        DimInspection inspection = client.inspect();
        assertThat(inspection.hosts()).containsExactlyElementsOf(IslandManagerSimulator.DEFAULT_NODES);
        assertThat(inspection.sessionIds()).containsExactly(sid);
        assertThat(inspection.capabilities()).containsExactly("session_api", "manager_topology", "session_logs");
        assertThat(client.sessionStatusUrl(sid).toString()).isEqualTo(sim.dimBase() + "/api/sessions/" + sid + "/status");
        assertThat(client.graphStatusUrl(sid).toString()).endsWith("/api/sessions/" + sid + "/graph/status");
    }

    @Test
    void concurrentPollsOfOneSessionAgree() throws Exception {
        client.createAppendDeploy(sid, graph);
        clock.advanceMillis(50 * STEP_MS);
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.Queue<Object> results = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                try {
                    results.add(client.poll(sid).executionStatus());
                } catch (Exception e) {
                    results.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(results).hasSize(8).containsOnly("completed");
    }

    private DimPollResult pollUntilTerminal(int maxSteps) throws Exception {
        for (int i = 0; i < maxSteps; i++) {
            DimPollResult r = client.poll(sid);
            if (r.terminal()) {
                return r;
            }
            clock.advanceMillis(STEP_MS);
        }
        throw new AssertionError("session " + sid + " did not end within " + maxSteps + " steps");
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }
}
