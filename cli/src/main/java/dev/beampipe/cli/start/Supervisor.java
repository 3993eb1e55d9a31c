package dev.beampipe.cli.start;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The running children. Stops them in the order api → worker (so it drains its leases) → scheduler → TAP
 * simulator (last, so a draining worker can still finish its queries), each with SIGTERM, all within one grace
 * period; whatever is still alive after it is killed (SIGKILL).
 */
public final class Supervisor {
    private static final Logger LOG = Logger.getLogger(Supervisor.class);
    /** Stop order: the API first (no new intent), then the worker, then the scheduler, then the simulated archives. */
    static final List<Service> STOP_ORDER = List.of(Service.API, Service.WORKER, Service.SCHEDULER, Service.TAP_SIMULATOR);

    private final List<ServiceProcess> children = new ArrayList<>();

    public synchronized void add(ServiceProcess child) {
        children.add(child);
    }

    public synchronized List<ServiceProcess> children() {
        return List.copyOf(children);
    }

    /** The first child that is no longer running, if any. */
    public synchronized Optional<ServiceProcess> exited() {
        return children.stream().filter(c -> !c.alive()).findFirst();
    }

    /** Stops every child; {@code hurry} (e.g. a second Ctrl-C) cuts the grace period short. */
    public void stopAll(Duration grace, BooleanSupplier hurry) {
        long deadline = System.nanoTime() + grace.toNanos();
        List<ServiceProcess> ordered = children().stream()
                .sorted(Comparator.comparingInt(c -> STOP_ORDER.indexOf(c.service())))
                .toList();
        for (ServiceProcess child : ordered) {
            if (!child.alive()) {
                continue;
            }
            LOG.infof("stopping %s (pid %d)", child.service().module(), child.pid());
            child.process().destroy();
            waitFor(child, deadline, hurry);
        }
        for (ServiceProcess child : ordered) {
            if (child.alive()) {
                LOG.warnf("%s (pid %d) did not stop in time; killing it", child.service().module(), child.pid());
                child.process().descendants().forEach(ProcessHandle::destroyForcibly);
                child.process().destroyForcibly();
            }
        }
        for (ServiceProcess child : ordered) {
            try {
                child.process().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void waitFor(ServiceProcess child, long deadline, BooleanSupplier hurry) {
        while (child.alive() && System.nanoTime() < deadline && !hurry.getAsBoolean()) {
            try {
                child.process().waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
