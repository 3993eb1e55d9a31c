package dev.beampipe.model.config.model;

/** {@code automation.discovery} (§2.11); boxed components are nullable (absent). */
public record DiscoveryAutomation(
        boolean enabled,
        long tickDiscoverySourceLimit,
        long batchSize,
        int staleAfterHours,
        long claimTtlMinutes,
        Long queueMaxDepth,
        Long tickDiscoveryBatchLimit,
        Long concurrentDiscoveryBatchLimit) {

    public static final DiscoveryAutomation DEFAULT = new DiscoveryAutomation(false, 200, 5, 24, 180, null, null, null);
}
