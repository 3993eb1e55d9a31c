package dev.beampipe.model.alerts;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** A rule names channels that do not exist (checked under a share lock, so a concurrent delete cannot slip in). */
public class UnknownChannelsException extends RuntimeException {
    public UnknownChannelsException(List<UUID> missing) {
        super("unknown notification channel ids: " + missing.stream().map(UUID::toString).collect(Collectors.joining(", ")));
    }
}
