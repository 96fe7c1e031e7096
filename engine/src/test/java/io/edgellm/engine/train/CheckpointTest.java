package io.edgellm.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.gguf.GGUFWriter;
import io.edgellm.engine.gguf.TensorData;
import io.edgellm.engine.model.Architecture;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.train.ops.TestPool;
import io.edgellm.engine.train.ops.Activation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Checkpoints resume to the same loss trajectory, and refuse runs they do not belong to. */
class CheckpointTest {

    static final int STEPS = 8;

    static final ComputePool pool = TestPool.POOL;

    @TempDir
    Path dir;

    static Trainer trainer(ModelConfig config, TrainingMethod method, long baseSeed) {
        TrainableModel model = TrainableModel.initialize(config, null, method, baseSeed, pool);
        Trainer.Settings settings = Trainer.Settings.defaults(new WarmupCosine(2e-2, 2e-3, 2, STEPS))
                .withAccumulationSteps(2).withLabelSmoothing(0.05f).withSeed(23);
        return new Trainer(model, settings, new RandomWindows(TrainerTest.corpus(config.vocabSize(), 600, 8), 2, 10, 4));
    }

    static Stream<TrainingMethod> methods() {
        return Stream.of(
                FullTraining.all(),
                new FullTraining(0.5),
                LoraConfig.of(4, 8, "q", "v", "up").withDropout(0.1f).withFreezingRatio(0.5),
                new AdapterConfig(6, Activation.GELU),
                new PromptTuningConfig(3));
    }

    @ParameterizedTest
    @MethodSource("methods")
    void resumingGivesTheSameLossesAsTrainingStraight(TrainingMethod method) throws IOException {
        Trainer straight = trainer(TinyModels.llama(), method, 1);
        double[] expected = new double[STEPS];
        for (int s = 0; s < STEPS; s++) {
            expected[s] = straight.step().loss();
        }

        Trainer first = trainer(TinyModels.llama(), method, 1);
        double[] actual = new double[STEPS];
        for (int s = 0; s < STEPS / 2; s++) {
            actual[s] = first.step().loss();
        }
        Path checkpoint = dir.resolve("run.ckpt");
        first.saveCheckpoint(checkpoint);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(checkpoint), files.toList(), "no temporary file is left behind");
        }
        Trainer resumed = trainer(TinyModels.llama(), method, 1);
        resumed.loadCheckpoint(checkpoint);
        assertEquals(STEPS / 2, resumed.completedSteps());
        for (int s = STEPS / 2; s < STEPS; s++) {
            actual[s] = resumed.step().loss();
        }
        assertArrayEquals(expected, actual);
    }

    @Test
    void checkpointOfAnotherModelNamesTheField() throws IOException {
        Path checkpoint = saved(TinyModels.llama(), FullTraining.all(), 1);
        ModelConfig wider = new ModelConfig(null, Architecture.LLAMA, 2, 32, 24, 4, 2, 8, 8, 1e-5f, 10000f, 8, 1f, false, 64,
                13, false, false);
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> trainer(wider, FullTraining.all(), 1).loadCheckpoint(checkpoint));
        assertTrue(e.getMessage().contains("checkpoint of another model: embedding_length is 16 in the checkpoint but 32 in this model"),
                e.getMessage());
        ModelConfig qwen = TinyModels.config(Architecture.QWEN2, 2, 2, false, false, 1f);
        e = assertThrows(CheckpointException.class, () -> trainer(qwen, FullTraining.all(), 1).loadCheckpoint(checkpoint));
        assertTrue(e.getMessage().contains("architecture is llama in the checkpoint but qwen2 in this model"), e.getMessage());
    }

    @Test
    void checkpointOfAnotherMethodOrBaseIsRefusedWithNothingChanged() throws IOException {
        Path checkpoint = saved(TinyModels.llama(), LoraConfig.of(4, 8, "q", "v"), 1);
        Trainer rank8 = trainer(TinyModels.llama(), LoraConfig.of(8, 16, "q", "v"), 1);
        CheckpointException e = assertThrows(CheckpointException.class, () -> rank8.loadCheckpoint(checkpoint));
        assertTrue(e.getMessage().contains("checkpoint of another training method: lora(rank=4,alpha=8.0,dropout=0.0,targets=q+v,freeze=0.0)"
                + " in the checkpoint, lora(rank=8,"), e.getMessage());

        Trainer otherBase = trainer(TinyModels.llama(), LoraConfig.of(4, 8, "q", "v"), 2);
        float[] before = otherBase.model().lora(0, TargetModule.Q).a().value().clone();
        e = assertThrows(CheckpointException.class, () -> otherBase.loadCheckpoint(checkpoint));
        assertTrue(e.getMessage().contains("checkpoint of another base model: its frozen weights differ"), e.getMessage());
        assertArrayEquals(before, otherBase.model().lora(0, TargetModule.Q).a().value());
        assertEquals(0, otherBase.completedSteps());
    }

    @Test
    void missingOrForeignTensorsAreNamed() throws IOException {
        Path checkpoint = saved(TinyModels.llama(), LoraConfig.of(4, 8, "q", "v"), 1);
        Path pruned = dir.resolve("pruned.ckpt");
        Path extra = dir.resolve("extra.ckpt");
        try (GGUFFile in = GGUFFile.open(checkpoint)) {
            GGUFWriter w = new GGUFWriter().putAll(in.metadata());
            GGUFWriter x = new GGUFWriter().putAll(in.metadata());
            in.tensorInfos().forEach(t -> {
                if (!t.name().equals("blk.1.attn_v.weight.lora_b.adam_v")) {
                    w.addTensor(t.name(), t.type(), t.shape(), TensorData.of(in.tensorData(t)));
                }
                x.addTensor(t.name(), t.type(), t.shape(), TensorData.of(in.tensorData(t)));
            });
            x.addTensor("blk.0.attn_k.weight.lora_a", io.edgellm.engine.tensor.GGMLType.F32, new long[] {16, 4},
                    TensorData.ofFloats(new float[64]));
            w.write(pruned);
            x.write(extra);
        }
        Trainer t = trainer(TinyModels.llama(), LoraConfig.of(4, 8, "q", "v"), 1);
        CheckpointException e = assertThrows(CheckpointException.class, () -> t.loadCheckpoint(pruned));
        assertTrue(e.getMessage().contains("checkpoint lacks tensor 'blk.1.attn_v.weight.lora_b.adam_v'"), e.getMessage());
        e = assertThrows(CheckpointException.class, () -> t.loadCheckpoint(extra));
        assertTrue(e.getMessage().contains("checkpoint has tensor 'blk.0.attn_k.weight.lora_a', which this run does not train"),
                e.getMessage());
        e = assertThrows(CheckpointException.class, () -> t.loadCheckpoint(dir.resolve("absent.ckpt")));
        assertTrue(e.getMessage().contains("cannot read checkpoint"), e.getMessage());
    }

    private Path saved(ModelConfig config, TrainingMethod method, long baseSeed) throws IOException {
        Trainer t = trainer(config, method, baseSeed);
        t.step();
        Path path = dir.resolve("saved.ckpt");
        t.saveCheckpoint(path);
        return path;
    }
}
