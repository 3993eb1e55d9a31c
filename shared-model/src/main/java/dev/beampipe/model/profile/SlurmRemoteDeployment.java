package dev.beampipe.model.profile;

/** {@code kind: slurm_remote}: DALiuGE started through Slurm on a login node reached over SSH. */
public record SlurmRemoteDeployment(
        String loginNode,
        long sshPort,
        String remoteUser,
        String sshCredential,
        String account,
        String homeDir,
        String logDir,
        String execPrefix,
        String dlgRoot,
        String venv,
        String modules,
        String facility,
        long jobDurationMinutes,
        long numNodes,
        long numIslands,
        long verboseLevel,
        long maxThreads,
        boolean allNics,
        boolean zerorun,
        boolean sleepncopy,
        boolean checkWithSession,
        Boolean verifySsl,
        String slurmTemplate,
        Resources resources,
        ManagerTopology managerTopology,
        String containerRuntime,
        String environmentSetup) implements Deployment {
    public static final String KIND = "slurm_remote";

    @Override
    public String kind() {
        return KIND;
    }

    public long effectiveNodes() {
        return resources.nodes() != null ? resources.nodes() : numNodes;
    }

    public long effectiveIslands() {
        return managerTopology.islands() != null ? managerTopology.islands() : numIslands;
    }

    public long effectiveWallTimeMinutes() {
        return resources.wallTimeMinutes() != null ? resources.wallTimeMinutes() : jobDurationMinutes;
    }

    /** {@code resources}: all optional. */
    public record Resources(String partition, Long nodes, Long tasks, Long cpusPerTask, String memory,
                            Long wallTimeMinutes, String constraint, String qualityOfService) {
        public static final Resources EMPTY = new Resources(null, null, null, null, null, null, null, null);
    }

    /** {@code manager_topology}. */
    public record ManagerTopology(Long nodes, Long islands, boolean coHostDim) {
        public static final ManagerTopology EMPTY = new ManagerTopology(null, null, false);
    }
}
