package dev.beampipe.worker.maintenance;

/** The maintenance tick job kinds the scheduler keeps queued (recurring keys = kind names). */
public final class MaintenanceKinds {
    public static final String LEASE_RECOVERY = "lease_recovery_tick";
    public static final String LOST_WORKERS = "lost_worker_tick";
    public static final String RETENTION = "retention_tick";

    private MaintenanceKinds() {
    }
}
