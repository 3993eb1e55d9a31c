package dev.beampipe.cli.start;

import java.nio.file.Path;

/** A running child service: its process, its log file and its metrics port (the TAP simulator: its service port). */
public record ServiceProcess(Service service, Process process, Path log, int metricsPort) {

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }
}
