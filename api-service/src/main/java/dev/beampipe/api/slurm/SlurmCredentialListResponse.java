package dev.beampipe.api.slurm;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(requiredProperties = "slots")
public record SlurmCredentialListResponse(List<SlurmCredentialSlot> slots) {
}
