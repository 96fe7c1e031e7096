/**
 * The training engine (paper section V-A): fine-tuning and pretraining of Llama-family models on
 * the CPU, with parameter-efficient methods and quantized frozen bases.
 *
 * <ul>
 *   <li>{@link io.edgellm.engine.train.TrainableModel} builds a model from a GGUF file or a fresh
 *       seeded initialisation, runs forward and backward passes over a
 *       {@link io.edgellm.engine.train.Batch}, and writes fully trained weights back as GGUF.</li>
 *   <li>{@link io.edgellm.engine.train.TrainingMethod} chooses what trains:
 *       {@link io.edgellm.engine.train.FullTraining} (with a freezing ratio),
 *       {@link io.edgellm.engine.train.LoraConfig} (targets, rank, alpha, dropout, freezing ratio),
 *       {@link io.edgellm.engine.train.AdapterConfig} (bottleneck adapters between blocks) or
 *       {@link io.edgellm.engine.train.PromptTuningConfig} (a soft prefix). Frozen base matrices
 *       stay in the mapped file in their stored type, as QLoRA keeps a 4-bit base.</li>
 *   <li>{@link io.edgellm.engine.train.Trainer} steps {@link io.edgellm.engine.train.AdamW} with a
 *       {@link io.edgellm.engine.train.LearningRateSchedule}, global-norm clipping and gradient
 *       accumulation, evaluates, stops on request and saves and restores checkpoints that resume
 *       bit for bit.</li>
 *   <li>{@link io.edgellm.engine.train.TrainingBenchmark} compares a training step's GFLOP/s with
 *       the inference kernels' and the memory of full fine-tuning with LoRA on a quantized base.</li>
 * </ul>
 *
 * <p>The ops themselves, each forward pass beside its backward pass, are in
 * {@link io.edgellm.engine.train.ops}. See {@code docs/TRAINING.md}.
 */
package io.edgellm.engine.train;
