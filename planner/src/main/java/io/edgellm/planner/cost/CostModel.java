package io.edgellm.planner.cost;

import io.edgellm.planner.profile.ModelProfile;
import io.edgellm.planner.profile.ModelShape;
import io.edgellm.planner.topology.Node;

/**
 * Roofline cost of running a shard on a node. A shard holds {@code blocks} transformer blocks plus
 * the embedding if it is first and the output head if it is last.
 *
 * <p>Time = max(FLOPs / node FLOP/s for the precision, bytes read / memory bandwidth): compute and
 * memory traffic overlap, so the slower of the two bounds the step (decode is memory-bound,
 * prefill and training compute-bound). Per-phase work, with W block weights, P prompt tokens,
 * C context positions, S sequences, T training tokens in sequences of length s:
 * <ul>
 *   <li>prefill: FLOPs = P·2W + a·P(P+1)/2, bytes = weight bytes + P·KV bytes (written);</li>
 *   <li>decode: FLOPs = 2W + a·C, bytes = weight bytes + C·KV bytes; batched decode multiplies
 *       FLOPs and KV bytes by S but reads the weights once;</li>
 *   <li>training: forward F = T·2W + a·T(s+1)/2; backward = F (activation gradients) + f·T·2W
 *       (weight gradients of the trainable fraction f); weights are read twice and saved
 *       activations written and read once;</li>
 * </ul>
 * where a = 4 · heads · head dim is the attention cost per attended position. The head costs
 * 2·vocab·dim FLOPs per token whose logits are needed (one for prefill and decode, all T for training,
 * twice for the backward pass).
 */
public final class CostModel {

    private final ModelProfile profile;
    private final Workload workload;

    public CostModel(ModelProfile profile, Workload workload) {
        this.profile = profile;
        this.workload = workload;
    }

    public ModelProfile profile() {
        return profile;
    }

    public Workload workload() {
        return workload;
    }

    /** Seconds for {@code work} on {@code node}; infinite if the node lacks kernels for the precision. */
    public double seconds(Node node, Work work) {
        var flopsPerSecond = node.flopsPerSecond(workload.precision());
        if (flopsPerSecond.isEmpty()) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(work.flops() / flopsPerSecond.getAsDouble(),
                work.bytesRead() / node.memoryBandwidthBytesPerSecond());
    }

    public double seconds(Node node, Phase phase, int blocks, boolean first, boolean last) {
        return seconds(node, work(phase, blocks, first, last));
    }

    /** Joules for the work: the node draws busy power while it computes. */
    public double joules(Node node, Phase phase, int blocks, boolean first, boolean last) {
        return node.busyPowerWatts() * seconds(node, phase, blocks, first, last);
    }

    public Work work(Phase phase, int blocks, boolean first, boolean last) {
        Work total = blockWork(phase).times(blocks);
        if (first) {
            total = total.plus(embeddingWork(phase));
        }
        if (last) {
            total = total.plus(headWork(phase));
        }
        return total;
    }

    Work blockWork(Phase phase) {
        double matmul = profile.blockMatmulFlopsPerToken();
        double attention = profile.attentionFlopsPerTokenPerPosition();
        double weights = profile.blockWeightBytes(workload.precision());
        double kv = profile.kvBytesPerTokenPerBlock();
        double p = workload.promptTokens();
        double c = workload.contextTokens();
        return switch (phase) {
            case PREFILL -> new Work(p * matmul + attention * p * (p + 1) / 2, weights + p * kv);
            case DECODE -> new Work(matmul + attention * c, weights + c * kv);
            case BATCHED_DECODE -> {
                double s = workload.concurrentSequences();
                yield new Work(s * (matmul + attention * c), weights + s * c * kv);
            }
            case TRAIN_STEP -> {
                TrainingSetup t = workload.training();
                double forward = t.batchTokens() * matmul
                        + attention * t.batchTokens() * (t.sequenceTokens() + 1) / 2.0;
                double weightGradients = t.trainableFraction() * t.batchTokens() * matmul;
                double saved = t.batchTokens() * savedActivationBytesPerToken();
                yield new Work(2 * forward + weightGradients, 2 * weights + 2 * saved);
            }
        };
    }

    private Work embeddingWork(Phase phase) {
        double rowBytes = profile.embeddingBytes(workload.precision()) / profile.shape().vocabSize();
        return new Work(0, rowBytes * tokensThrough(phase));
    }

    private Work headWork(Phase phase) {
        double logits = switch (phase) {
            case PREFILL, DECODE -> 1;
            case BATCHED_DECODE -> workload.concurrentSequences();
            case TRAIN_STEP -> 2.0 * workload.training().batchTokens();
        };
        return new Work(logits * profile.headFlopsPerToken(), profile.headBytes(workload.precision()));
    }

    private double tokensThrough(Phase phase) {
        return switch (phase) {
            case PREFILL -> workload.promptTokens();
            case DECODE -> 1;
            case BATCHED_DECODE -> workload.concurrentSequences();
            case TRAIN_STEP -> workload.training().batchTokens();
        };
    }

    /**
     * Activations a block keeps for its backward pass, per token: the inputs of its seven matrix
     * multiplies and two norms, about 6·dim + 3·ffn values, in F16. An estimate, not a measurement.
     */
    public static double savedActivationBytesPerToken(ModelShape s) {
        return (6.0 * s.embeddingDim() + 3.0 * s.ffnDim()) * 2;
    }

    private double savedActivationBytesPerToken() {
        return savedActivationBytesPerToken(profile.shape());
    }

    /** Bytes a shard needs resident: weights, KV caches (inference) or optimiser state and saved activations. */
    public double memoryBytes(boolean training, int blocks, boolean first, boolean last) {
        double weights = profile.blockWeightBytes(workload.precision());
        double perBlock;
        if (training) {
            TrainingSetup t = workload.training();
            perBlock = weights + t.trainableFraction() * profile.shape().blockWeights()
                    * t.optimizerBytesPerTrainableWeight() + t.batchTokens() * savedActivationBytesPerToken();
        } else {
            perBlock = weights + (double) workload.concurrentSequences() * workload.contextTokens()
                    * profile.kvBytesPerTokenPerBlock();
        }
        double total = blocks * perBlock;
        if (first) {
            total += profile.embeddingBytes(workload.precision());
        }
        if (last && !(first && profile.shape().tiedEmbeddings())) {
            total += profile.headBytes(workload.precision());
        }
        if (last && training) {
            total += workload.training().batchTokens() * (double) profile.shape().vocabSize() * 4;
        }
        return total;
    }
}
