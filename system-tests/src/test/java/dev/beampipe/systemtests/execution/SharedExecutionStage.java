package dev.beampipe.systemtests.execution;

import dev.beampipe.systemtests.OperatorApi;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One real-backend {@link ExecutionCluster} (scheduler, one worker, api, simulators) shared by the execution ITs
 * that neither kill processes nor change the backend mode: end to end, the dropped connection after deploy, and
 * cancel. Each takes its own sources from {@link Stage#sources(int)} (disjoint slices of one list), scopes its
 * reads to its executions, and leaves the simulators as it found them (faults are one-shot or reset in a finally);
 * JUnit runs the classes one after another, so a fault meant for one scenario is never met by another's execution.
 * Started on first use, stopped when the whole run ends (JUnit root store).
 */
public final class SharedExecutionStage implements ParameterResolver {
    static final int CONCURRENT = 25;

    public static final class Stage {
        private final ExecutionCluster cluster;
        private final OperatorApi api;
        private final List<String> pool;
        private int next;

        Stage(ExecutionCluster cluster, OperatorApi api, List<String> pool) {
            this.cluster = cluster;
            this.api = api;
            this.pool = new ArrayList<>(pool);
        }

        public ExecutionCluster cluster() {
            return cluster;
        }

        public OperatorApi api() {
            return api;
        }

        /** {@code n} executable sources no other scenario of this stage uses. */
        public synchronized List<String> sources(int n) {
            if (next + n > pool.size()) {
                throw new IllegalStateException("the shared stage has " + (pool.size() - next) + " unused sources, " + n + " asked");
            }
            List<String> out = List.copyOf(pool.subList(next, next + n));
            next += n;
            return out;
        }
    }

    private record Resource(Stage stage) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            try {
                stage.api().close();
            } finally {
                stage.cluster().close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Stage.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedExecutionStage.class, k -> new Resource(start()), Resource.class).stage();
    }

    private static Stage start() {
        ExecutionCluster cluster = ExecutionCluster.create("execution-shared", true, 100);
        try {
            cluster.configure(CONCURRENT, true, Map.of());
            cluster.startScheduler();
            cluster.startWorker("worker-1");
            OperatorApi api = OperatorApi.start(cluster);
            return new Stage(cluster, api, cluster.executableSources(30, 6));
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }
}
