package io.edgellm.cli.train;

import io.edgellm.cli.Progress;
import io.edgellm.engine.train.EvalResult;
import io.edgellm.engine.train.StepResult;
import io.edgellm.engine.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;

/**
 * Shows a training run: a progress bar on standard error (step, loss, tokens/s, and the bar's own
 * elapsed time and ETA), and one line per evaluation on standard output, which stays readable in
 * a log file where the bar is turned off.
 */
final class TrainingProgress implements TrainingListener, AutoCloseable {

    private final PrintWriter out;
    private final ProgressBar bar;
    private long tokens;
    private double seconds;
    private StepResult last;

    TrainingProgress(PrintWriter out, boolean showBar, String task, long firstStep, long totalSteps) {
        this.out = out;
        this.bar = Progress.bar(showBar, task, totalSteps, "steps");
        if (bar != null) {
            bar.stepTo(firstStep);
        }
    }

    @Override
    public void onStep(StepResult r) {
        last = r;
        tokens += r.tokens();
        seconds += r.seconds();
        if (bar != null) {
            bar.stepTo(r.step() + 1);
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.3f, %,.0f tokens/s", r.loss(), r.tokensPerSecond()));
        }
    }

    @Override
    public void onEvaluation(long step, EvalResult e) {
        out.printf(Locale.ROOT, "step %d: training loss %.4f, validation loss %.4f (perplexity %.3f), %,.0f tokens/s%n", step,
                last == null ? Double.NaN : last.loss(), e.loss(), e.perplexity(), tokensPerSecond());
        out.flush();
    }

    /** Training tokens per second of step time so far (evaluations excluded). */
    double tokensPerSecond() {
        return seconds == 0 ? 0 : tokens / seconds;
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
