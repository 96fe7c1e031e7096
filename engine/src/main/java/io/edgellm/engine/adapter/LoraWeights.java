package io.edgellm.engine.adapter;

import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.train.Block;
import io.edgellm.engine.train.LoraAdapter;
import io.edgellm.engine.train.LoraConfig;
import io.edgellm.engine.train.TargetModule;
import io.edgellm.engine.train.TrainableModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A LoRA adapter in memory, independent of its file format: the factors of every adapted
 * projection, in the base model's GGUF row order, and {@code alpha}, so that each update is
 * {@code (alpha / rank) · B·A}; an alpha of 0 means a scale of 1, as llama.cpp reads an adapter
 * without {@code adapter.lora.alpha}.
 *
 * @param dropout   the dropout it was trained with (PEFT's {@code lora_dropout}); not part of the function
 * @param baseModel what the adapter was trained on (PEFT's {@code base_model_name_or_path}), or null
 */
public record LoraWeights(float alpha, float dropout, String baseModel, List<LoraTensors> tensors) {

    public LoraWeights {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("a LoRA adapter needs at least one adapted projection");
        }
        tensors = tensors.stream().sorted(Comparator.comparingInt(LoraTensors::block).thenComparing(LoraTensors::module))
                .toList();
        for (int i = 1; i < tensors.size(); i++) {
            if (tensors.get(i).block() == tensors.get(i - 1).block() && tensors.get(i).module() == tensors.get(i - 1).module()) {
                throw new IllegalArgumentException("two LoRA updates of " + tensors.get(i).baseTensor());
            }
        }
    }

    /** The factor of {@code t}'s update. */
    public float scale(LoraTensors t) {
        return alpha == 0 ? 1f : alpha / t.rank();
    }

    /** The ranks of the projections (llama.cpp's files may give each its own). */
    public Set<Integer> ranks() {
        Set<Integer> ranks = new TreeSet<>();
        tensors.forEach(t -> ranks.add(t.rank()));
        return ranks;
    }

    /**
     * The rank shared by every projection.
     *
     * @throws IllegalArgumentException when the projections have different ranks
     */
    public int rank() {
        if (ranks().size() != 1) {
            throw new IllegalArgumentException("the adapter's projections have different ranks " + ranks()
                    + "; one rank is needed here (PEFT's r, a LoRA training run)");
        }
        return tensors.getFirst().rank();
    }

    /** The modules adapted in at least one block. */
    public Set<TargetModule> targets() {
        Set<TargetModule> modules = EnumSet.noneOf(TargetModule.class);
        tensors.forEach(t -> modules.add(t.module()));
        return modules;
    }

    /** The blocks with at least one adapted projection, ascending. */
    public Set<Integer> blocks() {
        Set<Integer> blocks = new TreeSet<>();
        tensors.forEach(t -> blocks.add(t.block()));
        return blocks;
    }

    /** The update of {@code block}'s {@code module}, or null. */
    public LoraTensors find(int block, TargetModule module) {
        return tensors.stream().filter(t -> t.block() == block && t.module() == module).findFirst().orElse(null);
    }

    /**
     * The adapters of a model trained with {@link LoraConfig}, copied.
     *
     * @throws IllegalArgumentException when the model does not train LoRA
     */
    public static LoraWeights of(TrainableModel model, String baseModel) {
        if (!(model.method() instanceof LoraConfig config)) {
            throw new IllegalArgumentException("the model trains " + model.method().describe() + ", not LoRA adapters");
        }
        List<LoraTensors> tensors = new ArrayList<>();
        for (Block block : model.blocks()) {
            for (TargetModule m : TargetModule.values()) {
                LoraAdapter a = block.projection(m).lora();
                if (a != null) {
                    tensors.add(new LoraTensors(block.index(), m, a.rank(), a.a().cols(), a.b().rows(), a.a().value().clone(),
                            a.b().value().clone()));
                }
            }
        }
        return new LoraWeights(config.alpha(), config.dropout(), baseModel, tensors);
    }

    /**
     * Checks that every update fits a projection of {@code base}: the block exists, and the
     * factors' widths are the projection's input and output widths.
     *
     * @throws AdapterException naming {@code source} and the first update that does not fit
     */
    public void checkFits(ModelConfig base, Path source) {
        for (LoraTensors t : tensors) {
            if (t.block() >= base.blockCount()) {
                throw new AdapterException(source, "the adapter changes block " + t.block() + " but the base model has "
                        + base.blockCount() + " blocks");
            }
            int in = t.module().inputWidth(base);
            int out = t.module().outputWidth(base);
            if (t.in() != in || t.out() != out) {
                throw new AdapterException(source, "LoRA of " + t.baseTensor() + " is " + t.out() + "x" + t.in() + " (lora_A "
                        + t.rank() + "x" + t.in() + ", lora_B " + t.out() + "x" + t.rank() + ") but the base projection is "
                        + out + "x" + in);
            }
        }
    }

    /**
     * Copies the factors into a model built with a matching {@link LoraConfig}, through
     * {@link LoraAdapter#load}. Everything is checked before anything changes.
     *
     * @throws IllegalArgumentException when the model adapts other projections, or a rank or shape differs
     */
    public void loadInto(TrainableModel model) {
        Map<String, LoraTensors> byTensor = new HashMap<>();
        tensors.forEach(t -> byTensor.put(t.baseTensor(), t));
        List<Runnable> loads = new ArrayList<>();
        for (Block block : model.blocks()) {
            for (TargetModule m : TargetModule.values()) {
                LoraAdapter adapter = block.projection(m).lora();
                LoraTensors t = byTensor.remove(block.projection(m).name());
                if (adapter == null && t == null) {
                    continue;
                }
                if (adapter == null || t == null) {
                    throw new IllegalArgumentException("the adapter " + (t == null ? "has no" : "has a") + " LoRA update of "
                            + block.projection(m).name() + " but the model " + (t == null ? "trains one" : "does not ("
                            + model.method().describe() + ")"));
                }
                if (t.rank() != adapter.rank() || t.in() != adapter.a().cols() || t.out() != adapter.b().rows()) {
                    throw new IllegalArgumentException("LoRA of " + t.baseTensor() + " has rank " + t.rank() + " and "
                            + t.out() + "x" + t.in() + ", the model's " + adapter.rank() + " and " + adapter.b().rows() + "x"
                            + adapter.a().cols());
                }
                loads.add(() -> adapter.load(t.a(), t.rank(), t.in(), t.b(), t.out(), t.rank()));
            }
        }
        if (!byTensor.isEmpty()) {
            throw new IllegalArgumentException("the adapter changes " + new TreeSet<>(byTensor.keySet()) + ", which the model has no"
                    + " LoRA on (" + model.method().describe() + ")");
        }
        loads.forEach(Runnable::run);
    }
}
