package dev.beampipe.worker.execute;

import com.fasterxml.jackson.databind.node.ArrayNode;

import java.time.Instant;
import java.util.List;

/** A deployed DALiuGE session: what the REST receipt records (40-backends §3.8, §6.5). */
public record DimSubmitted(String sessionId, ArrayNode physicalGraph, List<String> roots, String dimRestBase,
                           boolean verifySsl, Instant deployedAt, String sessionStatusUrl, String graphStatusUrl)
        implements Submitted {
    public DimSubmitted {
        physicalGraph = physicalGraph.deepCopy();
        roots = List.copyOf(roots);
    }
}
