package dev.beampipe.api.scheduler;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.api.daliuge.OperatorProfiles;
import dev.beampipe.api.errors.ApiErrorResponse;
import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.profile.ProfileStore;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.profile.SlurmResourceRequest;
import dev.beampipe.model.profile.StoredProfile;
import dev.beampipe.model.slurm.ssh.SshCredentialResolver;
import dev.beampipe.model.slurm.ssh.SshCredentials;
import dev.beampipe.model.slurm.ssh.SshFailure;
import dev.beampipe.model.slurm.ssh.SshTarget;
import org.eclipse.microprofile.config.Config;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/** The Slurm side (20-api §2.8): a live, authenticated connectivity test of a profile's login node, and the Slurm executions. */
@Path("/api/v2/scheduler")
@Tag(name = "scheduler")
@Produces(MediaType.APPLICATION_JSON)
public class SchedulerResource {
    static final String NO_PROFILE = "a SLURM deployment profile is required; pass ?profile=<name>";

    private final Database db;
    private final OperatorProfiles profiles;
    private final LoginNodeStatus loginNode;
    private final Map<String, String> env;

    public SchedulerResource(Database db, LoginNodeStatus loginNode, Config config) {
        this.db = db;
        this.loginNode = loginNode;
        this.env = SlurmEnvironment.from(config);
        this.profiles = new OperatorProfiles(new ProfileStore(db, StableJson::sha256));
    }

    @GET
    @Path("status")
    @Operation(operationId = "scheduler_status", summary = "Slurm scheduler status",
            description = "Log in to the profile's login node with its credential slot (strict known_hosts, 10 s bound), "
                    + "check the Slurm commands, read the remote user's queue and the partitions' capacity, and show the "
                    + "Slurm resource request the profile renders.")
    @APIResponse(responseCode = "200", description = "The login node accepted the key and has the Slurm commands",
            content = @Content(schema = @Schema(implementation = SchedulerStatusResponse.class)))
    @APIResponse(responseCode = "400", description = "No profile resolved, or the profile is not slurm_remote",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "404", description = "The named profile does not exist",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "502", description = "SSH or Slurm failure: scheduler.connectivity, timeout, hostverification, authentication, configuration, command, invalidresponse",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public SchedulerStatusResponse status(@QueryParam("profile") String profile) {
        StoredProfile stored = profiles.resolve(profile).orElseThrow(() -> ApiErrors.badRequest(NO_PROFILE));
        if (!(stored.profile().deployment() instanceof SlurmRemoteDeployment slurm)) {
            throw ApiErrors.badRequest("deployment profile '" + stored.profile().name() + "' is not slurm_remote");
        }
        SlurmResourceRequest request = SlurmResourceRequest.of(slurm);
        SshTarget target;
        SshCredentials credentials;
        try {
            target = SshTarget.of(slurm, env);
            credentials = new SshCredentialResolver(env).resolve(slurm.sshCredential());
        } catch (IllegalArgumentException e) {
            throw SchedulerErrors.of("configuration", e.getMessage());
        } catch (SshFailure e) {
            throw SchedulerErrors.of(e);
        }
        long started = System.nanoTime();
        ObjectNode status = loginNode.status(target, credentials);
        ObjectNode connectivity = JsonNodeFactory.instance.objectNode();
        connectivity.put("login_node", target.host());
        connectivity.put("ssh_port", target.port());
        connectivity.put("remote_user", target.user());
        connectivity.put("ssh_credential", target.credentialSlot());
        connectivity.put("reachable", true);
        connectivity.put("authenticated", true);
        connectivity.put("latency_ms", (System.nanoTime() - started) / 1_000_000);
        connectivity.setAll(status);
        return new SchedulerStatusResponse(stored.profile().name(), connectivity, request.toJson(),
                String.join("\n", request.sbatchDirectives()));
    }

    @GET
    @Path("jobs")
    @Operation(operationId = "scheduler_jobs", summary = "Slurm executions",
            description = "Executions submitted through Slurm, newest first (limit 1..500, default 100; offset).")
    @APIResponse(responseCode = "200", description = "The executions",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = SchedulerJobRead.class)))
    public List<SchedulerJobRead> jobs(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        return SchedulerJobs.list(db.sql(), limit, offset);
    }
}
