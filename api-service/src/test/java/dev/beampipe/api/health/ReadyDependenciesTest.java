package dev.beampipe.api.health;

import dev.beampipe.model.tap.TapAdapter;
import dev.beampipe.model.tap.TapState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ReadyDependenciesTest {

    static Optional<TapState> state(String s) {
        return s == null ? Optional.empty() : Optional.of(TapState.valueOf(s));
    }

    @ParameterizedTest(name = "db={0} casda={1} vizier={2}")
    @CsvSource(nullValues = "-", value = {
            // db  , casda         , vizier        , tap_casda      , tap_vizier     , up
            "true  , OK            , ERROR         , ok             , error          , postgres=1 casda=1 vizier=0",
            "true  , NOT_CONFIGURED, NOT_CONFIGURED, not_configured , not_configured , postgres=1 casda=1 vizier=1",
            "false , ERROR         , OK            , error          , ok             , postgres=0 casda=0 vizier=1",
            "true  , -             , OK            , unknown        , ok             , postgres=1 vizier=1",
            "false , -             , -             , unknown        , unknown        , postgres=0"})
    void archiveStatesAndDependencyUp(boolean db, String casda, String vizier, String tapCasda, String tapVizier, String up) {
        Map<TapAdapter, Optional<TapState>> tap = new EnumMap<>(TapAdapter.class);
        tap.put(TapAdapter.CASDA, state(casda));
        tap.put(TapAdapter.VIZIER, state(vizier));
        ReadyDependencies d = ReadyDependencies.of(db, tap);
        assertThat(d.tapCasda()).isEqualTo(tapCasda);
        assertThat(d.tapVizier()).isEqualTo(tapVizier);
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (String pair : up.split(" ")) {
            String[] kv = pair.split("=");
            expected.put(kv[0], Integer.parseInt(kv[1]));
        }
        assertThat(d.dependencyUp()).containsExactlyEntriesOf(expected);
    }
}
