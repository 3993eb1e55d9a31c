package dev.beampipe.model.discovery;

/**
 * The effective {@code automation.discovery} numbers of one project after the process fall-backs
 * (30-project-config §3.12): non-positive batch size / TTL / batch limit use the process defaults; a non-positive
 * source limit falls back to the batch size; the source budget is max(source limit, batch size).
 */
public record DiscoveryLimits(int batchSize, int sourceLimit, int batchLimit, int claimTtlMinutes,
                              int staleAfterHours, Integer queueMaxDepth, int concurrentBatchLimit) {
    public static final int DEFAULT_BATCH_SIZE = 50;
    public static final int DEFAULT_CLAIM_TTL_MINUTES = 180;
    public static final int DEFAULT_STALE_AFTER_HOURS = 24;
    public static final int DEFAULT_CONCURRENT_BATCH_LIMIT = 24;

    /** Null arguments mean "not set in the project config". */
    public static DiscoveryLimits resolve(Integer batchSize, Integer sourceLimit, Integer batchLimit,
                                          Integer claimTtlMinutes, Integer staleAfterHours, Integer queueMaxDepth,
                                          Integer concurrentBatchLimit, int processBatchLimit, Integer processQueueCap) {
        int batch = positive(batchSize) ? batchSize : DEFAULT_BATCH_SIZE;
        return new DiscoveryLimits(batch,
                positive(sourceLimit) ? sourceLimit : batch,
                positive(batchLimit) ? batchLimit : processBatchLimit,
                positive(claimTtlMinutes) ? claimTtlMinutes : DEFAULT_CLAIM_TTL_MINUTES,
                staleAfterHours != null ? staleAfterHours : DEFAULT_STALE_AFTER_HOURS,
                positive(queueMaxDepth) ? queueMaxDepth : processQueueCap,
                positive(concurrentBatchLimit) ? concurrentBatchLimit : DEFAULT_CONCURRENT_BATCH_LIMIT);
    }

    public int sourceBudget() {
        return Math.max(sourceLimit, batchSize);
    }

    private static boolean positive(Integer value) {
        return value != null && value > 0;
    }
}
