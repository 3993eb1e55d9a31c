package dev.beampipe.systemtests.discovery;

import dev.beampipe.simulators.tap.TapSimulator;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.Map;

/**
 * One simulator, database, scheduler and worker shared by the discovery ITs that do not disturb each other
 * (each works on its own source names, scopes its SQL to them and counts TAP calls per source key): process
 * start-up dominates their run time on 2 cores. Inject it as a test parameter; it is started on first use
 * and stopped when the whole test run ends (JUnit root store). Tests that inject faults, stop processes or
 * need a second database build their own {@link DiscoveryCluster}.
 */
public final class SharedDiscoveryStage implements ParameterResolver {

    public record Stage(TapSimulator sim, DiscoveryCluster cluster) {
    }

    private record Resource(Stage stage) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            stage.cluster().close();
            stage.sim().close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Stage.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedDiscoveryStage.class, k -> new Resource(start()), Resource.class).stage();
    }

    private static Stage start() {
        TapSimulator sim = TapSimulator.start(0);
        DiscoveryCluster cluster = DiscoveryCluster.create("shared-stage", sim);
        try {
            cluster.activate(WallabyConfigVariant.reference()
                    .set("automation.discovery", Map.of("batch_size", "5")).writeTo(cluster.logs()));
            cluster.startScheduler();
            cluster.workerId(cluster.startWorker("worker-1"));
            return new Stage(sim, cluster);
        } catch (RuntimeException | Error e) {
            cluster.close();
            sim.close();
            throw e;
        }
    }
}
