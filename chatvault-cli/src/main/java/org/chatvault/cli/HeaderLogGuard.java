package org.chatvault.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Keeps Jetty's HTTP parser and generator from logging below INFO, whatever level the logging
 * configuration asks for: at DEBUG they log every header they parse, the {@code Authorization:
 * Bearer} access token included (found by {@code SessionLogScanTest}). Their INFO and above carry no
 * header values. Installed by {@link CliLogging} and again by {@code chatvault server}, so an
 * operator's own configuration keeps it too.
 */
public final class HeaderLogGuard extends TurboFilter {
    /** Jetty's package that parses and writes HTTP headers. */
    static final String GUARDED = "org.eclipse.jetty.http.";

    public HeaderLogGuard() {
        setName("header-log-guard");
    }

    @Override public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level != null && !level.isGreaterOrEqual(Level.INFO) && logger.getName().startsWith(GUARDED)) return FilterReply.DENY;
        return FilterReply.NEUTRAL;
    }

    /** Adds the guard to Logback's context unless it is there already; does nothing under another logging back end. */
    static void install() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) return;
        for (TurboFilter f : ctx.getTurboFilterList()) if (f instanceof HeaderLogGuard) return;
        HeaderLogGuard guard = new HeaderLogGuard();
        guard.setContext(ctx);
        guard.start();
        ctx.addTurboFilter(guard);
    }
}
