package dev.beampipe.api.executions;

import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.config.binding.BindingException;
import dev.beampipe.model.config.binding.ConfigBinder;
import dev.beampipe.model.config.model.OutputVerification;
import dev.beampipe.model.config.model.ProjectConfig;
import dev.beampipe.model.config.revisions.ConfigRevision;
import dev.beampipe.model.config.revisions.ConfigRevisions;
import dev.beampipe.model.config.validation.ProjectConfigValidation;
import dev.beampipe.model.config.validation.SpecHasher;
import dev.beampipe.model.config.validation.ValidationReport;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.sources.SourceRegistry;
import dev.beampipe.model.ledger.ExecutionAdmission;
import dev.beampipe.model.ledger.ExecutionRequest;
import dev.beampipe.model.ledger.SourceSelection;
import dev.beampipe.model.profile.ProfileStore;
import dev.beampipe.model.profile.ProfileValidator;
import dev.beampipe.model.profile.StoredProfile;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Admission for prepare and create (20-api §2.4): the request's shape, the active project config, the deployment
 * profile, the selected SBIDs and per-source readiness. Read-only; errors accumulate in rule order.
 */
@ApplicationScoped
public class Admissions {
    private final Database db;
    private final SourceRegistry sources;
    private final ConfigRevisions revisions;
    private final ProfileStore profiles;

    public Admissions(Database db) {
        this.db = db;
        this.sources = new SourceRegistry(db);
        this.revisions = new ConfigRevisions(db);
        this.profiles = new ProfileStore(db, StableJson::sha256);
    }

    /** What admission decided; {@code revision}, {@code config} and {@code profile} are null when not resolved. */
    public record Verdict(ExecutionRequest request, List<String> errors, List<SourcePreview> previews,
                          ConfigRevision revision, ProjectConfig config, StoredProfile profile) {
        public boolean valid() {
            return errors.isEmpty();
        }

        public long totalDatasets() {
            return previews.stream().mapToLong(SourcePreview::datasetCount).sum();
        }

        public OutputVerification outputPolicy() {
            return config == null ? OutputVerification.DEFAULT : config.outputVerification();
        }
    }

    public Verdict check(ExecutionRequest request) {
        ExecutionRequest r = request.trimmed();
        List<String> errors = new ArrayList<>(ExecutionAdmission.requestErrors(r));
        ConfigRevision revision = null;
        ProjectConfig config = null;
        if (!r.projectModule().isBlank()) {
            revision = revisions.active(r.projectModule()).orElse(null);
            config = config(r, revision, errors);
        }
        StoredProfile profile = r.projectModule().isBlank() ? null : profile(r, errors);
        List<SourcePreview> previews = new ArrayList<>();
        if (!r.projectModule().isBlank()) {
            for (SourceSelection s : r.sources()) {
                if (s.sourceIdentifier() == null || s.sourceIdentifier().isBlank()) {
                    continue;
                }
                SourceReadinessCheck.Result result = SourceReadinessCheck.check(sources, db.sql(), r.projectModule(), s);
                previews.add(result.preview());
                if (!result.missingSbids().isEmpty()) {
                    errors.add("source '" + s.sourceIdentifier() + "': SBIDs not found in archive metadata: "
                            + SourceReadinessCheck.pyList(result.missingSbids()));
                }
                if (result.error() != null) {
                    errors.add(result.error());
                }
            }
        }
        return new Verdict(r, List.copyOf(errors), List.copyOf(previews), revision, config, profile);
    }

    private static ProjectConfig config(ExecutionRequest r, ConfigRevision revision, List<String> errors) {
        String m = r.projectModule();
        if (revision == null) {
            errors.add("project '" + m + "' has no active project config");
            return null;
        }
        ProjectConfig config;
        try {
            config = ConfigBinder.bind(revision.spec());
        } catch (BindingException e) {
            errors.add("active project config for '" + m + "' does not parse: " + e.getMessage());
            return null;
        }
        ValidationReport report = ProjectConfigValidation.validate(config, SpecHasher.canonical(), null);
        if (!report.valid()) {
            errors.add("active project config for '" + m + "' is invalid: "
                    + String.join("; ", report.errors().stream().map(d -> d.path() + ": " + d.message()).toList()));
            return null;
        }
        errors.addAll(ExecutionAdmission.configErrors(config, r));
        String schema = config.outputVerification().inventorySchema();
        if (!OutputVerification.INVENTORY_SCHEMA_V1.equals(schema)) {
            errors.add("unsupported output inventory schema '" + schema + "'");
        }
        return config;
    }

    private StoredProfile profile(ExecutionRequest r, List<String> errors) {
        if (r.deploymentProfileId() != null && r.deploymentProfileName() != null) {
            return null;
        }
        Optional<StoredProfile> found;
        if (r.deploymentProfileId() != null) {
            found = profiles.get(r.deploymentProfileId());
            if (found.isEmpty()) {
                errors.add("deployment profile '" + r.deploymentProfileId() + "' does not exist");
            }
        } else if (r.deploymentProfileName() != null) {
            found = profiles.byName(r.deploymentProfileName());
            if (found.isEmpty()) {
                errors.add("deployment profile '" + r.deploymentProfileName() + "' does not exist");
            }
        } else {
            found = profiles.defaultFor(r.projectModule());
            if (found.isEmpty()) {
                errors.add("project '" + r.projectModule() + "' has no default deployment profile; select one explicitly");
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        StoredProfile p = found.get();
        String owner = p.profile().projectModule();
        if (owner != null && !owner.equals(r.projectModule())) {
            errors.add("deployment profile '" + p.profile().name() + "' belongs to project '" + owner + "'");
        }
        ProfileValidator.validate(p.profile()).ifPresent(e -> errors.add("deployment profile '" + p.profile().name() + "': " + e));
        return p;
    }
}
