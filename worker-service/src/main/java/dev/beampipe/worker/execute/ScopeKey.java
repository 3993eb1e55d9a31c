package dev.beampipe.worker.execute;

/** One (source, SBID) cell of a dataset scope; ordered by source then SBID, byte order. */
public record ScopeKey(String sourceIdentifier, String sbid) implements Comparable<ScopeKey> {
    @Override
    public int compareTo(ScopeKey o) {
        int c = sourceIdentifier.compareTo(o.sourceIdentifier);
        return c != 0 ? c : sbid.compareTo(o.sbid);
    }

    @Override
    public String toString() {
        return "source '" + sourceIdentifier + "' SBID " + sbid;
    }
}
