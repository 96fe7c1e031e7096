package io.edgellm.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars on standard error for long commands, off when not wanted. */
public final class Progress {

    private Progress() {
    }

    /** A bar over {@code total} units named {@code task}, or null when {@code enabled} is false. */
    public static ProgressBar bar(boolean enabled, String task, long total, String unit) {
        if (!enabled) {
            return null;
        }
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .continuousUpdate()
                .build();
    }
}
