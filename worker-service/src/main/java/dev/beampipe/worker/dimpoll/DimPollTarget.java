package dev.beampipe.worker.dimpoll;

import java.util.UUID;

/**
 * One execution to poll: its session, the DIM it was submitted to ({@code daliuge_manager_url} persisted at intent,
 * else the pinned profile's REST base) with the profile's TLS flag, and the polling policy of its pinned project
 * config (else the project's active one). {@code terminalWhenRead} is a hint from the unlocked read (the ledger
 * re-checks under the row lock). {@code backendMode} is the recorded {@code beampipe_run_record.backend_mode}
 * ({@code dry_run}/{@code real}), null on rows written before it was recorded.
 */
public record DimPollTarget(UUID executionId, String sessionId, String endpoint, boolean verifySsl, int maxRounds,
                            Long intervalSeconds, boolean terminalWhenRead, String backendMode) {
    public static final int DEFAULT_MAX_ROUNDS = 240;
}
