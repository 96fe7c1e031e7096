package io.edgellm.engine.bench;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.gguf.GGUFTensorInfo;
import io.edgellm.engine.model.GenerationTiming;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.model.Shard;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.tensor.MemoryBandwidth;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Prefill and decode speed of a model beside the machine's memory read bandwidth, measured in
 * the same run. Each repetition reads the bandwidth probe right before timing the model, and the
 * roofline ratio is taken per pair: on a shared host the bandwidth available moves from minute to
 * minute, and a ratio against a figure measured at another time would mean little.
 */
public final class ModelBenchmark {

    /**
     * What to measure.
     *
     * @param promptTokens prefill length (llama-bench's pp)
     * @param decodeTokens decode steps after it (llama-bench's tg)
     * @param repetitions  timed runs after one warm-up run; medians are reported
     * @param probeBytes   size of the bandwidth probe's buffer
     */
    public record Config(int threads, int promptTokens, int decodeTokens, int repetitions, long probeBytes) {
        public Config {
            if (threads < 1 || promptTokens < 1 || decodeTokens < 1 || repetitions < 1) {
                throw new IllegalArgumentException("threads, prompt, decode tokens and repetitions must be at least 1");
            }
        }
    }

    /** One repetition: the bandwidth read just before, then the model's timing. */
    public record Sample(double bandwidthGBps, GenerationTiming timing, double rooflineRatio) {
    }

    /**
     * Medians over the repetitions.
     *
     * @param decodeBytesPerToken weight bytes one decode step reads (every matrix once, one embedding row)
     */
    public record Result(Path model, ModelConfig config, int threads, long decodeBytesPerToken, double prefillTokensPerSecond,
                         double decodeTokensPerSecond, double bandwidthGBps, double rooflineRatio, List<Sample> samples) {
    }

    private ModelBenchmark() {
    }

    /** Runs the benchmark; {@code progress} hears about each phase. */
    public static Result run(Path model, Config config, Consumer<String> progress) {
        try (GGUFFile file = GGUFFile.open(model); ComputePool pool = new ComputePool(config.threads())) {
            Shard shard = Shard.whole(file, pool);
            ModelConfig mc = shard.config();
            if (config.promptTokens() + config.decodeTokens() > mc.contextLength()) {
                throw new IllegalArgumentException(config.promptTokens() + " prompt and " + config.decodeTokens()
                        + " decode tokens exceed the model's context length " + mc.contextLength());
            }
            long bytesPerToken = decodeBytesPerToken(file);
            progress.accept("warming up (JIT, page faults)");
            GenerationTiming.measure(shard, Math.min(config.promptTokens(), 32), Math.min(config.decodeTokens(), 8), 0);
            List<Sample> samples = new ArrayList<>();
            try (MemoryBandwidth probe = new MemoryBandwidth(pool, config.probeBytes())) {
                probe.once();
                for (int rep = 0; rep < config.repetitions(); rep++) {
                    progress.accept("run " + (rep + 1) + " of " + config.repetitions());
                    double bandwidth = probe.once();
                    GenerationTiming t = GenerationTiming.measure(shard, config.promptTokens(), config.decodeTokens(), rep + 1);
                    samples.add(new Sample(bandwidth, t, bytesPerToken * t.decodeTokensPerSecond() / 1e9 / bandwidth));
                }
            }
            return new Result(model, mc, config.threads(), bytesPerToken,
                    median(samples.stream().mapToDouble(s -> s.timing().prefillTokensPerSecond()).toArray()),
                    median(samples.stream().mapToDouble(s -> s.timing().decodeTokensPerSecond()).toArray()),
                    median(samples.stream().mapToDouble(Sample::bandwidthGBps).toArray()),
                    median(samples.stream().mapToDouble(Sample::rooflineRatio).toArray()),
                    List.copyOf(samples));
        }
    }

    /**
     * Bytes of weights one decode step reads: every tensor once, except the token embedding of
     * which only one row is read (unless it doubles as the output head).
     */
    static long decodeBytesPerToken(GGUFFile file) {
        boolean tied = file.findTensor(ModelConfig.OUTPUT).isEmpty();
        long bytes = 0;
        for (GGUFTensorInfo t : file.tensorInfos()) {
            if (t.name().equals("token_embd.weight") && !tied) {
                bytes += t.byteSize() / t.dim(1);
            } else {
                bytes += t.byteSize();
            }
        }
        return bytes;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
