package dev.beampipe.model.config.wasm;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A module stored for one config revision; {@code bytes} is null when only the metadata was read. */
public record StoredWasm(UUID projectConfigId, String wasmSha256, OffsetDateTime uploadedAt, byte[] bytes) {
}
