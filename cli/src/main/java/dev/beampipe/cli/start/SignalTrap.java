package dev.beampipe.cli.start;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Takes over SIGINT and SIGTERM while {@code beampipe start} runs, so that a Ctrl-C becomes an orderly stop
 * (children first, then PostgreSQL) ending in exit code 0 instead of the JVM's default exit 130/143.
 * The previous handlers come back on {@link #close()}.
 */
public final class SignalTrap implements AutoCloseable {
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicReference<String> first = new AtomicReference<>();
    private final List<Runnable> listeners = new ArrayList<>();

    private SignalTrap() {
    }

    public static SignalTrap install() {
        SignalTrap trap = new SignalTrap();
        for (String name : List.of("INT", "TERM")) {
            Signal signal = new Signal(name);
            try {
                trap.previous.put(signal, Signal.handle(signal, s -> trap.onSignal("SIG" + s.getName())));
            } catch (IllegalArgumentException e) {
                // the JVM reserves this signal (e.g. -Xrs): the default handling stays
            }
        }
        return trap;
    }

    private void onSignal(String name) {
        first.compareAndSet(null, name);
        received.incrementAndGet();
        List<Runnable> copy;
        synchronized (listeners) {
            copy = List.copyOf(listeners);
        }
        copy.forEach(Runnable::run);
    }

    /** Called (on the signal thread) for every signal received. */
    public void onEachSignal(Runnable listener) {
        synchronized (listeners) {
            listeners.add(listener);
        }
    }

    public boolean triggered() {
        return received.get() > 0;
    }

    /** How many signals arrived: a second one means "stop now". */
    public int count() {
        return received.get();
    }

    public String firstSignal() {
        return first.get();
    }

    @Override
    public void close() {
        previous.forEach((signal, handler) -> {
            try {
                Signal.handle(signal, handler);
            } catch (IllegalArgumentException ignored) {
                // nothing to restore
            }
        });
    }
}
