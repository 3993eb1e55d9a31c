package dev.beampipe.worker.slurm;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Every log record of the process while it is attached to the root logger (the services log through JBoss Logging). */
final class LogCapture extends Handler {
    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

    static LogCapture start() {
        LogCapture c = new LogCapture();
        c.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(c);
        return c;
    }

    void stop() {
        Logger.getLogger("").removeHandler(this);
    }

    String text() {
        return String.join("\n", lines);
    }

    @Override
    public void publish(LogRecord r) {
        Object[] params = r.getParameters();
        String message = r.getMessage();
        if (params != null && params.length > 0 && message != null && message.contains("%")) {
            try {
                message = String.format(message, params);
            } catch (RuntimeException e) {
                message = message + " " + java.util.Arrays.toString(params);
            }
        } else if (params != null && params.length > 0) {
            message = java.text.MessageFormat.format(message, params);
        }
        lines.add(r.getLoggerName() + " " + message + (r.getThrown() == null ? "" : " " + r.getThrown()));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
