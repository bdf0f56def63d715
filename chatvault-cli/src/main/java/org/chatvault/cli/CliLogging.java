package org.chatvault.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The command's logging, set up in code (found by Logback through {@code META-INF/services}) rather
 * than read from a logback.xml: parsing the XML took a noticeable share of a short command's start-up.
 * Logs go to stderr so command output on stdout stays clean; {@code CHATVAULT_LOG_LEVEL=DEBUG} (an
 * environment variable or system property) for more of Chatvault's own. An operator's file named by
 * {@code -Dlogback.configurationFile} is read instead, as before.
 */
public final class CliLogging extends ContextAwareBase implements Configurator {
    static final String LEVEL_VARIABLE = "CHATVAULT_LOG_LEVEL";
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n";

    @Override public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        // Jetty's HTTP parser logs every header, bearer tokens included, at DEBUG: never below INFO.
        HeaderLogGuard guard = new HeaderLogGuard();
        guard.setContext(context);
        guard.start();
        context.addTurboFilter(guard);

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        context.getLogger("org.chatvault").setLevel(chatvaultLevel());
        // Javalin's own error on a failed start repeats, without the reason, what `chatvault server`
        // says in one line; request failures are logged by the server's error mapping instead.
        context.getLogger("io.javalin.Javalin").setLevel(Level.OFF);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Chatvault's own level: {@value #LEVEL_VARIABLE} as a system property, else from the environment, else INFO. */
    static Level chatvaultLevel() {
        String v = System.getProperty(LEVEL_VARIABLE);
        if (v == null || v.isBlank()) v = System.getenv(LEVEL_VARIABLE);
        return v == null || v.isBlank() ? Level.INFO : Level.toLevel(v.trim(), Level.INFO);
    }
}
