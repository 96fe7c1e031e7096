package io.edgellm.cli.train;

import io.edgellm.engine.train.Trainer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C during training into a clean stop: the shutdown hook asks the trainer to stop after
 * the step in progress, then holds the JVM open until the command has written what it writes on
 * a stop (a checkpoint) and {@link #close closed} this, so the file is whole when the process ends.
 */
final class StopOnInterrupt implements AutoCloseable {

    /** How long the hook waits for the step in progress and the save before letting the JVM go. */
    private static final long GRACE_SECONDS = 120;

    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    StopOnInterrupt(Trainer trainer) {
        hook = new Thread(() -> {
            trainer.requestStop();
            try {
                done.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "edgellm-training-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: counting down above is what lets it finish.
        }
    }
}
