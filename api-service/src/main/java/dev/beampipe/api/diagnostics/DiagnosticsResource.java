package dev.beampipe.api.diagnostics;

import dev.beampipe.model.daliuge.DaliugeEndpoints;
import dev.beampipe.model.daliuge.OperatorInspection;
import dev.beampipe.api.daliuge.OperatorProfiles;
import dev.beampipe.api.scheduler.LoginNodeStatus;
import dev.beampipe.api.scheduler.SlurmEnvironment;
import dev.beampipe.api.service.ApiBeans;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.profile.ProfileStore;
import dev.beampipe.model.profile.StoredProfile;
import dev.beampipe.model.settings.Settings;
import dev.beampipe.model.tap.TapHealth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.Optional;

/** Operator diagnostics (20-api §2.1): always 200; {@code healthy=false} when any check reports an error. */
@Path("/api/v2/diagnostics")
@Tag(name = "health")
@Produces(MediaType.APPLICATION_JSON)
public class DiagnosticsResource {
    private final DiagnosticChecks checks;
    private final OperatorProfiles profiles;
    private final Config config;
    private final int staleAfterSeconds;

    public DiagnosticsResource(Database db, TapHealth tap, LoginNodeStatus loginNode, Config config, Settings settings) {
        this.checks = new DiagnosticChecks(db, tap, new OperatorInspection(), loginNode, SlurmEnvironment.from(config));
        this.profiles = new OperatorProfiles(new ProfileStore(db, StableJson::sha256));
        this.config = config;
        this.staleAfterSeconds = settings.worker().staleAfterSeconds();
    }

    @GET
    @Operation(operationId = "diagnostics", summary = "Operator diagnostics",
            description = "Database, migrations, security settings, archives, reconciliation risk, stale workers, the scheduler "
                    + "leader, DALiuGE managers and, for a Slurm profile, a logged-in test of its login node (10 s). Always 200.")
    @APIResponse(responseCode = "200", description = "Every finding; healthy is false when one is an error",
            content = @Content(schema = @Schema(implementation = DiagnosticsResponse.class)))
    public DiagnosticsResponse diagnostics(@QueryParam("profile") String profile) {
        Optional<StoredProfile> stored = resolve(profile);
        DaliugeEndpoints endpoints = DaliugeEndpoints.of(stored, setting("BEAMPIPE_TM_URL"), setting("BEAMPIPE_DIM_URL"));
        var inputs = new DiagnosticChecks.Inputs(ApiBeans.securityEnvironment(config), staleAfterSeconds, stored, endpoints);
        return DiagnosticsResponse.of(checks.run(inputs), Instant.now());
    }

    /** An unknown profile name is ignored; an unreachable database means no profile. */
    private Optional<StoredProfile> resolve(String profile) {
        try {
            return profiles.resolveLeniently(profile);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private String setting(String name) {
        return config.getOptionalValue(name, String.class).orElse(null);
    }
}
