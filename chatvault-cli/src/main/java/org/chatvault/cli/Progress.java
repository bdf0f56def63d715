package org.chatvault.cli;

import java.io.Console;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars on stderr, so stdout stays clean for results; and only on a terminal: redrawn
 * bars in a log file or a pipe are noise (the commands still count, they just say nothing).
 */
final class Progress {
    private static final int UNSHOWN_WIDTH = 80;

    private Progress() {}

    static ProgressBar bar(String task, long max, String unit) {
        return build(task, max, " " + unit, 1);
    }

    /** A bar counting bytes, shown in MB. */
    static ProgressBar bytes(String task, long max) {
        return build(task, max, " MB", 1_000_000);
    }

    private static ProgressBar build(String task, long max, String unit, long unitSize) {
        // Off a terminal nothing is drawn: a fixed width, since asking the terminal for its width forks a process (stty).
        ProgressBarConsumer shown = onTerminal() ? new ConsoleProgressBarConsumer(System.err)
                : new DelegatingProgressBarConsumer(line -> {}, UNSHOWN_WIDTH);
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUnit(unit, unitSize)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).showSpeed().setConsumer(shown).build();
    }

    /**
     * Whether a person watches: a console that is a terminal. Since JDK 22 {@link System#console()}
     * answers even when redirected, and {@code Console.isTerminal()} (not in release 21) tells.
     */
    static boolean onTerminal() {
        Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console is only there on a terminal
        }
    }
}
