package dev.beampipe.model.discovery.pipeline;

import static dev.beampipe.model.discovery.pipeline.Json.json;
import static dev.beampipe.model.discovery.pipeline.Json.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.config.model.ProjectConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The outcomes of one source (10-state-and-jobs §4.3) on a small survey config and an in-memory archive. */
class SourceDiscoveryTest {

    static final String CONFIG = """
            apiVersion: beampipe.dev/v2
            kind: ProjectConfig
            metadata: {id: survey}
            definitions:
              transforms:
                digits: {kind: extract_digits}
                has_rows: {kind: is_present}
                strip_j: {kind: strip_prefix, prefix: J}
            source_identity:
              template_vars:
                source_name: {transform: strip_j}
            discovery:
              queries:
                - {name: observations, adapter: casda, template: "SELECT * FROM obs WHERE name = '{source_identifier}'"}
                - {name: catalogue, adapter: vizier, template: "SELECT * FROM cat WHERE name = '{source_name}'"}
              enrichments:
                - {name: quality, adapter: casda, template: "SELECT * FROM quality WHERE sbid = '{sbid}'"}
              prepare_metadata:
                field_map:
                  sbid: {from: obs_id, transform: digits}
                  dataset_id: {from: filename}
                discovery_flags:
                  catalogued: {from: enrichments.catalogue, transform: has_rows}
            %s
            """;

    private static final ObjectNode OBS_1 = row("{'filename':'a.ms','obs_id':'ASKAP-1'}");
    private static final ObjectNode OBS_2 = row("{'filename':'b.ms','obs_id':'ASKAP-2'}");
    private static final ObjectNode CATALOGUE = row("{'name':'1317-16'}");

    private static ProjectConfig config(String extra) {
        return Json.config(CONFIG.formatted(extra));
    }

    /** Observations for two SBIDs, a catalogue row, quality rows for both SBIDs; a case may put rules first. */
    private static InMemoryArchive archive(UnaryOperator<InMemoryArchive> first) {
        return first.apply(new InMemoryArchive())
                .answer("casda", "FROM obs", List.of(OBS_1, OBS_2))
                .answer("vizier", "FROM cat", List.of(CATALOGUE))
                .answer("casda", "sbid = '1'", List.of(row("{'grade':'A'}"), row("{'grade':'B'}")))
                .answer("casda", "sbid = '2'", List.of(row("{'grade':'C'}")));
    }

    record Case(String name, String extraConfig, String identifier, UnaryOperator<InMemoryArchive> first,
                Consumer<SourceOutcome> check) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Consumer<SourceOutcome> is(SourceOutcome expected) {
        return outcome -> assertThat(outcome).isEqualTo(expected);
    }

    private static Consumer<SourceOutcome> prepared(Consumer<SourceOutcome.Prepared> check) {
        return outcome -> {
            assertThat(outcome).isInstanceOf(SourceOutcome.Prepared.class);
            check.accept((SourceOutcome.Prepared) outcome);
        };
    }

    static List<Case> cases() {
        UnaryOperator<InMemoryArchive> none = a -> a;
        return List.of(
                new Case("everything answers", "", "J1317-16", none, prepared(p -> {
                    assertThat(p.flags()).isEqualTo(json("{'catalogued':true}"));
                    assertThat(p.records()).extracting(r -> r.get("dataset_id").textValue()).containsExactly("a.ms", "b.ms");
                    assertThat(p.records().get(0).get("quality")).isEqualTo(json("{'grade':'A'}"));
                    assertThat(p.records().get(1).get("quality")).isEqualTo(json("{'grade':'C'}"));
                })),
                new Case("primary without rows", "", "J1317-16",
                        a -> a.answer("casda", "FROM obs", List.of()), is(new SourceOutcome.NoDatasets())),
                new Case("primary timeout", "", "J1317-16",
                        a -> a.fail("casda", "FROM obs", "read timed out", true),
                        is(new SourceOutcome.Failed(true, "TAP timeout"))),
                new Case("primary error", "", "J1317-16",
                        a -> a.fail("casda", "FROM obs", "adapter error: casda returned HTTP 500", false),
                        is(new SourceOutcome.Failed(false, "adapter error: casda returned HTTP 500"))),
                new Case("primary unknown adapter", "", "J1317-16",
                        a -> a.fail("casda", "FROM obs", "adapter 'casda' is not configured", false),
                        is(new SourceOutcome.Failed(false, "adapter 'casda' is not configured"))),
                new Case("secondary error is stored as []", "", "J1317-16",
                        a -> a.fail("vizier", "FROM cat", "adapter error: vizier returned HTTP 503", false),
                        prepared(p -> assertThat(p.flags()).isEqualTo(json("{'catalogued':false}")))),
                new Case("secondary timeout is stored as [] too", "", "J1317-16",
                        a -> a.fail("vizier", "FROM cat", "read timed out", true),
                        prepared(p -> assertThat(p.flags()).isEqualTo(json("{'catalogued':false}")))),
                new Case("another per-SBID enrichment failing skips that SBID", "", "J1317-16",
                        a -> a.fail("casda", "sbid = '1'", "adapter error: boom", true), prepared(p -> {
                            assertThat(p.records().get(0).has("quality")).isFalse();
                            assertThat(p.records().get(1).get("quality")).isEqualTo(json("{'grade':'C'}"));
                        })),
                new Case("a per-SBID enrichment without rows leaves the SBID out", "", "J1317-16",
                        a -> a.answer("casda", "sbid = '2'", List.of()), prepared(p -> {
                            assertThat(p.records().get(0).get("quality")).isEqualTo(json("{'grade':'A'}"));
                            assertThat(p.records().get(1).has("quality")).isFalse();
                        })),
                new Case("identifier with a line break", "", "J1317\n-16", none,
                        is(new SourceOutcome.Failed(false,
                                "query 'observations': query template value for {source_identifier} contains a line break"))),
                new Case("identifier with a NUL", "", "J1317\0-16", none,
                        is(new SourceOutcome.Failed(false,
                                "query 'observations': query template value for {source_identifier} contains a NUL character"))),
                new Case("prepare_metadata hook", "extension: {hooks: [prepare_metadata]}", "J1317-16", none,
                        is(new SourceOutcome.Failed(false,
                                "prepare_metadata hook cannot run: no WebAssembly runtime in this build"))),
                new Case("other hooks do not concern discovery", "extension: {hooks: [manifest, graph_patches]}",
                        "J1317-16", none, prepared(p -> assertThat(p.records()).hasSize(2))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void outcome(Case c) throws InterruptedException {
        c.check().accept(new SourceDiscovery(config(c.extraConfig())).discover(c.identifier(), archive(c.first())));
    }

    @Test
    void theQueriesAreRenderedFromTheContext() throws InterruptedException {
        InMemoryArchive archive = archive(a -> a);
        new SourceDiscovery(config("")).discover("J1317-16", archive);
        assertThat(archive.calls()).containsExactly(
                new InMemoryArchive.Call("casda", "SELECT * FROM obs WHERE name = 'J1317-16'"),
                new InMemoryArchive.Call("vizier", "SELECT * FROM cat WHERE name = '1317-16'"),
                new InMemoryArchive.Call("casda", "SELECT * FROM quality WHERE sbid = '1'"),
                new InMemoryArchive.Call("casda", "SELECT * FROM quality WHERE sbid = '2'"));
    }

    @Test
    void aRefusedValueInASecondaryQueryFailsTheSourceToo() throws InterruptedException {
        ProjectConfig config = Json.config("""
                apiVersion: beampipe.dev/v2
                kind: ProjectConfig
                metadata: {id: survey}
                source_identity:
                  template_vars:
                    source_name: {from: "J1317\\n-16"}
                discovery:
                  queries:
                    - {name: observations, adapter: casda, template: "SELECT * FROM obs WHERE name = '{source_identifier}'"}
                    - {name: catalogue, adapter: vizier, template: "SELECT * FROM cat WHERE name = '{source_name}'"}
                """);
        InMemoryArchive archive = archive(a -> a);
        assertThat(new SourceDiscovery(config).discover("J1317-16", archive)).isEqualTo(new SourceOutcome.Failed(false,
                "query 'catalogue': query template value for {source_name} contains a line break"));
        assertThat(archive.calls()).hasSize(1);
    }

    @Test
    void aConfigWithoutQueriesFailsWithoutQuerying() throws InterruptedException {
        ProjectConfig noQueries = Json.config("""
                apiVersion: beampipe.dev/v2
                kind: ProjectConfig
                metadata: {id: empty}
                """);
        InMemoryArchive archive = new InMemoryArchive();
        assertThat(new SourceDiscovery(noQueries).discover("J1317-16", archive))
                .isEqualTo(new SourceOutcome.Failed(false, "project config has no discovery queries"));
        assertThat(archive.calls()).isEmpty();
    }

    @Test
    void interruptionPropagates() {
        InMemoryArchive archive = archive(a -> a.answer("vizier", "FROM cat", () -> {
            throw new InterruptedException("worker stopping");
        }));
        assertThatThrownBy(() -> new SourceDiscovery(config("")).discover("J1317-16", archive))
                .isInstanceOf(InterruptedException.class).hasMessage("worker stopping");
    }

    @Test
    void anInterruptedPerSbidQueryPropagatesToo() {
        InMemoryArchive archive = archive(a -> a.answer("casda", "sbid = '2'", () -> {
            throw new InterruptedException("worker stopping");
        }));
        assertThatThrownBy(() -> new SourceDiscovery(config("")).discover("J1317-16", archive))
                .isInstanceOf(InterruptedException.class);
    }

    @Test
    void oneInstanceServesConcurrentSources() throws Exception {
        // the discover_batch handler runs several sources of a batch in parallel through one SourceDiscovery
        ProjectConfig config = config("");
        SourceDiscovery shared = new SourceDiscovery(config);
        InMemoryArchive archive = new InMemoryArchive()
                .answer("casda", "FROM obs", () -> {
                    Thread.onSpinWait();
                    return List.of(OBS_1, OBS_2);
                })
                .answer("vizier", "FROM cat", List.of(CATALOGUE))
                .answer("casda", "FROM quality", List.of(row("{'grade':'A'}")));
        List<String> sources = IntStream.range(0, 200).mapToObj(i -> "J" + i).toList();
        Map<String, SourceOutcome> sequential = new HashMap<>();
        for (String source : sources) {
            sequential.put(source, new SourceDiscovery(config).discover(source, archive));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<SourceOutcome>> futures = new ArrayList<>();
            for (String source : sources) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return shared.discover(source, archive);
                }));
            }
            start.countDown();
            for (int i = 0; i < sources.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(sequential.get(sources.get(i)));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(archive.calls()).hasSize(2 * 200 * 4);
    }

    @Test
    void aSourceIsAlwaysQueriedAgain() throws InterruptedException {
        // decision 2: no TAP skip inside the pipeline; the same source twice queries twice
        InMemoryArchive archive = archive(a -> a);
        SourceDiscovery discovery = new SourceDiscovery(config(""));
        SourceOutcome first = discovery.discover("J1317-16", archive);
        SourceOutcome second = discovery.discover("J1317-16", archive);
        assertThat(second).isEqualTo(first);
        assertThat(archive.calls()).hasSize(8);
    }
}
