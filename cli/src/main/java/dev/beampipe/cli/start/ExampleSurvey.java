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
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local demo's sample survey: on a database with no project config at all, {@code beampipe start}
 * uploads the repository's example config ({@code config/examples/hipass_sample.v2.yaml}, with its graph)
 * and its default REST profile, so the stack starts with something to look at. An operator's own
 * database (any config present) is never touched.
 */
final class ExampleSurvey {
    private static final Logger LOG = Logger.getLogger(ExampleSurvey.class);
    static final String CONFIG = "config/examples/hipass_sample.v2.yaml";
    static final String PROFILE = "config/examples/deployment_profile.local-dim.json";

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
            if (db.sql().count("SELECT count(*) FROM project_configs") > 0) {
                return;
            }
            ParseResult parsed = ProjectConfigValidation.parse(Files.readAllBytes(config));
            if (!(parsed instanceof ParseResult.Parsed ok)) {
                LOG.warnf("the example config %s does not parse; nothing seeded", config);
                return;
            }
            ProjectConfig model = ok.config();
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
        } catch (IOException | dev.beampipe.model.config.yaml.YamlLoadException e) {
            LOG.warnf("could not read the example survey: %s", e.getMessage());
        }
    }
}
