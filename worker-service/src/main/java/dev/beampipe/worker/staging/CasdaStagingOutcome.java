package dev.beampipe.worker.staging;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * What staging produced: copies of the input records with {@code staged_url}, {@code checksum_url},
 * {@code evaluation_file_url} and {@code evaluation_file_checksum_url} set, the staged URLs per dataset name and
 * the evaluation archive URLs per SBID. The URLs are often pre-signed: {@link #toString()} shows counts only.
 */
public record CasdaStagingOutcome(List<ObjectNode> records, Map<String, String> stagedUrlsByDataset,
                                  Map<String, String> checksumUrlsByDataset, Map<String, String> evaluationUrlsBySbid,
                                  Map<String, String> evaluationChecksumUrlsBySbid, int jobs) {

    public CasdaStagingOutcome {
        records = List.copyOf(records);
        stagedUrlsByDataset = Map.copyOf(stagedUrlsByDataset);
        checksumUrlsByDataset = Map.copyOf(checksumUrlsByDataset);
        evaluationUrlsBySbid = Map.copyOf(evaluationUrlsBySbid);
        evaluationChecksumUrlsBySbid = Map.copyOf(evaluationChecksumUrlsBySbid);
    }

    public static CasdaStagingOutcome empty() {
        return new CasdaStagingOutcome(List.of(), Map.of(), Map.of(), Map.of(), Map.of(), 0);
    }

    public int stagedCount() {
        return records.size();
    }

    @Override
    public String toString() {
        return "CasdaStagingOutcome[staged=" + records.size() + ", sbids=" + evaluationUrlsBySbid.keySet()
                + ", jobs=" + jobs + ", urls=[REDACTED]]";
    }
}
