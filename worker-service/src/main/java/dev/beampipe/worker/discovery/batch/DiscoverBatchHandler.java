package dev.beampipe.worker.discovery.batch;

import dev.beampipe.model.config.binding.BindingException;
import dev.beampipe.model.config.binding.ConfigBinder;
import dev.beampipe.model.config.model.ProjectConfig;
import dev.beampipe.model.config.revisions.ConfigRevision;
import dev.beampipe.model.config.revisions.ConfigRevisions;
import dev.beampipe.model.config.signature.SignatureOptions;
import dev.beampipe.model.discovery.DiscoveryBatches;
import dev.beampipe.model.discovery.persist.BatchReport;
import dev.beampipe.model.discovery.persist.DiscoveryPersistence;
import dev.beampipe.model.discovery.persist.SourceResult;
import dev.beampipe.model.discovery.pipeline.SourceDiscovery;
import dev.beampipe.model.discovery.pipeline.SourceOutcome;
import dev.beampipe.model.settings.EnvValues;
import dev.beampipe.worker.discovery.tap.TapClient;
import dev.beampipe.worker.discovery.tap.TapSettings;
import dev.beampipe.worker.runtime.JobContext;
import dev.beampipe.worker.runtime.JobHandler;
import dev.beampipe.worker.runtime.JobResult;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code discover_batch} (10-state-and-jobs §4.2): the claimed sources of one project are discovered against
 * TAP with the active config (at most {@code BEAMPIPE_DISCOVERY_SOURCE_CONCURRENCY} in flight), then persisted
 * source by source, each write fenced by the batch's claim token. The TAP calls are not fenced (as in the
 * reference); the lease is checked before persisting so a worker that lost its job does not write twice.
 */
public final class DiscoverBatchHandler implements JobHandler {
    private static final Logger LOG = Logger.getLogger(DiscoverBatchHandler.class);

    private final ConfigRevisions revisions;
    private final DiscoveryPersistence persistence;
    private final ParallelDiscovery parallel;
    private final EnvValues env;
    private final DiscoveryMetrics metrics;
    /** One TAP client (one JDK HttpClient and its selector thread) per distinct timeout/retries, for the worker's life. */
    private final Map<TapSettings, TapClient> tapClients = new ConcurrentHashMap<>();

    public DiscoverBatchHandler(ConfigRevisions revisions, DiscoveryPersistence persistence, int sourceConcurrency,
                                EnvValues env, DiscoveryMetrics metrics) {
        this.revisions = revisions;
        this.persistence = persistence;
        this.parallel = new ParallelDiscovery(sourceConcurrency);
        this.env = env;
        this.metrics = metrics;
    }

    /** {@code BEAMPIPE_DISCOVERY_SOURCE_CONCURRENCY}: default 5, at least 1. */
    public static int sourceConcurrency(EnvValues env) {
        return (int) Math.max(1, Math.min(64, env.integer("BEAMPIPE_DISCOVERY_SOURCE_CONCURRENCY", 5)));
    }

    @Override
    public String kind() {
        return DiscoveryBatches.KIND;
    }

    @Override
    public JobResult handle(JobContext context) throws Exception {
        long started = System.nanoTime();
        DiscoverBatchPayload batch = DiscoverBatchPayload.parse(context.job().payload());
        String module = batch.projectModule();
        Optional<ProjectConfig> config = activeConfig(module);
        List<SourceResult> results;
        SignatureOptions options;
        if (config.isEmpty()) {
            String message = "no active project config for project " + module;
            results = batch.sourceIdentifiers().stream()
                    .map(id -> new SourceResult(id, new SourceOutcome.Failed(false, message), 0)).toList();
            options = SignatureOptions.ABSENT;
        } else {
            ProjectConfig project = config.get();
            TapClient client = tapClients.computeIfAbsent(TapSettings.of(project.adapters().tap()),
                    settings -> new TapClient(settings, Optional.empty()));
            TapArchiveQueries tap = new TapArchiveQueries(client, TapEndpoints.resolve(project.adapters(), env), metrics);
            results = parallel.run(new SourceDiscovery(project), batch.sourceIdentifiers(), tap);
            options = SignatureOptions.of(project.discovery().prepareMetadata());
        }
        context.checkLease();
        BatchReport report = persistence.persist(module, batch.claimToken(), results, options);
        results.forEach(r -> metrics.duration(module, r.durationMs() * 1_000_000));
        metrics.duration(module, System.nanoTime() - started);
        metrics.sources(module, report);
        String outcome = config.isEmpty() ? "no_config" : DiscoveryMetrics.batchOutcome(report);
        metrics.batch(module, outcome);
        LOG.infof("event=discover_batch_done project=%s outcome=%s sources=%d changed=%d unchanged=%d no_datasets=%d "
                        + "errors=%d timeouts=%d invalid=%d claim_lost=%d sbids=%d datasets=%d",
                module, outcome, report.totalSources(), report.changedCount(), report.unchangedCount(),
                report.noDatasetsCount(), report.errorCount(), report.timeoutCount(), report.invalidRecordCount(),
                report.missingRegistryCount(), report.totalSbids(), report.totalDatasets());
        return JobResult.done();
    }

    private Optional<ProjectConfig> activeConfig(String module) {
        Optional<ConfigRevision> active = revisions.active(module);
        if (active.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ConfigBinder.bind(active.get().spec()));
        } catch (BindingException | RuntimeException e) {
            // a stored revision that no longer binds is an operator problem: the sources fail visibly
            LOG.errorf("event=discovery_config_unreadable project=%s version=%d error=%s", module,
                    active.get().version(), e.getMessage());
            return Optional.empty();
        }
    }
}
