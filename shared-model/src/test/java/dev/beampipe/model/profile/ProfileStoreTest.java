package dev.beampipe.model.profile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.testing.ReferenceFiles;
import dev.beampipe.model.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileStoreTest {
    static TestDatabase testDb;
    static Database db;
    static final Function<JsonNode, String> DIGEST = StableJson::sha256;

    @BeforeAll
    static void database() {
        testDb = TestDatabase.create();
        db = testDb.db();
    }

    @AfterAll
    static void drop() {
        testDb.close();
    }

    static DeploymentProfile profile(String json) {
        return ProfileBinder.bind(ProfileTest.json(json));
    }

    @Test
    void aSlurmProfileRoundTripsUnchangedAndUpdatesBumpTheRevision() throws Exception {
        ProfileStore store = new ProfileStore(db, DIGEST);
        DeploymentProfile original = ProfileBinder.bind(ProfileTest.JSON.readTree(
                Files.readString(ReferenceFiles.path("config/deployment_profile.slurm-remote.json"))));
        StoredProfile created = store.create(original);
        assertThat(created.revision()).isEqualTo(1);
        assertThat(db.sql().first("SELECT deployment->>'login_node' FROM daliuge_deployment_profile WHERE uuid = $1",
                r -> r.getString(0), created.id())).contains("setonix.pawsey.org.au");
        StoredProfile read = store.get(created.id()).orElseThrow();
        assertThat(read.profile()).isEqualTo(original);
        assertThat(((SlurmRemoteDeployment) read.profile().deployment()).sshCredential()).isEqualTo("setonix");

        StoredProfile same = store.update(created.id(), read.profile()).orElseThrow();
        assertThat(same.revision()).isEqualTo(2);
        assertThat(same.specSha256()).isEqualTo(created.specSha256());
        assertThat(same.profile()).isEqualTo(original);

        DeploymentProfile changed = new DeploymentProfile(original.name(), "changed", original.projectModule(),
                original.isDefault(), 3L, original.translation(), original.deployment());
        StoredProfile updated = store.update(created.id(), changed).orElseThrow();
        assertThat(updated.revision()).isEqualTo(3);
        assertThat(updated.specSha256()).isNotEqualTo(created.specSha256());
        assertThat(store.update(UUID.randomUUID(), changed)).isEmpty();
    }

    @Test
    void oneDefaultPerScopeAndTheMostSpecificDefaultWins() {
        ProfileStore store = new ProfileStore(db, DIGEST);
        String module = "mod_" + UUID.randomUUID().toString().substring(0, 6);
        StoredProfile global = store.create(profile("{\"name\":\"g-" + module + "\",\"is_default\":true,\"translation\":{},"
                + "\"deployment\":{\"kind\":\"rest_remote\",\"deploy_host\":\"dim\"}}"));
        assertThat(store.defaultFor(module)).map(StoredProfile::id).contains(global.id());
        StoredProfile specific = store.create(profile("{\"name\":\"s-" + module + "\",\"project_module\":\"" + module
                + "\",\"is_default\":true,\"translation\":{},\"deployment\":{\"kind\":\"rest_remote\",\"deploy_host\":\"dim\"}}"));
        assertThat(store.defaultFor(module)).map(StoredProfile::id).contains(specific.id());

        assertThatThrownBy(() -> store.create(profile("{\"name\":\"s2-" + module + "\",\"project_module\":\"" + module
                + "\",\"is_default\":true,\"translation\":{},\"deployment\":{\"kind\":\"rest_remote\",\"deploy_host\":\"dim\"}}")))
                .isInstanceOf(ProfileConflictException.class)
                .hasMessage("deployment profile 's2-" + module + "' is already the default for " + module);
        assertThatThrownBy(() -> store.create(profile("{\"name\":\"g-" + module + "\",\"translation\":{},"
                + "\"deployment\":{\"kind\":\"rest_remote\",\"deploy_host\":\"dim\"}}")))
                .isInstanceOf(ProfileConflictException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> store.create(profile("{\"name\":\"bad\",\"translation\":{\"num_par\":0},"
                + "\"deployment\":{\"kind\":\"rest_remote\",\"deploy_host\":\"dim\"}}")))
                .hasMessage("translation.num_par must be >= 1");
        assertThat(store.delete(specific.id())).isTrue();
        assertThat(store.delete(specific.id())).isFalse();
    }
}
