package dev.beampipe.scheduler.ticks;

import java.time.Duration;

/** A recurring piece of leader-only work. */
public interface Tick {
    String name();

    Duration interval();

    void run() throws Exception;
}
