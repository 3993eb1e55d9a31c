package dev.beampipe.worker.runtime;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Job kind -> handler. Later issues register discovery, execution and poll handlers here. */
public final class HandlerRegistry implements AutoCloseable {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(HandlerRegistry.class);
    private final Map<String, JobHandler> handlers = new TreeMap<>();

    public HandlerRegistry register(JobHandler handler) {
        if (handlers.putIfAbsent(handler.kind(), handler) != null) {
            throw new IllegalStateException("two handlers for job kind " + handler.kind());
        }
        return this;
    }

    public HandlerRegistry registerAll(Collection<? extends JobHandler> all) {
        all.forEach(this::register);
        return this;
    }

    public Optional<JobHandler> forKind(String kind) {
        return Optional.ofNullable(handlers.get(kind));
    }

    public java.util.Set<String> kinds() {
        return handlers.keySet();
    }

    /** Closes every handler; one that fails to close does not keep the others open. */
    @Override
    public void close() {
        for (JobHandler handler : handlers.values()) {
            try {
                handler.close();
            } catch (RuntimeException e) {
                LOG.warnf("event=handler_close_failed kind=%s: %s", handler.kind(), e.getMessage());
            }
        }
    }
}
