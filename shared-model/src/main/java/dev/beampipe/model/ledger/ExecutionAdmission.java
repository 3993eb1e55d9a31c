package dev.beampipe.model.ledger;

import dev.beampipe.model.config.model.ProjectConfig;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The pure admission rules of 20-api §2.4 (the ones that need no database): the request's own shape and the
 * checks against the active project config. Errors are accumulated as human strings, in rule order; the caller
 * joins them with "; " for the 400 of create, or returns them as-is from prepare.
 */
public final class ExecutionAdmission {
    private ExecutionAdmission() {
    }

    /** Shape rules on a {@link ExecutionRequest#trimmed() trimmed} request. */
    public static List<String> requestErrors(ExecutionRequest r) {
        List<String> errors = new ArrayList<>();
        if (blank(r.projectModule())) {
            errors.add("project_module must not be empty");
        }
        if (blank(r.archiveName())) {
            errors.add("archive_name must not be empty");
        }
        if (r.sources().isEmpty()) {
            errors.add("at least one source must be selected");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < r.sources().size(); i++) {
            SourceSelection s = r.sources().get(i);
            if (blank(s.sourceIdentifier())) {
                errors.add("sources[" + i + "].source_identifier must not be empty");
                continue;
            }
            if (!seen.add(s.sourceIdentifier())) {
                errors.add("source '" + s.sourceIdentifier() + "' is selected more than once");
            }
            errors.addAll(sbidErrors(s));
        }
        if (r.deploymentProfileId() != null && r.deploymentProfileName() != null) {
            errors.add("select either deployment_profile_id or deployment_profile_name, not both");
        }
        return errors;
    }

    static List<String> sbidErrors(SourceSelection s) {
        List<String> errors = new ArrayList<>();
        if (s.sbids() == null) {
            return errors;
        }
        String sid = s.sourceIdentifier();
        if (s.sbids().isEmpty()) {
            errors.add("source '" + sid + "': sbids must not be empty when present");
        }
        Set<String> seen = new HashSet<>();
        for (String sbid : s.sbids()) {
            if (blank(sbid)) {
                errors.add("source '" + sid + "': sbids must not contain blank entries");
            } else if (!seen.add(sbid)) {
                errors.add("source '" + sid + "': sbid '" + sbid + "' is selected more than once");
            }
        }
        return errors;
    }

    /** Rules against the active, valid project config of {@code r.projectModule()}. */
    public static List<String> configErrors(ProjectConfig config, ExecutionRequest r) {
        List<String> errors = new ArrayList<>();
        String id = config.metadata() == null ? null : config.metadata().id();
        if (!r.projectModule().equals(id)) {
            errors.add("active project config metadata.id '" + id + "' does not match project_module '" + r.projectModule() + "'");
        }
        List<String> required = config.adapters().required();
        if (!blank(r.archiveName()) && !required.contains(r.archiveName())) {
            errors.add("archive '" + r.archiveName() + "' is not one of the project's required adapters " + required);
        }
        long max = config.automation().execution() == null ? 0 : config.automation().execution().maxSourcesPerExecution();
        if (max > 0 && r.sources().size() > max) {
            errors.add("too many sources selected (" + r.sources().size() + " > max_sources_per_execution " + max + ")");
        }
        return errors;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
