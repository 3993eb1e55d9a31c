package dev.beampipe.model.profile;

/**
 * {@code kind: rest_remote}: a DALiuGE Data Island Manager over REST. Ports are null when the key was
 * given as JSON null (a missing key defaults to 8001).
 */
public record RestRemoteDeployment(String dimHostForTm, Long dimPortForTm, String deployHost, Long deployPort,
                                   boolean useHttps, boolean verifySsl) implements Deployment {
    public static final String KIND = "rest_remote";
    public static final long DEFAULT_DIM_PORT = 8001;

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * The worker's DIM base URL. The reference omits {@code :80} whatever the scheme; we omit only the
     * scheme's default port, and a null port falls back to the real DIM default 8001 (docs/differences.md).
     */
    public String dimRestBase() {
        String scheme = useHttps ? "https" : "http";
        long port = deployPort == null ? DEFAULT_DIM_PORT : deployPort;
        boolean defaultPort = (useHttps && port == 443) || (!useHttps && port == 80);
        return scheme + "://" + deployHost + (defaultPort ? "" : ":" + port);
    }

    /** The DIM address as the Translator Manager must reach it (sent to {@code /map}). */
    public String tmDimHost() {
        return dimHostForTm == null || dimHostForTm.isBlank() ? "localhost" : dimHostForTm;
    }

    public long tmDimPort() {
        return dimPortForTm == null ? DEFAULT_DIM_PORT : dimPortForTm;
    }
}
