package dev.beampipe.api.scheduler;

import dev.beampipe.api.errors.ApiException;
import dev.beampipe.api.errors.Failure;
import dev.beampipe.api.errors.FailureClass;
import dev.beampipe.api.errors.RetryDisposition;
import dev.beampipe.model.slurm.ssh.SshFailure;

/** The reference's Slurm adapter errors: 502 {@code scheduler.<kind>}, component {@code slurm} (20-api §1.4). */
final class SchedulerErrors {
    private SchedulerErrors() {
    }

    /** The {@code scheduler.<kind>} of a classified SSH failure. */
    static String kind(SshFailure.Kind kind) {
        return switch (kind) {
            case CREDENTIALS -> "configuration";
            case HOST_KEY -> "hostverification";
            case AUTHENTICATION -> "authentication";
            case CONNECT, CHANNEL_CLOSED -> "connectivity";
            case TIMEOUT -> "timeout";
            case COMMAND -> "command";
            case PROTOCOL -> "invalidresponse";
        };
    }

    static ApiException of(SshFailure failure) {
        return of(kind(failure.kind()), failure.getMessage());
    }

    static ApiException of(String kind, String message) {
        boolean retryable = kind.equals("connectivity") || kind.equals("timeout") || kind.equals("command");
        FailureClass failureClass = switch (kind) {
            case "configuration" -> FailureClass.CONFIGURATION;
            case "connectivity" -> FailureClass.CONNECTIVITY;
            case "authentication" -> FailureClass.AUTHENTICATION;
            case "hostverification" -> FailureClass.AUTHORIZATION;
            case "timeout" -> FailureClass.TIMEOUT;
            case "notfound" -> FailureClass.NOT_FOUND;
            case "submissionuncertain" -> FailureClass.INCONSISTENT_STATE;
            default -> FailureClass.DEPENDENCY_UNAVAILABLE;
        };
        String operatorAction = switch (kind) {
            case "configuration" -> "check the profile's ssh_credential slot (beampipe slurm credentials check) and that the login node has "
                    + "sbatch, squeue, sacct, scancel and scontrol on the remote user's PATH";
            case "connectivity" -> "check the login node name, the SSH port and the network path (VPN, firewall) from the API host";
            case "authentication" -> "install the slot's public key in the remote user's authorized_keys (beampipe slurm credentials copy-id)";
            case "hostverification" -> "compare the login node's host key with the facility's published fingerprint, then update known_hosts";
            case "timeout" -> "check that the login node is up and that the network path allows SSH, then retry";
            default -> "check the login node's Slurm installation and the remote user's shell start-up files";
        };
        return new ApiException(502, new Failure("scheduler." + kind, "slurm", failureClass, message,
                retryable ? RetryDisposition.SAFE : RetryDisposition.AFTER_REMEDIATION,
                retryable ? "Beampipe will retry or reconcile the scheduler operation" : "Beampipe will leave the execution unchanged",
                operatorAction, null, null));
    }
}
