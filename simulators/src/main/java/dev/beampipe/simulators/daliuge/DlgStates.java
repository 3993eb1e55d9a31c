package dev.beampipe.simulators.daliuge;

/** DALiuGE's state enumerations with their exact numbers (40-backends §3.3). */
public final class DlgStates {

    private DlgStates() {
    }

    /** {@code SessionStates} (dlg/manager/session.py). */
    public enum Session {
        PRISTINE, BUILDING, DEPLOYING, RUNNING, FINISHED, CANCELLED, FAILED;

        public int code() {
            return ordinal();
        }

        public boolean terminal() {
            return this == FINISHED || this == CANCELLED || this == FAILED;
        }
    }

    /** {@code DROPStates} (dlg/ddap_protocol.py). Note: drop 3 = ERROR while session 3 = RUNNING. */
    public enum Drop {
        INITIALIZED, WRITING, COMPLETED, ERROR, EXPIRED, DELETED, CANCELLED, SKIPPED;

        public int code() {
            return ordinal();
        }
    }

    /** {@code AppDROPStates}. */
    public enum App {
        NOT_RUN, RUNNING, FINISHED, ERROR, CANCELLED, SKIPPED;

        public int code() {
            return ordinal();
        }
    }
}
