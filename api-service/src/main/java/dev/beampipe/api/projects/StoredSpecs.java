package dev.beampipe.api.projects;

import dev.beampipe.model.config.binding.BindingException;
import dev.beampipe.model.config.binding.ConfigBinder;
import dev.beampipe.model.config.revisions.ConfigRevision;
import dev.beampipe.model.config.validation.ProjectConfigValidation;
import dev.beampipe.model.config.validation.SpecHasher;
import dev.beampipe.model.config.validation.ValidationReport;


/** Stored specs re-bound with the current binder and re-validated with the current validator (30-project-config §6). */
final class StoredSpecs {
    private StoredSpecs() {
    }

    /** The contract report of one stored revision; throws {@link BindingException} when it no longer binds. */
    static ValidationReport contract(ConfigRevision revision) throws BindingException {
        return ProjectConfigValidation.validate(ConfigBinder.bind(revision.spec()), SpecHasher.canonical(), null);
    }
}
