package dev.beampipe.api.projects;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** {@code GET /api/v2/project-configs/{id}/wasm/{sha256}} without {@code download}: metadata only (no bytes_len). */
@Schema(requiredProperties = {"wasm_sha256", "project_config_id", "uploaded_at"})
public record WasmModuleInfo(String wasmSha256, UUID projectConfigId, Instant uploadedAt) {
}
