package dev.beampipe.model.daliuge;

/** An application drop's {@code execStatus} ({@code AppDROPStates}, 40-backends §3.3). */
public enum AppState {
    NOT_RUN, RUNNING, FINISHED, ERROR, CANCELLED, SKIPPED, UNKNOWN
}
