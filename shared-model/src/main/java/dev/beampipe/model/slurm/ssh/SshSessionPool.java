package dev.beampipe.model.slurm.ssh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Sessions for batched polling (40-backends §4.1): at most one idle session cached per target (the slot is part of
 * the target), evicted after {@code idle} without use, and closed after any error of the work done with it. A
 * session is lent to one caller at a time; a concurrent caller for the same target opens its own, and the spare
 * one is closed when returned.
 */
public final class SshSessionPool implements AutoCloseable {
    private record Idle(RemoteShell shell, long since) {
    }

    private final SshConnector connector;
    private final long idleNanos;
    private final LongSupplier nanoClock;
    private final Map<SshTarget, Idle> idle = new HashMap<>();
    private final Map<SshTarget, Integer> lent = new HashMap<>();
    private boolean closed;

    public SshSessionPool(SshConnector connector, Duration idle) {
        this(connector, idle, System::nanoTime);
    }

    SshSessionPool(SshConnector connector, Duration idle, LongSupplier nanoClock) {
        this.connector = connector;
        this.idleNanos = idle.toNanos();
        this.nanoClock = nanoClock;
    }

    public <T> T withSession(SshTarget target, SshCredentials creds, SessionWork<T> work) throws SshFailure, InterruptedException {
        RemoteShell shell = borrow(target, creds);
        boolean healthy = false;
        try {
            T result = work.run(shell);
            healthy = true;
            return result;
        } finally {
            giveBack(target, shell, healthy);
        }
    }

    private RemoteShell borrow(SshTarget target, SshCredentials creds) throws SshFailure, InterruptedException {
        List<RemoteShell> expired;
        RemoteShell cached;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the SSH session pool is closed");
            }
            expired = takeExpired();
            Idle entry = idle.remove(target);
            cached = entry == null ? null : entry.shell();
            lent.merge(target, 1, Integer::sum);
        }
        expired.forEach(RemoteShell::close);
        if (cached != null && cached.isOpen()) {
            return cached;
        }
        if (cached != null) {
            cached.close();
        }
        try {
            return connector.open(target, creds);
        } catch (SshFailure | InterruptedException | RuntimeException e) {
            synchronized (this) {
                release(target);
            }
            throw e;
        }
    }

    private void giveBack(SshTarget target, RemoteShell shell, boolean healthy) {
        boolean keep;
        synchronized (this) {
            release(target);
            keep = healthy && !closed && shell.isOpen() && !idle.containsKey(target);
            if (keep) {
                idle.put(target, new Idle(shell, nanoClock.getAsLong()));
            }
        }
        if (!keep) {
            shell.close();
        }
    }

    private void release(SshTarget target) {
        lent.computeIfPresent(target, (t, n) -> n > 1 ? n - 1 : null);
    }

    private List<RemoteShell> takeExpired() {
        List<RemoteShell> expired = new ArrayList<>();
        long now = nanoClock.getAsLong();
        for (Iterator<Idle> it = idle.values().iterator(); it.hasNext(); ) {
            Idle entry = it.next();
            if (now - entry.since() >= idleNanos || !entry.shell().isOpen()) {
                expired.add(entry.shell());
                it.remove();
            }
        }
        return expired;
    }

    /** Closes cached sessions idle for longer than the limit; callers with a periodic tick may call it. */
    public void evictIdle() {
        List<RemoteShell> expired;
        synchronized (this) {
            expired = takeExpired();
        }
        expired.forEach(RemoteShell::close);
    }

    /** Open sessions (cached or in use) by login node, for {@code beampipe_slurm_ssh_sessions_active}. */
    public synchronized Map<String, Integer> activeByLoginNode() {
        Map<String, Integer> active = new TreeMap<>();
        idle.forEach((target, entry) -> {
            if (entry.shell().isOpen()) {
                active.merge(target.host(), 1, Integer::sum);
            }
        });
        lent.forEach((target, n) -> active.merge(target.host(), n, Integer::sum));
        return active;
    }

    @Override
    public void close() {
        List<RemoteShell> all;
        synchronized (this) {
            closed = true;
            all = idle.values().stream().map(Idle::shell).toList();
            idle.clear();
        }
        all.forEach(RemoteShell::close);
    }
}
