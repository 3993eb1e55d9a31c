package dev.beampipe.worker.execute;

import com.fasterxml.jackson.databind.node.ArrayNode;

import java.time.Instant;

/**
 * A submitted Slurm batch job: what the Slurm receipt and the run record's {@code slurm} section record
 * (40-backends §4.6, 10-state §5.4). {@code physicalGraph} is the wrapped template {@code [<sid>.pgt.graph, pgt]}
 * exactly as uploaded.
 */
public record SlurmSubmitted(String sessionId, ArrayNode physicalGraph, String jobId, String sessionDir,
                             String stagingRoot, String compositeId, Instant submittedAt, String loginNode,
                             String remoteUser, String jobScriptPath) implements Submitted {
    public SlurmSubmitted {
        physicalGraph = physicalGraph.deepCopy();
    }
}
