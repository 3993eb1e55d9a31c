package dev.beampipe.cli.start;

import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.config.graph.GraphCheck;
import dev.beampipe.model.config.graph.GraphSource;
import dev.beampipe.model.config.model.ModelTree;
import dev.beampipe.model.config.model.ProjectConfig;
import dev.beampipe.model.config.revisions.ConfigRevision;
import dev.beampipe.model.config.revisions.ConfigRevisions;
import dev.beampipe.model.config.validation.ParseResult;
import dev.beampipe.model.config.validation.ProjectConfigValidation;
import dev.beampipe.model.config.validation.SpecHasher;
import dev.beampipe.model.config.validation.ValidationReport;
import dev.beampipe.model.config.yaml.YamlTreeLoader;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.DatabaseUrl;
import dev.beampipe.model.profile.ProfileBinder;
import dev.beampipe.model.profile.ProfileStore;
import dev.beampipe.model.sources.NewSource;
import dev.beampipe.model.sources.SourceRegistry;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The local demo's sample survey: on a database with no project config at all, {@code beampipe start}
 * uploads the repository's example config ({@code config/examples/hipass_sample.v2.yaml}, with its graph)
 * and its default REST profile, so the stack starts with something to look at. Then, when no source is
 * registered anywhere and the example project's config is active, it registers {@link #SAMPLE_SOURCES}
 * (enabled), which discovery finds in the simulated archives. An operator's own database (any config or any
 * source present) is never touched.
 */
final class ExampleSurvey {
    private static final Logger LOG = Logger.getLogger(ExampleSurvey.class);
    static final String CONFIG = "config/examples/hipass_sample.v2.yaml";
    static final String PROFILE = "config/examples/deployment_profile.local-dim.json";
    /**
     * HIPASS names the TAP simulator answers for: mostly one or two SBIDs with a HICAT row; HIPASSJ1337-29 is
     * missing from HICAT (its discovery flag fails), HIPASSJ1313-15 has no visibilities at all, and HIPASSJ1242-05's
     * SBID has no calibration archive (its discovery ends with an error, so it is never admitted).
     */
    static final String NO_CALIBRATION_SOURCE = "HIPASSJ1242-05";
    static final List<String> SAMPLE_SOURCES = List.of(
            "HIPASSJ0944-21", "HIPASSJ1036-27", "HIPASSJ1242-05", "HIPASSJ1303-17", "HIPASSJ1313-15", "HIPASSJ1318-21",
            "HIPASSJ1321-31", "HIPASSJ1337-29", "HIPASSJ1339-31", "HIPASSJ1621-60", "HIPASSJ1636-62", "HIPASSJ1642-59");

    private final Path appRoot;

    ExampleSurvey(Path appRoot) {
        this.appRoot = appRoot;
    }

    void seedIfEmpty(DatabaseUrl url) {
        Path config = appRoot.resolve(CONFIG);
        Path profile = appRoot.resolve(PROFILE);
        if (!Files.isRegularFile(config) || !Files.isRegularFile(profile)) {
            LOG.debugf("no example survey under %s; nothing seeded", appRoot);
            return;
        }
        try (Database db = Database.open(url, 2)) {
            ParseResult parsed = ProjectConfigValidation.parse(Files.readAllBytes(config));
            if (!(parsed instanceof ParseResult.Parsed ok)) {
                LOG.warnf("the example config %s does not parse; nothing seeded", config);
                return;
            }
            ProjectConfig model = ok.config();
            if (db.sql().count("SELECT count(*) FROM project_configs") == 0) {
                ValidationReport report = ProjectConfigValidation.validate(model, SpecHasher.canonical(), null);
                GraphCheck graph = GraphCheck.of(model.graph(), new GraphSource(appRoot));
                if (!report.valid() || graph.error().isPresent()) {
                    LOG.warnf("the example config %s is not valid; nothing seeded", config);
                    return;
                }
                ConfigRevision revision = new ConfigRevisions(db).upload(model.metadata().id(), ModelTree.toJson(model),
                        report.specSha256(), "system:start", graph.graph());
                ProfileStore profiles = new ProfileStore(db, StableJson::sha256);
                var example = ProfileBinder.bind(YamlTreeLoader.load(Files.readAllBytes(profile)));
                if (profiles.byName(example.name()).isEmpty()) {
                    profiles.create(example);
                }
                LOG.infof("seeded the example survey '%s' (version %d) and profile '%s' into the empty database",
                        revision.projectId(), revision.version(), example.name());
            }
            seedSources(db, model.metadata().id());
        } catch (IOException | dev.beampipe.model.config.yaml.YamlLoadException e) {
            LOG.warnf("could not read the example survey: %s", e.getMessage());
        }
    }

    /** Registers the sample sources (enabled) when no source exists at all and the example project is active. */
    private static void seedSources(Database db, String projectId) {
        if (db.sql().count("SELECT count(*) FROM source_registry") > 0
                || db.sql().count("SELECT count(*) FROM project_configs WHERE project_id = $1 AND active", projectId) == 0) {
            return;
        }
        new SourceRegistry(db).registerAll(SAMPLE_SOURCES.stream().map(id -> new NewSource(projectId, id, true)).toList());
        LOG.infof("registered %d sample sources in '%s' (enabled); discovery picks them up on its next tick",
                SAMPLE_SOURCES.size(), projectId);
    }
}
