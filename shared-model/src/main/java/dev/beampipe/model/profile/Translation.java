package dev.beampipe.model.profile;

/** {@code translation} (DaliugeTranslationConfig): how the Translator Manager partitions the graph. */
public record Translation(String algo, long numPar, long numIslands, String tmUrl) {
    public static final java.util.List<String> ALGORITHMS = java.util.List.of("metis", "mysarkar");

    /** {@code num_partitions} sent to the TM: max(num_par, 1). */
    public long numPartitions() {
        return Math.max(numPar, 1);
    }

    /** Islands sent to both TM calls: max(num_islands, 1) (0 means 1). */
    public long islandsForTm() {
        return Math.max(numIslands, 1);
    }
}
