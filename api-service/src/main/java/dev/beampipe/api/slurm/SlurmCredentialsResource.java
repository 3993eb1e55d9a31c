package dev.beampipe.api.slurm;

import dev.beampipe.api.errors.ApiErrorResponse;
import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.model.slurm.CredentialSlots;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.HashMap;
import java.util.Map;

/**
 * Slurm SSH credential slots (20-api §2.5): names and file presence only. Key import and rotation stay in the
 * CLI; nothing here reads a private key or passphrase file.
 */
@Path("/api/v2/slurm/credentials")
@Tag(name = "slurm-credentials")
@Produces(MediaType.APPLICATION_JSON)
public class SlurmCredentialsResource {
    private final CredentialSlots slots;

    public SlurmCredentialsResource(Config config) {
        Map<String, String> env = new HashMap<>();
        config.getOptionalValue("BEAMPIPE_SSH_CREDENTIALS_DIR", String.class).ifPresent(v -> env.put("BEAMPIPE_SSH_CREDENTIALS_DIR", v));
        String home = System.getenv("HOME");
        if (home != null) {
            env.put("HOME", home);
        }
        this.slots = new CredentialSlots(CredentialSlots.root(env));
    }

    @GET
    @Operation(operationId = "list_slurm_credentials", summary = "List Slurm SSH credential slots",
            description = "Names and file presence for slots under BEAMPIPE_SSH_CREDENTIALS_DIR. Never returns key material.")
    @APIResponse(responseCode = "200", description = "Every slot, sorted by name",
            content = @Content(schema = @Schema(implementation = SlurmCredentialListResponse.class)))
    public SlurmCredentialListResponse list() {
        return new SlurmCredentialListResponse(slots.list().stream().map(SlurmCredentialSlot::of).toList());
    }

    @GET
    @Path("{slot}")
    @Operation(operationId = "get_slurm_credential", summary = "Get Slurm SSH credential slot",
            description = "File presence for one installed credential slot. 404 if the slot directory is not listed.")
    @APIResponse(responseCode = "200", description = "The slot",
            content = @Content(schema = @Schema(implementation = SlurmCredentialSlot.class)))
    @APIResponse(responseCode = "400", description = "Invalid slot name",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "404", description = "No such slot",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public SlurmCredentialSlot get(@Parameter(description = "Credential slot directory name") @PathParam("slot") String slot) {
        if (!CredentialSlots.validName(slot)) {
            throw ApiErrors.badRequest(CredentialSlots.INVALID_NAME);
        }
        return slots.get(slot).map(SlurmCredentialSlot::of).orElseThrow(ApiErrors::notFound);
    }
}
