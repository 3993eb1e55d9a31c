package dev.beampipe.model.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The alerting tables on a real PostgreSQL, with the races raced by real threads. */
class AlertingStoresTest {
    static final ObjectMapper JSON = new ObjectMapper();
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

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    static <T> List<Future<T>> race(int n, java.util.function.IntFunction<Callable<T>> task) {
        ExecutorService threads = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Callable<T> work = task.apply(i);
            out.add(threads.submit(() -> {
                go.await();
                return work.call();
            }));
        }
        go.countDown();
        threads.shutdown();
        return out;
    }

    static AlertRule rule(String name, List<UUID> channels) throws Exception {
        return new AlertRule(null, name, "wallaby_hires", true, "warning", "daily_summary", json("{}"), channels, 60,
                null, null, null);
    }

    @Test
    void concurrentCreatesOfOneNameGiveOneChannelAndConflictsForTheRest() throws Exception {
        NotificationChannels channels = new NotificationChannels(db);
        JsonNode config = json("{'url': 'https://hooks.example/a'}");
        int created = 0;
        int conflicts = 0;
        for (Future<NotificationChannel> f : race(8, i -> () -> channels.create("ops-race", "webhook", config, true))) {
            try {
                f.get();
                created++;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(AlertConflictException.class)
                        .hasMessage("a notification channel named 'ops-race' already exists");
                conflicts++;
            }
        }
        assertThat(created).isEqualTo(1);
        assertThat(conflicts).isEqualTo(7);
        assertThat(db.sql().count("SELECT count(*) FROM notification_channels WHERE name = 'ops-race'")).isEqualTo(1);
    }

    @Test
    void concurrentPatchesOfOneChannelAllLand() throws Exception {
        NotificationChannels channels = new NotificationChannels(db);
        NotificationChannel c = channels.create("ops-merge", "webhook", json("{'url': 'https://h/s', 'headers': {'Authorization': 'Bearer t'}}"), true);
        List<Future<java.util.Optional<NotificationChannel>>> patches = race(8, i -> () -> channels.update(c.id(), current ->
                current.with(current.name(), ChannelConfigs.merge(current.config(),
                        json0("{'url': '[REDACTED]', 'headers': {'Authorization': '[REDACTED]', 'X-" + i + "': 'v'}}")), true)));
        for (Future<java.util.Optional<NotificationChannel>> f : patches) {
            assertThat(f.get()).isPresent();
        }
        JsonNode stored = channels.get(c.id()).orElseThrow().config();
        assertThat(stored.get("url").asText()).isEqualTo("https://h/s");
        assertThat(stored.at("/headers/Authorization").asText()).isEqualTo("Bearer t");
        for (int i = 0; i < 8; i++) {
            assertThat(stored.at("/headers/X-" + i).asText()).isEqualTo("v");
        }
        assertThat(channels.get(c.id()).orElseThrow().updatedAt()).isNotNull();
    }

    static JsonNode json0(String text) {
        try {
            return json(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRefusedEditWritesNothing() throws Exception {
        NotificationChannels channels = new NotificationChannels(db);
        NotificationChannel c = channels.create("ops-refused", "webhook", json("{'url': 'https://h/keep'}"), true);
        assertThatThrownBy(() -> channels.update(c.id(), current -> {
            throw new IllegalArgumentException("refused");
        })).hasMessage("refused");
        assertThat(channels.get(c.id()).orElseThrow().config().get("url").asText()).isEqualTo("https://h/keep");
        assertThat(channels.update(UUID.randomUUID(), current -> current)).isEmpty();
    }

    @Test
    void rulesNeedExistingChannelsAndDeletingAChannelRemovesItFromRules() throws Exception {
        NotificationChannels channels = new NotificationChannels(db);
        AlertRules rules = new AlertRules(db);
        AlertDeliveries deliveries = new AlertDeliveries(db);
        NotificationChannel a = channels.create("ops-a", "webhook", json("{'url': 'https://h/a'}"), true);
        NotificationChannel b = channels.create("ops-b", "email", json("{'smtp_host': 'smtp.example'}"), true);
        UUID ghost = UUID.randomUUID();
        assertThatThrownBy(() -> rules.create(rule("r-ghost", List.of(a.id(), ghost))))
                .isInstanceOf(UnknownChannelsException.class).hasMessage("unknown notification channel ids: " + ghost);
        AlertRule r = rules.create(rule("r-ab", List.of(a.id(), b.id(), a.id())));
        assertThat(r.channelIds()).containsExactly(a.id(), b.id());
        AlertDelivery d = deliveries.record(r.id(), a.id(), AlertDeliveries.FAILED, json("{'note': 'token=abc'}"), "HTTP 500 password=pw");
        assertThat(d.payload().get("note").asText()).isEqualTo("token=[REDACTED]");
        assertThat(d.error()).isEqualTo("HTTP 500 password=[REDACTED]");

        assertThat(channels.delete(a.id())).isTrue();
        assertThat(channels.delete(a.id())).isFalse();
        assertThat(rules.get(r.id()).orElseThrow().channelIds()).containsExactly(b.id());
        assertThat(deliveries.recent(500).stream().filter(x -> x.id().equals(d.id())).findFirst().orElseThrow().channelId()).isNull();
        assertThat(rules.delete(r.id())).isTrue();
        assertThat(rules.delete(r.id())).isFalse();
    }

    @Test
    void aRuleRacingTheDeleteOfItsChannelNeverPointsAtAMissingChannel() throws Exception {
        NotificationChannels channels = new NotificationChannels(db);
        AlertRules rules = new AlertRules(db);
        for (int round = 0; round < 10; round++) {
            NotificationChannel c = channels.create("ops-del-" + round, "webhook", json("{'url': 'https://h/x'}"), true);
            int n = round;
            List<Future<Object>> racers = race(6, i -> () -> i == 0 ? channels.delete(c.id()) : rules.create(rule("r-del-" + n + "-" + i, List.of(c.id()))));
            for (Future<Object> f : racers) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(UnknownChannelsException.class);
                }
            }
            assertThat(db.sql().count("SELECT count(*) FROM alert_rules r WHERE EXISTS (SELECT 1 FROM unnest(r.channel_ids) id "
                    + "WHERE NOT EXISTS (SELECT 1 FROM notification_channels c WHERE c.uuid = id))")).isZero();
        }
    }

    @Test
    void deliveriesComeNewestFirst() throws Exception {
        AlertDeliveries deliveries = new AlertDeliveries(db);
        AlertDelivery first = deliveries.record(null, null, AlertDeliveries.SENT, json("{'n': 1}"), null);
        AlertDelivery second = deliveries.record(null, null, AlertDeliveries.SENT, json("{'n': 2}"), null);
        List<AlertDelivery> recent = deliveries.recent(2);
        assertThat(recent).extracting(AlertDelivery::id).containsExactly(second.id(), first.id());
        ObjectNode unused = JSON.createObjectNode();
        assertThat(unused).isEmpty();
    }
}
