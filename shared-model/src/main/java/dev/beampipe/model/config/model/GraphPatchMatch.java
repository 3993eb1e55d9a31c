package dev.beampipe.model.config.model;

/** {@code graph_patches[].match}: {@code kind} defaults to {@link MatchKind#UNKNOWN}, {@code equals} to {@code ""}. */
public record GraphPatchMatch(MatchKind kind, String equals) {

    public static final GraphPatchMatch DEFAULT = new GraphPatchMatch(MatchKind.UNKNOWN, "");

    public enum MatchKind {
        NODE_NAME, UNKNOWN;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
