package dev.beampipe.model.discovery.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.config.signature.DiscoverySignature;
import dev.beampipe.model.config.signature.SignatureOptions;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.discovery.persist.PersistFixture.Event;
import dev.beampipe.model.discovery.persist.PersistFixture.Registry;
import dev.beampipe.model.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.beampipe.model.discovery.persist.PersistFixture.failed;
import static dev.beampipe.model.discovery.persist.PersistFixture.json;
import static dev.beampipe.model.discovery.persist.PersistFixture.noDatasets;
import static dev.beampipe.model.discovery.persist.PersistFixture.obj;
import static dev.beampipe.model.discovery.persist.PersistFixture.prepared;
import static dev.beampipe.model.discovery.persist.PersistFixture.preparedWithFlags;
import static dev.beampipe.model.discovery.persist.PersistFixture.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** What persisting a discover batch writes, outcome by outcome, against a real PostgreSQL (10-state §4.4, §4.5). */
class DiscoveryPersistenceTest {
    static final String GOLDEN = "4dcd5f3236aa5a13238e7df0a8d712e3026180576154104d2bf088ea3fa3ee85";
    static final SignatureOptions NO_EXCLUSIONS = SignatureOptions.of(List.of(), true);

    static TestDatabase testDb;
    static Database db;
    PersistFixture f;

    @BeforeAll
    static void database() {
        testDb = TestDatabase.create();
        db = testDb.db();
    }

    @AfterAll
    static void drop() {
        testDb.close();
    }

    @BeforeEach
    void fixture() {
        f = new PersistFixture(db);
    }

    static ObjectNode r1() {
        return record("100", "d-1", "{'checksum':'a'}");
    }

    static ObjectNode r2() {
        return record("200", "d-2", "{'checksum':'b'}");
    }

    static String signatureOf(SignatureOptions options, ObjectNode... records) {
        return DiscoverySignature.compute(List.of(records), json("{}"), options).signature();
    }

    @Test
    void changedStoresRowsSetsPendingAndRecordsProvenance() {
        f.sources("s");
        BatchReport report = f.batch(prepared("s", r2(), r1()));

        assertThat(report).isEqualTo(new BatchReport(1, 2, 2, 1, 0, 0, 0, 0, 0, 0, List.of(), List.of("s")));
        Registry reg = f.registry("s");
        assertThat(reg.signature()).isEqualTo(signatureOf(SignatureOptions.ABSENT, r1(), r2()));
        assertThat(reg.pending()).isTrue();
        assertThat(reg.pendingAt()).isNotNull();
        assertThat(reg.lastCheckedAt()).isNotNull();
        assertThat(reg.failures()).isZero();
        assertThat(reg.claimToken()).as("claim released").isNull();
        assertThat(f.rows("s")).containsOnlyKeys("100", "200");
        assertThat(f.rows("s").get("100").metadata()).isEqualTo(json("{'datasets':[" + r1() + "]}"));
        List<Event> events = f.events("s");
        assertThat(events).hasSize(1);
        Event e = events.get(0);
        assertThat(e.type()).isEqualTo("discovery.changed");
        assertThat(e.actor()).isEqualTo("system:discovery");
        assertThat(e.executionId()).isNull();
        assertThat(e.correlationId()).isNotBlank();
        assertThat(e.payload()).isEqualTo(json("{'signature':'" + reg.signature() + "','sbids':2,'datasets':2}"));
    }

    /** 10-state §7.2 item 14: the same records again are unchanged, and pending stays true. */
    @Test
    void sameRecordsAgainAreUnchangedAndKeepPending() {
        f.sources("s");
        f.batch(prepared("s", r1(), r2()));
        Registry before = f.registry("s");
        Map<String, PersistFixture.MetadataRow> rowsBefore = f.rows("s");

        // record order and nested key order do not matter (§7.2 item 17)
        ObjectNode reordered = obj("{'checksum':'b','visibility_filename':'d-2.ms','dataset_id':'d-2','sbid':'200'}");
        BatchReport report = f.batch(prepared("s", reordered, r1()));

        assertThat(report).isEqualTo(new BatchReport(1, 2, 2, 0, 1, 0, 0, 0, 0, 0, List.of(), List.of()));
        Registry after = f.registry("s");
        assertThat(after.pending()).isTrue();
        assertThat(after.pendingAt()).isEqualTo(before.pendingAt());
        assertThat(after.signature()).isEqualTo(before.signature());
        assertThat(after.lastCheckedAt()).isNotNull();
        assertThat(f.rows("s")).isEqualTo(rowsBefore);
        Event unchanged = f.events("s").get(1);
        assertThat(unchanged.type()).isEqualTo("discovery.unchanged");
        assertThat(unchanged.payload()).isEqualTo(json("{'signature_prefix':'" + before.signature().substring(0, 16) + "'}"));
    }

    @Test
    void aNewSbidChangesOnlyThatSource() {
        f.sources("a", "b");
        f.batch(prepared("a", r1()), prepared("b", r1()));
        db.sql().update("UPDATE source_registry SET workflow_run_pending = false, workflow_run_pending_at = NULL "
                + "WHERE project_module = $1", f.module);

        BatchReport report = f.batch(prepared("a", r1(), r2()), prepared("b", r1()));

        assertThat(report.changedSourceIdentifiers()).containsExactly("a");
        assertThat(report.changedCount()).isEqualTo(1);
        assertThat(report.unchangedCount()).isEqualTo(1);
        assertThat(f.rows("a")).containsOnlyKeys("100", "200");
        assertThat(f.rows("b")).containsOnlyKeys("100");
        assertThat(f.registry("a").pending()).isTrue();
        assertThat(f.registry("b").pending()).isFalse();
    }

    @Test
    void aVanishedSbidLosesItsRowAndTheOthersAreUpdatedInPlace() {
        f.sources("s");
        f.batch(prepared("s", r1(), r2()));
        var kept = f.rows("s").get("100");

        ObjectNode r1b = record("100", "d-1", "{'checksum':'changed'}");
        BatchReport report = f.batch(prepared("s", r1b));

        assertThat(report.changedCount()).isEqualTo(1);
        assertThat(f.rows("s")).containsOnlyKeys("100");
        var row = f.rows("s").get("100");
        assertThat(row.uuid()).isEqualTo(kept.uuid());
        assertThat(row.updatedAt()).isNotNull();
        assertThat(row.metadata()).isEqualTo(json("{'datasets':[" + r1b + "]}"));
        assertThat(f.registry("s").signature()).isEqualTo(signatureOf(SignatureOptions.ABSENT, r1b));
    }

    @Test
    void noDatasetsStoresTheMarkerRowAndTheGoldenSignature() {
        f.sources("s");
        BatchReport report = f.batch(noDatasets("s"));

        assertThat(report).isEqualTo(new BatchReport(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, List.of(), List.of()));
        Registry reg = f.registry("s");
        assertThat(reg.signature()).isEqualTo("f57cea7a8b79823abac81f1f90b3f9e594f21ae40faff4ad4935e8b149771c5f");
        assertThat(reg.pending()).isFalse();
        assertThat(reg.lastCheckedAt()).isNotNull();
        assertThat(f.rows("s")).containsOnlyKeys("0");
        assertThat(f.rows("s").get("0").metadata()).isEqualTo(json("{'datasets':[],'discovery_status':'no_datasets'}"));
        assertThat(f.events("s")).extracting(Event::type).containsExactly("discovery.no_datasets");

        // again: already no-datasets and not pending → checked only, no event
        assertThat(f.batch(noDatasets("s")).noDatasetsCount()).isEqualTo(1);
        assertThat(f.events("s")).hasSize(1);
        assertThat(f.registry("s").lastCheckedAt()).isNotNull();
    }

    /** Our fix of pitfall 35: a pending source that becomes no-datasets is no longer pending. */
    @Test
    void aPendingSourceBecomingNoDatasetsIsUnpended() {
        f.sources("s");
        f.batch(prepared("s", r1(), r2()));
        assertThat(f.registry("s").pending()).isTrue();

        f.batch(noDatasets("s"));

        Registry reg = f.registry("s");
        assertThat(reg.pending()).isFalse();
        assertThat(reg.pendingAt()).isNull();
        assertThat(reg.signature()).isEqualTo(DiscoverySignature.NO_DATASETS_SIGNATURE);
        assertThat(f.rows("s")).containsOnlyKeys("0");
        Event e = f.events("s").get(1);
        assertThat(e.type()).isEqualTo("discovery.no_datasets");
        assertThat(e.payload()).isEqualTo(json("{'signature':'" + DiscoverySignature.NO_DATASETS_SIGNATURE
                + "','pending_cleared':true}"));

        // datasets again → changed, pending again, marker gone
        f.batch(prepared("s", r1()));
        assertThat(f.registry("s").pending()).isTrue();
        assertThat(f.rows("s")).containsOnlyKeys("100");
    }

    /** An already no-datasets source that was re-pended (e.g. by a failed execution) is un-pended too. */
    @Test
    void anAlreadyNoDatasetsSourceThatIsPendingIsUnpended() {
        f.sources("s");
        f.batch(noDatasets("s"));
        db.sql().update("UPDATE source_registry SET workflow_run_pending = true, workflow_run_pending_at = now() "
                + "WHERE project_module = $1", f.module);
        f.batch(noDatasets("s"));
        assertThat(f.registry("s").pending()).isFalse();
        assertThat(f.events("s")).extracting(Event::type).containsExactly("discovery.no_datasets", "discovery.no_datasets");
    }

    static Stream<Arguments> invalidRecords() {
        return Stream.of(
                arguments(json("[{'sbid':'1','dataset_id':'x'}, 'text']"), "record[1] must be a JSON object"),
                arguments(json("[{'sbid':null,'dataset_id':'x'}]"), "record[0] requires a non-null 'sbid'"),
                arguments(json("[{'dataset_id':'x'}]"), "record[0] requires a non-null 'sbid'"),
                arguments(json("[{'sbid':'1','dataset_id':'x'}, {'sbid':'2','dataset_id':null}]"),
                        "record[1] requires 'dataset_id' or 'visibility_filename'"),
                arguments(json("[{'sbid':'" + "9".repeat(51) + "','dataset_id':'x'}]"),
                        "record[0] 'sbid' is longer than 50 characters"));
    }

    /**
     * 10-state §7.2 item 18 and our fix of pitfall 34: an invalid prepared record fails only its source (exact,
     * index-bearing message in the provenance), the other sources of the batch persist normally.
     */
    @ParameterizedTest
    @MethodSource("invalidRecords")
    void anInvalidRecordFailsOnlyItsSource(JsonNode records, String message) {
        f.sources("bad", "good");
        // the contract's records are ObjectNodes; a non-object element can only arrive through an unchecked list
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<ObjectNode> raw = (List) new java.util.ArrayList<JsonNode>();
        records.forEach(r -> ((List) raw).add(r));
        SourceResult bad = new SourceResult("bad", new dev.beampipe.model.discovery.pipeline.SourceOutcome.Prepared(raw,
                PersistFixture.JSON.createObjectNode()), 5);

        BatchReport report = f.batch(bad, prepared("good", r1()));

        assertThat(report).isEqualTo(new BatchReport(2, 1, 1, 1, 0, 0, 0, 0, 0, 1, List.of("bad"), List.of("good")));
        assertThat(f.rows("bad")).isEmpty();
        Registry reg = f.registry("bad");
        assertThat(reg.signature()).isNull();
        assertThat(reg.pending()).isFalse();
        assertThat(reg.lastCheckedAt()).isNull();
        assertThat(reg.lastAttemptedAt()).isNotNull();
        assertThat(reg.failures()).isEqualTo(1);
        assertThat(reg.claimToken()).isNull();
        Event e = f.events("bad").get(0);
        assertThat(e.type()).isEqualTo("discovery.error");
        assertThat(e.payload().get("error").asText()).isEqualTo(message);
        assertThat(f.rows("good")).containsOnlyKeys("100");
        assertThat(f.registry("good").pending()).isTrue();
    }

    static Stream<Arguments> failures() {
        return Stream.of(arguments(false, "discovery.error", "TAP returned HTTP 500"),
                arguments(true, "discovery.timeout", "TAP timeout"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void aFailureIsAttemptedCountedAndRecorded(boolean timeout, String eventType, String message) {
        f.sources("s");
        f.batch(prepared("s", r1()));
        Registry discovered = f.registry("s");

        BatchReport report = f.batch(failed("s", timeout, message));

        assertThat(report.failedSources()).containsExactly("s");
        assertThat(timeout ? report.timeoutCount() : report.errorCount()).isEqualTo(1);
        assertThat(report.changedCount() + report.unchangedCount() + report.noDatasetsCount()).isZero();
        Registry reg = f.registry("s");
        assertThat(reg.lastAttemptedAt()).isNotNull();
        assertThat(reg.lastCheckedAt()).as("untouched (nulled by the test's claim)").isNull();
        assertThat(reg.failures()).isEqualTo(1);
        assertThat(reg.signature()).isEqualTo(discovered.signature());
        assertThat(reg.pending()).isTrue();
        assertThat(f.rows("s")).containsOnlyKeys("100");
        Event e = f.events("s").get(1);
        assertThat(e.type()).isEqualTo(eventType);
        assertThat(e.payload()).isEqualTo(json("{'error':'" + message + "','duration_ms':1500,'claim_token':'"
                + e.correlationId() + "'}"));

        f.batch(failed("s", timeout, message));
        assertThat(f.registry("s").failures()).isEqualTo(2);

        // any success resets the counter
        f.batch(prepared("s", r1()));
        assertThat(f.registry("s").failures()).isZero();
    }

    /** Decision 2 / pitfall 37: excluded fields are not hashed but are kept in the stored metadata. */
    @Test
    void excludedFieldsAreNotHashedButKeptInStoredMetadata() {
        SignatureOptions options = SignatureOptions.of(List.of("access_url"), true);
        f.sources("s");
        ObjectNode rec = record("100", "d-1", "{'access_url':'https://casda/1','sbid_to_eval_file':{'access_url':'https://e/1','name':'e'}}");
        ObjectNode stripped = record("100", "d-1", "{'sbid_to_eval_file':{'name':'e'}}");

        f.batch(options, prepared("s", rec));

        assertThat(f.registry("s").signature()).isEqualTo(signatureOf(SignatureOptions.of(List.of(), true), stripped));
        assertThat(f.rows("s").get("100").metadata()).isEqualTo(json("{'datasets':[" + rec + "]}"));

        // a new access_url alone is no change
        ObjectNode moved = record("100", "d-1", "{'access_url':'https://casda/2','sbid_to_eval_file':{'access_url':'https://e/2','name':'e'}}");
        assertThat(f.batch(options, prepared("s", moved)).unchangedCount()).isEqualTo(1);
        // changing the exclude list is a change (§7.2 item 17: "do not skip")
        assertThat(f.batch(SignatureOptions.of(List.of(), true), prepared("s", rec)).changedCount()).isEqualTo(1);
    }

    /** The reference's golden vector, end to end: stored signature and the stored row. */
    @Test
    void referenceGoldenVector() {
        f.sources("s");
        ObjectNode rec = obj("{'sbid':'123','dataset_id':'dataset-1','visibility_filename':'a.ms','checksum':'abc'}");
        ObjectNode flags = obj("{'ra_dec_vsys_complete':true}");

        f.batch(NO_EXCLUSIONS, preparedWithFlags("s", flags, rec));

        assertThat(f.registry("s").signature()).isEqualTo(GOLDEN);
        assertThat(f.rows("s").get("123").metadata()).isEqualTo(json("{'datasets':[" + rec + "],'discovery_flags':" + flags + "}"));
        assertThat(f.events("s").get(0).payload().get("signature").asText()).isEqualTo(GOLDEN);
    }

    /** No signature section (ABSENT parity): the flags are neither hashed nor stored. */
    @Test
    void absentSignatureSectionDropsTheFlags() {
        f.sources("s");
        ObjectNode rec = obj("{'sbid':'123','dataset_id':'dataset-1','visibility_filename':'a.ms','checksum':'abc'}");
        f.batch(SignatureOptions.ABSENT, preparedWithFlags("s", obj("{'ra_dec_vsys_complete':true}"), rec));
        assertThat(f.registry("s").signature()).isNotEqualTo(GOLDEN).isEqualTo(signatureOf(SignatureOptions.ABSENT, rec));
        assertThat(f.rows("s").get("123").metadata()).isEqualTo(json("{'datasets':[" + rec + "]}"));
    }

    /** §4.4 step 4: with no stored signature the previous one is recomputed from the stored rows (stripped again). */
    @Test
    void aNullStoredSignatureIsRecomputedFromTheStoredRows() {
        SignatureOptions options = SignatureOptions.of(List.of("access_url"), true);
        f.sources("s");
        ObjectNode rec = record("100", "d-1", "{'access_url':'https://casda/1'}");
        f.batch(options, prepared("s", rec));
        db.sql().update("UPDATE source_registry SET discovery_signature = NULL WHERE project_module = $1", f.module);

        BatchReport report = f.batch(options, prepared("s", record("100", "d-1", "{'access_url':'https://casda/other'}")));

        assertThat(report.unchangedCount()).isEqualTo(1);
        assertThat(f.registry("s").signature()).as("unchanged writes only last_checked_at").isNull();
    }

    /** A prepared result without records is what a no-datasets result is: the marker, never a pending empty source. */
    @Test
    void preparedWithoutRecordsIsNoDatasets() {
        f.sources("s");
        assertThat(f.batch(prepared("s")).noDatasetsCount()).isEqualTo(1);
        assertThat(f.rows("s")).containsOnlyKeys("0");
        assertThat(f.registry("s").pending()).isFalse();
    }

    /** 10-state §7.2 item 12: a claim returns a token and the row; releasing with that token affects 1 row. */
    @Test
    void claimAndReleaseOfOneSource() {
        f.sources("s");
        var claim = f.claims.claim(f.module, 24, 10, 180).orElseThrow();
        assertThat(claim.identifiers()).containsExactly("s");
        assertThat(claim.token()).isNotBlank();
        assertThat(f.claims.release(f.module, claim.token())).isEqualTo(1);
    }

    /**
     * 10-state §7.2 item 15: pending set, cleared (admission), set again by a change → pending, and the last executed
     * signature stays NULL.
     */
    @Test
    void pendingSetClearedSetAgainKeepsLastExecutedNull() {
        f.sources("s");
        f.batch(prepared("s", r1()));
        db.sql().update("UPDATE source_registry SET workflow_run_pending = false, workflow_run_pending_at = NULL "
                + "WHERE project_module = $1", f.module);
        f.batch(prepared("s", r1(), r2()));
        Registry reg = f.registry("s");
        assertThat(reg.pending()).isTrue();
        assertThat(reg.lastExecutedSignature()).isNull();
    }

    @Test
    void aMixedBatchCountsEachSourceOnceInInputOrder() {
        f.sources("b");
        f.batch(prepared("b", r1()));
        f.sources("a", "c", "d", "e", "f");
        BatchReport report = f.batch(prepared("a", r1(), r2()), prepared("b", r1()), noDatasets("c"),
                failed("d", false, "boom"), failed("e", true, "TAP timeout"),
                prepared("f", record("1", null, null).put("dataset_id", (String) null).put("visibility_filename", (String) null)));
        assertThat(report).isEqualTo(new BatchReport(6, 3, 3, 1, 1, 1, 1, 1, 0, 1, List.of("d", "e", "f"), List.of("a")));
        assertThat(f.count("SELECT count(*) FROM source_registry WHERE project_module = $1 AND discovery_claim_token IS NOT NULL"))
                .isZero();
    }
}
