package dev.beampipe.api.scheduler;

import dev.beampipe.api.errors.ApiException;
import dev.beampipe.api.errors.Failure;
import dev.beampipe.api.errors.FailureClass;
import dev.beampipe.api.errors.RetryDisposition;

/** The reference's Slurm adapter errors: 502 {@code scheduler.<kind>}, component {@code slurm} (20-api §1.4). */
final class SchedulerErrors {
    private SchedulerErrors() {
    }

    static ApiException of(SshProbe.Failure failure) {
        boolean retryable = !failure.kind().equals("invalidresponse");
        FailureClass failureClass = switch (failure.kind()) {
            case "connectivity" -> FailureClass.CONNECTIVITY;
            case "timeout" -> FailureClass.TIMEOUT;
            default -> FailureClass.DEPENDENCY_UNAVAILABLE;
        };
        String operatorAction = switch (failure.kind()) {
            case "connectivity" -> "check the login node name, the SSH port and the network path (VPN, firewall) from the API host";
            case "timeout" -> "check that the login node is up and that the network path allows SSH, then retry";
            default -> "check that deployment.login_node and deployment.ssh_port point at an SSH server";
        };
        return new ApiException(502, new Failure("scheduler." + failure.kind(), "slurm", failureClass, failure.getMessage(),
                retryable ? RetryDisposition.SAFE : RetryDisposition.AFTER_REMEDIATION,
                retryable ? "Beampipe will retry or reconcile the scheduler operation" : "Beampipe will leave the execution unchanged",
                operatorAction, null, null));
    }
}
