package dev.beampipe.cli.start;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SupervisorTest {
    @TempDir
    Path dir;

    /** A child that records, in {@code order}, when it got SIGTERM, then exits. */
    private ServiceProcess child(Service service, Path order) throws IOException {
        String script = "trap 'echo " + service.shortName() + " >> " + order + "; exit 0' TERM; "
                + "while true; do sleep 0.1; done";
        Process p = new ProcessBuilder("bash", "-c", script).start();
        return new ServiceProcess(service, p, dir.resolve(service.shortName() + ".log"), 0);
    }

    @Test
    void stopsApiThenWorkerThenSchedulerThenTheSimulator() throws Exception {
        Path order = dir.resolve("order.txt");
        Supervisor supervisor = new Supervisor();
        supervisor.add(child(Service.TAP_SIMULATOR, order));
        supervisor.add(child(Service.SCHEDULER, order));
        supervisor.add(child(Service.WORKER, order));
        supervisor.add(child(Service.API, order));
        Thread.sleep(300); // let bash install its trap

        supervisor.stopAll(Duration.ofSeconds(10), () -> false);

        assertThat(supervisor.children()).noneMatch(ServiceProcess::alive);
        assertThat(Files.readAllLines(order)).containsExactly("api", "worker", "scheduler", "tap-simulator");
    }

    @Test
    void killsAChildThatIgnoresSigtermTogetherWithItsDescendants() throws Exception {
        Process stubborn = new ProcessBuilder("bash", "-c", "trap '' TERM; sleep 300 & wait").start();
        Thread.sleep(300);
        List<ProcessHandle> tree = new ArrayList<>(stubborn.descendants().toList());
        tree.add(stubborn.toHandle());
        Supervisor supervisor = new Supervisor();
        supervisor.add(new ServiceProcess(Service.WORKER, stubborn, dir.resolve("worker.log"), 0));

        long t0 = System.nanoTime();
        supervisor.stopAll(Duration.ofSeconds(1), () -> false);

        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(10);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(tree).noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void reportsTheFirstChildThatExited() throws Exception {
        Supervisor supervisor = new Supervisor();
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        Process quitter = new ProcessBuilder("bash", "-c", "exit 3").start();
        supervisor.add(new ServiceProcess(Service.SCHEDULER, sleeper, dir.resolve("s.log"), 0));
        supervisor.add(new ServiceProcess(Service.API, quitter, dir.resolve("a.log"), 0));
        quitter.waitFor();
        try {
            assertThat(supervisor.exited()).get().extracting(ServiceProcess::service).isEqualTo(Service.API);
        } finally {
            supervisor.stopAll(Duration.ofSeconds(5), () -> false);
        }
        assertThat(sleeper.isAlive()).isFalse();
    }
}
