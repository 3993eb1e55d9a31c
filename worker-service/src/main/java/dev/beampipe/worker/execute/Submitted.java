package dev.beampipe.worker.execute;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * What a backend submission produced for the receipt (10-state §5.5): a deployed DALiuGE session
 * ({@link DimSubmitted}) or a submitted Slurm batch job ({@link SlurmSubmitted}).
 */
public sealed interface Submitted permits DimSubmitted, SlurmSubmitted {
    String sessionId();

    /** The physical graph the receipt stores: the mapped drops (REST) or {@code [<sid>.pgt.graph, pgt]} (Slurm). */
    ArrayNode physicalGraph();
}
