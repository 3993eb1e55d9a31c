package dev.beampipe.model.ledger;

/** The transactional per-profile cap of execution creation (10-state-and-jobs §3.8); the API answers 409. */
public final class ProfileCapReachedException extends RuntimeException {
    public ProfileCapReachedException(String profileName, long inFlight, long cap) {
        super("deployment profile '" + profileName + "' concurrency limit reached (" + inFlight + "/" + cap + ")");
    }
}
