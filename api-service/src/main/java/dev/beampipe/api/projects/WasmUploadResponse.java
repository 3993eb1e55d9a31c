package dev.beampipe.api.projects;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** {@code POST /api/v2/project-configs/{id}/wasm}: the module's address. */
@Schema(requiredProperties = {"wasm_sha256", "project_config_id"})
public record WasmUploadResponse(String wasmSha256, UUID projectConfigId) {
}
