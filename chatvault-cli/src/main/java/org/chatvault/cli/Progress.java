package org.chatvault.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars on stderr, so stdout stays clean for results. */
final class Progress {
    private Progress() {}

    static ProgressBar bar(String task, long max, String unit) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    /** A bar counting bytes, shown in MB. */
    static ProgressBar bytes(String task, long max) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUnit(" MB", 1_000_000)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }
}
