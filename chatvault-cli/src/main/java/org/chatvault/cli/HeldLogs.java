package org.chatvault.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Holds back what is logged while a command prints its own output, then writes it where it would
 * have gone: the root logger's appenders (stderr, see {@link CliLogging}) are swapped for a buffer and put
 * back on {@link #close}, which replays the buffer to them. Bounded: past {@link #LIMIT} events the
 * rest are counted and the count is logged instead.
 */
final class HeldLogs implements AutoCloseable {
    static final int LIMIT = 10_000;
    private final Logger root;
    private final List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
    private final Buffer buffer = new Buffer();

    private HeldLogs(Logger root) {
        this.root = root;
        if (root == null) return;
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) appenders.add(it.next());
        buffer.setContext(root.getLoggerContext());
        buffer.setName("held");
        buffer.start();
        root.addAppender(buffer);
        for (Appender<ILoggingEvent> a : appenders) root.detachAppender(a);
    }

    /** Starts holding; does nothing when the logging back end is not Logback. */
    static HeldLogs hold() {
        return new HeldLogs(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx ? ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) : null);
    }

    @Override public void close() {
        if (root == null) return;
        for (Appender<ILoggingEvent> a : appenders) root.addAppender(a);
        root.detachAppender(buffer);
        buffer.stop();
        List<ILoggingEvent> held;
        int dropped;
        synchronized (buffer) {
            held = new ArrayList<>(buffer.events);
            dropped = buffer.dropped;
        }
        for (ILoggingEvent e : held) for (Appender<ILoggingEvent> a : appenders) a.doAppend(e);
        if (dropped > 0) LoggerFactory.getLogger(HeldLogs.class).warn("{} more log events were held back and dropped", dropped);
    }

    private static final class Buffer extends AppenderBase<ILoggingEvent> {
        final List<ILoggingEvent> events = new ArrayList<>();
        int dropped;

        @Override protected synchronized void append(ILoggingEvent e) {
            if (events.size() >= LIMIT) {
                dropped++;
                return;
            }
            e.prepareForDeferredProcessing();
            events.add(e);
        }
    }
}
