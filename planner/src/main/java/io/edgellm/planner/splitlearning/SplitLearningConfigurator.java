package io.edgellm.planner.splitlearning;

import io.edgellm.planner.cost.CostModel;
import io.edgellm.planner.cost.TrainingSetup;
import io.edgellm.planner.cost.Work;
import io.edgellm.planner.cost.Workload;
import io.edgellm.planner.profile.ModelProfile;
import io.edgellm.planner.profile.ModelShape;
import io.edgellm.planner.profile.Precision;
import io.edgellm.planner.split.InfeasiblePlanException;
import io.edgellm.planner.topology.Node;
import io.edgellm.planner.topology.Routes;
import io.edgellm.planner.topology.Topology;

import java.util.List;
import java.util.Locale;

/**
 * Chooses cut layer, freezing ratio, LoRA rank and aggregation interval for split learning between
 * a device (holding the data, the embedding and the first blocks) and a server (the rest and the
 * loss), minimising predicted time to converge = steps (from {@link ConvergenceModel}) × step time.
 *
 * <p>Step time, with T tokens per step: device forward, smashed data (T · dim F32 values) up, server
 * forward and backward, gradients of the same size down (only if a device block is trainable),
 * device backward, and every {@code interval} steps an upload and download of the device-side
 * adapters, amortised. Frozen blocks sit at the bottom, so they need no backward pass at all;
 * trainable blocks cost a forward-sized backward for activation gradients plus the adapters' weight
 * gradients. Compute uses the roofline of {@link io.edgellm.planner.cost.CostModel}.
 *
 * <p>The search is exhaustive over the grid, so the answer is exact for the model as stated.
 */
public final class SplitLearningConfigurator {

    public static final List<Double> FREEZING_RATIOS = List.of(0.0, 0.25, 0.5, 0.75);
    public static final List<Integer> RANKS = List.of(4, 8, 16, 32, 64);
    public static final List<Integer> INTERVALS = List.of(1, 2, 4, 8, 16);
    /** Adapter weights are sent and kept in F16; each trainable one also holds 16 bytes of Adam state. */
    private static final double ADAPTER_BYTES = 2;
    private static final double ADAM_BYTES = 16;

    private final Topology topology;
    private final ModelProfile profile;
    private final Precision precision;
    private final TrainingSetup training;
    private final ConvergenceModel convergence;
    private final CostModel roofline;

    public SplitLearningConfigurator(Topology topology, ModelProfile profile, Precision precision,
                                     TrainingSetup training, ConvergenceModel convergence) {
        this.topology = topology;
        this.profile = profile;
        this.precision = precision;
        this.training = training;
        this.convergence = convergence;
        this.roofline = new CostModel(profile, new Workload(precision, 1, 1, 1, training));
    }

    public SplitLearningChoice choose(int device, int server) {
        SplitLearningChoice best = null;
        int blocks = profile.blockCount();
        for (int cut = 1; cut < blocks; cut++) {
            for (double freezing : FREEZING_RATIOS) {
                for (int rank : RANKS) {
                    for (int interval : INTERVALS) {
                        SplitLearningChoice choice = evaluate(device, server,
                                new SplitLearningSetup(cut, freezing, rank, interval));
                        if (choice.deviceMemoryBytes() <= topology.node(device).memoryBytes()
                                && choice.serverMemoryBytes() <= topology.node(server).memoryBytes()
                                && (best == null || choice.totalSeconds() < best.totalSeconds())) {
                            best = choice;
                        }
                    }
                }
            }
        }
        if (best == null) {
            double smallest = evaluate(device, server, new SplitLearningSetup(1, 0.75, 4, 1)).deviceMemoryBytes();
            throw new InfeasiblePlanException(String.format(Locale.ROOT, "memory on %s: the smallest device side "
                    + "(embedding and one block) needs %.2f GiB, the device has %.2f GiB (or no configuration fits "
                    + "the server %s)", topology.node(device).id(), smallest / (1L << 30),
                    topology.node(device).memoryBytes() / (1L << 30), topology.node(server).id()));
        }
        return best;
    }

    public SplitLearningChoice evaluate(int device, int server, SplitLearningSetup setup) {
        int blocks = profile.blockCount();
        if (setup.cutBlocks() < 1 || setup.cutBlocks() >= blocks) {
            throw new IllegalArgumentException("cut must leave at least one block on each side");
        }
        int frozen = (int) Math.round(setup.freezingRatio() * blocks);
        int deviceTrainable = Math.max(0, setup.cutBlocks() - frozen);
        int deviceFrozen = setup.cutBlocks() - deviceTrainable;
        int serverTrainable = blocks - Math.max(frozen, setup.cutBlocks());
        int serverFrozen = blocks - setup.cutBlocks() - serverTrainable;
        double adapterWeights = adapterWeightsPerBlock(setup.loraRank());

        Work deviceWork = blockWork(deviceFrozen, false, adapterWeights)
                .plus(blockWork(deviceTrainable, true, adapterWeights)).plus(embeddingWork());
        Work serverWork = blockWork(serverFrozen, false, adapterWeights)
                .plus(blockWork(serverTrainable, true, adapterWeights)).plus(headWork());
        double smashedBytes = training.batchTokens() * profile.activationBytesPerToken();
        double up = Routes.from(topology, smashedBytes, device).seconds(device, server);
        double down = deviceTrainable > 0 ? Routes.from(topology, smashedBytes, server).seconds(server, device) : 0;
        double adapterBytes = deviceTrainable * adapterWeights * ADAPTER_BYTES;
        double aggregation = adapterBytes == 0 ? 0
                : (Routes.from(topology, adapterBytes, device).seconds(device, server)
                + Routes.from(topology, adapterBytes, server).seconds(server, device)) / setup.aggregationInterval();
        double step = seconds(topology.node(device), deviceWork) + up + seconds(topology.node(server), serverWork)
                + down + aggregation;
        double steps = convergence.steps(setup);
        double deviceMemory = memory(deviceFrozen, deviceTrainable, adapterWeights)
                + profile.embeddingBytes(precision);
        double serverMemory = memory(serverFrozen, serverTrainable, adapterWeights) + profile.headBytes(precision)
                + training.batchTokens() * (double) profile.shape().vocabSize() * 4;
        return new SplitLearningChoice(setup, step, steps, step * steps, deviceMemory, serverMemory);
    }

    /** LoRA adds rank · (inputs + outputs) weights to each of a block's seven matrices. */
    double adapterWeightsPerBlock(int rank) {
        ModelShape s = profile.shape();
        double d = s.embeddingDim();
        double q = (double) s.headCount() * s.headDim();
        double kv = (double) s.kvHeadCount() * s.headDim();
        double f = s.ffnDim();
        return rank * ((d + q) + 2 * (d + kv) + (q + d) + 2 * (d + f) + (f + d));
    }

    private Work blockWork(int count, boolean trainable, double adapterWeights) {
        double tokens = training.batchTokens();
        double forward = tokens * profile.blockMatmulFlopsPerToken()
                + profile.attentionFlopsPerTokenPerPosition() * tokens * (training.sequenceTokens() + 1) / 2.0;
        double flops = trainable ? 2 * forward + 4 * tokens * adapterWeights : forward;
        double bytes = profile.blockWeightBytes(precision) * (trainable ? 2 : 1);
        return new Work(flops * count, bytes * count);
    }

    private Work embeddingWork() {
        return new Work(0, profile.embeddingBytes(precision) / profile.shape().vocabSize() * training.batchTokens());
    }

    private Work headWork() {
        return new Work(2.0 * training.batchTokens() * profile.headFlopsPerToken(), profile.headBytes(precision));
    }

    private double memory(int frozen, int trainable, double adapterWeights) {
        double weights = profile.blockWeightBytes(precision);
        double saved = training.batchTokens() * CostModel.savedActivationBytesPerToken(profile.shape());
        return frozen * weights + trainable * (weights + adapterWeights * (ADAPTER_BYTES + ADAM_BYTES) + saved);
    }

    private double seconds(Node node, Work work) {
        return roofline.seconds(node, work);
    }
}
