package org.chatvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

class CliLoggingTest {
    @Test void logsWarningsToStderrChatvaultsInfoAndNeverJettysHeaders() {
        LoggerContext context = new LoggerContext();
        assertThat(new CliLogging().configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        ConsoleAppender<ILoggingEvent> stderr = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
        assertThat(stderr.getTarget()).isEqualTo("System.err");
        assertThat(stderr.isStarted()).isTrue();
        assertThat(((PatternLayoutEncoder) stderr.getEncoder()).getPattern()).isEqualTo(CliLogging.PATTERN);
        assertThat(context.getLogger("org.chatvault").getEffectiveLevel()).isEqualTo(CliLogging.chatvaultLevel());
        assertThat(context.getLogger("io.javalin.Javalin").getEffectiveLevel()).isEqualTo(Level.OFF);
        assertThat(context.getLogger("org.eclipse.jetty.server").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getTurboFilterList()).hasAtLeastOneElementOfType(HeaderLogGuard.class);
        assertThat(context.getLogger("org.eclipse.jetty.http.HttpParser").isDebugEnabled()).as("guarded even if asked").isFalse();
    }

    @Test void theLevelVariableSetsChatvaultsLevelAndNonsenseKeepsInfo() {
        String before = System.getProperty(CliLogging.LEVEL_VARIABLE);
        try {
            System.setProperty(CliLogging.LEVEL_VARIABLE, "debug");
            assertThat(CliLogging.chatvaultLevel()).isEqualTo(Level.DEBUG);
            System.setProperty(CliLogging.LEVEL_VARIABLE, "loud");
            assertThat(CliLogging.chatvaultLevel()).isEqualTo(Level.INFO);
        } finally {
            if (before == null) System.clearProperty(CliLogging.LEVEL_VARIABLE);
            else System.setProperty(CliLogging.LEVEL_VARIABLE, before);
        }
    }

    @Test void anOperatorsConfigurationFileIsReadInstead() {
        String before = System.getProperty("logback.configurationFile");
        try {
            System.setProperty("logback.configurationFile", "/etc/chatvault/logback.xml");
            LoggerContext context = new LoggerContext();
            assertThat(new CliLogging().configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
        } finally {
            if (before == null) System.clearProperty("logback.configurationFile");
            else System.setProperty("logback.configurationFile", before);
        }
    }
}
