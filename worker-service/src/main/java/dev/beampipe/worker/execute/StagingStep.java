package dev.beampipe.worker.execute;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.ledger.state.FailureClass;
import dev.beampipe.worker.discovery.tap.CasdaCredentials;
import dev.beampipe.worker.staging.CasdaStaging;
import dev.beampipe.worker.staging.CasdaStagingException;
import dev.beampipe.worker.staging.CasdaStagingOutcome;
import dev.beampipe.worker.staging.CasdaStagingSettings;
import dev.beampipe.worker.staging.EvaluationArchive;
import dev.beampipe.worker.staging.StagingInputs;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The staging part of step 12 (40-backends §5.11, §7.1–§7.2):
 * <ul>
 *   <li>{@code do_stage=false}: the selected records pass through unchanged, no CASDA call;</li>
 *   <li>real backends: with CASDA credentials the CASDA stager runs whatever the archive; without them an archive
 *       named {@code casda} fails ({@code CASDA_USERNAME/CASDA_PASSWORD required for staging but not configured})
 *       and any other archive passes through;</li>
 *   <li>dry run (decision 14): nothing is sent; when CASDA staging would have run (credentials configured or
 *       archive {@code casda}), the inputs are validated as the stager would and each batch's DataLink and SODA
 *       calls are recorded as a {@code dry_run_request}; the records pass through.</li>
 * </ul>
 * The caller then requires the staged scope to equal the expected scope and no SBID to be skipped.
 */
public final class StagingStep {
    public static final String CASDA_ARCHIVE = "casda";
    public static final String NOT_CONFIGURED = "CASDA_USERNAME/CASDA_PASSWORD required for staging but not configured";

    public enum Mode { DISABLED, PASS_THROUGH, CASDA, DRY_RUN_CASDA }

    /** Staged (or passed-through) records and the SBIDs staging skipped. */
    public record Staged(Mode mode, List<ObjectNode> records, Set<String> skippedSbids) {
        public Staged {
            records = List.copyOf(records);
            skippedSbids = Set.copyOf(skippedSbids);
        }
    }

    private final Optional<CasdaCredentials> credentials;
    private final CasdaStagingSettings settings;

    public StagingStep(Optional<CasdaCredentials> credentials, CasdaStagingSettings settings) {
        this.credentials = credentials;
        this.settings = settings;
    }

    public static Mode mode(ExecuteOptions options, String archiveName, boolean credentialsConfigured) {
        if (!options.doStage()) {
            return Mode.DISABLED;
        }
        boolean casdaArchive = CASDA_ARCHIVE.equalsIgnoreCase(archiveName == null ? "" : archiveName.strip());
        if (options.dryRun()) {
            return credentialsConfigured || casdaArchive ? Mode.DRY_RUN_CASDA : Mode.PASS_THROUGH;
        }
        if (credentialsConfigured) {
            return Mode.CASDA;
        }
        if (casdaArchive) {
            throw new ExecuteFailure(FailureClass.CONFIGURATION, NOT_CONFIGURED);
        }
        return Mode.PASS_THROUGH;
    }

    public Mode mode(ExecuteOptions options, String archiveName) {
        return mode(options, archiveName, credentials.isPresent());
    }

    /** The stager the real-mode preflight logs in with; only for {@link Mode#CASDA}. */
    public CasdaStaging casda() {
        return new CasdaStaging(credentials.orElseThrow(() -> new ExecuteFailure(FailureClass.CONFIGURATION, NOT_CONFIGURED)),
                settings);
    }

    public Staged stage(Mode mode, List<ObjectNode> records, DryRunRecorder dryRun) throws InterruptedException {
        return switch (mode) {
            case DISABLED, PASS_THROUGH -> new Staged(mode, copies(records), Set.of());
            case DRY_RUN_CASDA -> {
                recordDryRun(records, dryRun);
                yield new Staged(mode, copies(records), Set.of());
            }
            case CASDA -> {
                try {
                    CasdaStagingOutcome outcome = casda().stage(records);
                    yield new Staged(mode, outcome.records(), Set.of());
                } catch (CasdaStagingException e) {
                    throw new ExecuteFailure(failureClass(e), e.getMessage(), e);
                }
            }
        };
    }

    /** Staged scope == expected scope, and nothing skipped (the reference's exact-coverage rule). */
    public static void requireExpected(DatasetScope expected, Staged staged) {
        if (!staged.skippedSbids().isEmpty()) {
            throw new ExecuteFailure(FailureClass.VALIDATION, "staging skipped selected SBIDs "
                    + staged.skippedSbids().stream().sorted().toList() + "; execution requires exact selected coverage");
        }
        try {
            PinnedScope.requireSame(expected, PinnedScope.ofRecords(staged.records()), "staged dataset scope");
        } catch (ScopeException e) {
            throw new ExecuteFailure(FailureClass.VALIDATION, e.getMessage(), e);
        }
    }

    /** One request per batch: the login probe, each DataLink GET, then the SODA job create and RUN. */
    private void recordDryRun(List<ObjectNode> records, DryRunRecorder dryRun) {
        Map<String, EvaluationArchive> evaluations;
        try {
            evaluations = StagingInputs.evaluationArchives(records);
        } catch (CasdaStagingException e) {
            throw new ExecuteFailure(FailureClass.VALIDATION, e.getMessage(), e);
        }
        Map<String, List<ObjectNode>> batches = StagingInputs.batches(records, settings.stageBySbid());
        for (Map.Entry<String, List<ObjectNode>> batch : batches.entrySet()) {
            List<String> urls = StagingInputs.accessUrls(batch.getValue());
            if (urls.isEmpty()) {
                throw new ExecuteFailure(FailureClass.VALIDATION, "no access_url in metadata for CASDA visibility staging");
            }
            dryRun.record("casda_staging", stagingRequest("visibilities", batch.getKey(), urls));
        }
        List<String> evaluationUrls = evaluations.values().stream().map(EvaluationArchive::accessUrl).distinct().toList();
        dryRun.record("casda_staging", stagingRequest("evaluation", "evaluation", evaluationUrls));
    }

    private JsonObject stagingRequest(String products, String batch, List<String> datalinkUrls) {
        JsonArray calls = new JsonArray()
                .add(new JsonObject().put("method", "GET").put("url", settings.loginUrl().toString())
                        .put("authorization", "basic").put("purpose", "login"));
        for (String url : datalinkUrls) {
            calls.add(new JsonObject().put("method", "GET").put("url", url).put("authorization", "basic")
                    .put("purpose", "datalink"));
        }
        calls.add(new JsonObject().put("method", "POST").put("url", "<async_service URL from the DataLink replies>")
                .put("query", "ID=<the DataLink async_service token of each product>").put("products", datalinkUrls.size())
                .put("authorization", "basic").put("purpose", "soda_create"));
        calls.add(new JsonObject().put("method", "POST").put("url", "<SODA job URL>/phase")
                .put("content_type", "application/x-www-form-urlencoded").put("body", "phase=RUN")
                .put("authorization", "basic").put("purpose", "soda_run"));
        return new JsonObject().put("schema", DryRunRecorder.SCHEMA).put("service", "casda").put("products", products)
                .put("batch", batch).put("calls", calls);
    }

    private static List<ObjectNode> copies(List<ObjectNode> records) {
        return records.stream().map(ObjectNode::deepCopy).toList();
    }

    private static FailureClass failureClass(CasdaStagingException e) {
        return switch (e.kind()) {
            case INVALID_INPUT, INCOMPLETE_RESULTS -> FailureClass.VALIDATION;
            case LOGIN_FAILED -> FailureClass.AUTHENTICATION;
            case PERMISSION_DENIED -> FailureClass.AUTHORIZATION;
            case POLL_BUDGET_EXHAUSTED -> FailureClass.TIMEOUT;
            default -> FailureClass.DEPENDENCY_UNAVAILABLE;
        };
    }
}
