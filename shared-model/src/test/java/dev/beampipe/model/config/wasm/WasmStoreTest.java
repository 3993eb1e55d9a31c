package dev.beampipe.model.config.wasm;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.canonical.Sha256;
import dev.beampipe.model.config.revisions.ConfigRevision;
import dev.beampipe.model.config.revisions.ConfigRevisions;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class WasmStoreTest {
    static final byte[] MODULE = HexFormat.of().parseHex("0061736d01000000010401600000030201000a040102000b");
    static TestDatabase testDb;
    static Database db;

    @BeforeAll
    static void database() {
        testDb = TestDatabase.create();
        db = testDb.db();
    }

    @AfterAll
    static void drop() {
        testDb.close();
    }

    static ConfigRevision activate(String project, int n) throws Exception {
        return new ConfigRevisions(db).upload(project, new ObjectMapper().readTree("{\"metadata\": {\"id\": \"" + project + "\", \"n\": " + n + "}}"),
                "c".repeat(64), "system:test");
    }

    @Test
    void modulesAttachToTheActiveRevisionAndAreReadFromItOnly() throws Exception {
        WasmStore store = new WasmStore(db);
        assertThat(store.upload("wasm_none", MODULE)).isEmpty();
        ConfigRevision v1 = activate("wasm_a", 1);
        StoredWasm stored = store.upload("wasm_a", MODULE).orElseThrow();
        assertThat(stored.projectConfigId()).isEqualTo(v1.id());
        assertThat(stored.wasmSha256()).isEqualTo(Sha256.hex(MODULE));
        assertThat(store.active("wasm_a", stored.wasmSha256().toUpperCase(), true).orElseThrow().bytes()).isEqualTo(MODULE);
        assertThat(store.active("wasm_a", stored.wasmSha256(), false).orElseThrow().bytes()).isNull();
        activate("wasm_a", 2);
        assertThat(store.active("wasm_a", stored.wasmSha256(), false)).isEmpty();
    }

    @Test
    void concurrentUploadsOfOneModuleLeaveOneRow() throws Exception {
        WasmStore store = new WasmStore(db);
        ConfigRevision v1 = activate("wasm_race", 1);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Optional<StoredWasm>>> uploads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            uploads.add(threads.submit(() -> {
                go.await();
                return store.upload("wasm_race", MODULE);
            }));
        }
        go.countDown();
        for (Future<Optional<StoredWasm>> f : uploads) {
            assertThat(f.get().orElseThrow().projectConfigId()).isEqualTo(v1.id());
        }
        threads.shutdown();
        assertThat(db.sql().count("SELECT count(*) FROM project_config_wasm WHERE project_config_id = $1", v1.id())).isEqualTo(1);
    }

    @Test
    void anUploadRacingAConfigActivationAttachesToARevisionThatWasActiveUnderTheLock() throws Exception {
        WasmStore store = new WasmStore(db);
        activate("wasm_flip", 0);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            work.add(threads.submit(() -> {
                go.await();
                return n % 2 == 0 ? activate("wasm_flip", n + 1) : store.upload("wasm_flip", MODULE);
            }));
        }
        go.countDown();
        for (Future<?> f : work) {
            f.get();
        }
        threads.shutdown();
        // each upload attached to whichever revision was active when it held the project lock: all rows point at real revisions
        assertThat(db.sql().count("SELECT count(*) FROM project_config_wasm w JOIN project_configs c ON c.uuid = w.project_config_id "
                + "WHERE c.project_id = 'wasm_flip'")).isBetween(1L, 2L);
    }
}
