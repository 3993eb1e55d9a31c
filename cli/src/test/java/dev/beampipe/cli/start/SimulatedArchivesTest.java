package dev.beampipe.cli.start;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SimulatedArchivesTest {
    private static final String CASDA = SimulatedArchives.CASDA_TAP_URL;
    private static final String VIZIER = SimulatedArchives.VIZIER_TAP_URL;

    @ParameterizedTest(name = "casda={0} vizier={1}")
    @CsvSource(nullValues = "unset", value = {
            // CASDA env,             VizieR env,                  simulated, worker CASDA,                         worker VizieR
            "unset,                   unset,                       true,      http://127.0.0.1:9123/casda/tap,      http://127.0.0.1:9123/vizier/tap",
            "https://casda.example/tap, unset,                     true,      unset,                                http://127.0.0.1:9123/vizier/tap",
            "unset,                   https://vizier.example/tap,  true,      http://127.0.0.1:9123/casda/tap,      unset",
            "https://casda.example/tap, https://vizier.example/tap, false,    unset,                                unset",
            "'',                      '',                          false,     unset,                                unset",
    })
    void theSimulatorStandsInOnlyForTheArchivesTheOperatorLeftUnset(String casda, String vizier, boolean simulated,
                                                                    String workerCasda, String workerVizier) {
        Map<String, String> env = new HashMap<>();
        Optional.ofNullable(casda).ifPresent(v -> env.put(CASDA, v));
        Optional.ofNullable(vizier).ifPresent(v -> env.put(VIZIER, v));
        assertThat(SimulatedArchives.wanted(env)).isEqualTo(simulated);

        SimulatedArchives archives = new SimulatedArchives(9123);
        for (Service service : List.of(Service.WORKER, Service.API, Service.SCHEDULER)) {
            Map<String, String> given = archives.environment(service, env);
            assertThat(given.get(CASDA)).as(service + " CASDA").isEqualTo(workerCasda);
            assertThat(given.get(VIZIER)).as(service + " VizieR").isEqualTo(workerVizier);
        }
        assertThat(archives.environment(Service.TAP_SIMULATOR, env)).isEmpty();
    }

    @Test
    void theSimulatorIsLaunchedByItsMainClassWithItsPort() throws Exception {
        assertThat(Class.forName(SimulatedArchives.MAIN_CLASS).getMethod("main", String[].class)).isNotNull();
        ServiceLauncher launcher = new ServiceLauncher("/jdk/bin/java", "/usr/bin/setsid", Path.of("/tmp"), Map.of());
        assertThat(launcher.command(Service.TAP_SIMULATOR, Path.of("/repo/simulators/target/s.jar"), new SimulatedArchives(9123).arguments()))
                .containsExactly("/usr/bin/setsid", "/jdk/bin/java", "-cp", "/repo/simulators/target/s.jar",
                        "dev.beampipe.simulators.tap.TapSimulator", "--port", "9123");
        assertThat(launcher.command(Service.API, Path.of("/repo/api.jar"), List.of()))
                .containsExactly("/usr/bin/setsid", "/jdk/bin/java", "-jar", "/repo/api.jar");
    }

    /**
     * The real simulator (its jar, or its classes in an IDE, as on this test's class path), launched the way
     * {@code start} does, answers the example survey's queries at the URLs the services get.
     */
    @Test
    void theLaunchedSimulatorAnswersAtTheUrlsTheServicesGet() throws Exception {
        Optional<Path> jar = Optional.of(Path.of(Class.forName(SimulatedArchives.MAIN_CLASS).getProtectionDomain()
                .getCodeSource().getLocation().toURI()));
        Path dir = Files.createTempDirectory("tap-sim");
        SimulatedArchives archives = new SimulatedArchives(FreePorts.allocate(1).get(0));
        ServiceProcess child = ServiceLauncher.forCurrentJvm(dir, System.getenv())
                .launch(Service.TAP_SIMULATOR, jar.get(), archives.arguments(), Map.of(), dir.resolve("tap-simulator.log"), archives.port());
        try {
            ReadinessProbe probe = new ReadinessProbe(URI.create(archives.availabilityUrl()));
            await().atMost(Duration.ofSeconds(30)).until(() -> probe.probe().ok());
            String casda = query(archives.casdaTapUrl(), "SELECT * FROM ivoa.obscore WHERE filename LIKE 'HIPASSJ1318-21%' "
                    + "AND obs_collection IN ('WALLABY')");
            assertThat(casda).contains("QUERY_STATUS", "HIPASSJ1318-21_A_beam00_10arc_split.ms.tar");
            String vizier = query(archives.vizierTapUrl(), "SELECT HIPASS, RAJ2000 FROM \"VIII/73/hicat\" WHERE HIPASS = 'J1318-21'");
            assertThat(vizier).contains("<TABLE");
        } finally {
            child.process().destroy();
            assertThat(child.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static String query(String tapBase, String adql) throws IOException, InterruptedException {
        String form = "REQUEST=doQuery&LANG=ADQL&FORMAT=votable/td&QUERY=" + URLEncoder.encode(adql, StandardCharsets.UTF_8);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(tapBase + "/sync"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }
}
