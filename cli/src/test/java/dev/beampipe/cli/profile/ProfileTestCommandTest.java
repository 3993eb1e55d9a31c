package dev.beampipe.cli.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.cli.CommandRun;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.profile.ProfileBinder;
import dev.beampipe.model.profile.ProfileStore;
import dev.beampipe.model.testing.TestDatabase;
import dev.beampipe.simulators.daliuge.DaliugeSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code beampipe profile test NAME} for a REST profile: the TM and DIM inspection against the DALiuGE simulator. */
class ProfileTestCommandTest {
    static TestDatabase database;
    static DaliugeSimulator sim;

    @BeforeAll
    static void start() {
        database = TestDatabase.create();
        sim = DaliugeSimulator.start(0);
    }

    @AfterAll
    static void stop() {
        sim.close();
        database.close();
    }

    static String profile(String translation, String deployment) throws Exception {
        String name = "rest-" + UUID.randomUUID().toString().substring(0, 8);
        new ProfileStore(database.db(), StableJson::sha256).create(ProfileBinder.bind(new ObjectMapper().readTree(
                "{\"name\": \"" + name + "\", \"translation\": " + translation + ", \"deployment\": " + deployment + "}")));
        return name;
    }

    @Test
    void aRestProfileInspectsTheTranslatorAndTheManager() throws Exception {
        String name = profile("{\"tm_url\": \"" + sim.tmBase() + "\"}", "{\"kind\": \"rest_remote\", \"deploy_host\": \""
                + sim.dimBase().getHost() + "\", \"deploy_port\": " + sim.dimBase().getPort() + "}");
        CommandRun r = CommandRun.of(new ProfileCommand(Map.of("DATABASE_URL", database.url().toUrlWithSecret())), "test", name);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().get("profile").asText()).isEqualTo(name);
        assertThat(r.json().get("translator").isObject()).isTrue();
        assertThat(r.json().get("manager").isObject()).isTrue();
        assertThat(r.json().has("connectivity")).isFalse();
    }

    @Test
    void anUnknownProfileOrAMissingTranslatorIsAnError() throws Exception {
        CommandRun unknown = CommandRun.of(new ProfileCommand(Map.of("DATABASE_URL", database.url().toUrlWithSecret())), "test", "nope");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("deployment profile 'nope' does not exist");
        String name = profile("{}", "{\"kind\": \"rest_remote\", \"deploy_host\": \"dim.example\"}");
        CommandRun noTm = CommandRun.of(new ProfileCommand(Map.of("DATABASE_URL", database.url().toUrlWithSecret())), "test", name);
        assertThat(noTm.exit()).isEqualTo(1);
        assertThat(noTm.err()).contains("Translator Manager URL is not configured");
    }
}
