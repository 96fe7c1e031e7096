/**
 * The Llama-family transformer (Llama 2/3/3.x, Mistral, TinyLlama, SmolLM, Qwen2/2.5) as
 * {@link io.edgellm.engine.model.Shard shards}: blocks {@code [from, to)} of a model with their own
 * KV cache, chained across nodes for split inference; a whole model is the shard {@code [0, L)}.
 *
 * <ul>
 *   <li>{@link io.edgellm.engine.model.ModelConfig} reads the shape and hyper-parameters from GGUF
 *       metadata; families differ only in the named properties of
 *       {@link io.edgellm.engine.model.Architecture} (RoPE layout, Q/K/V bias) and in what the file
 *       holds (tied head, llama3 {@code rope_freqs.weight}).</li>
 *   <li>Weights stay in the memory-mapped file as {@code WeightMatrix} views; a shard loads only the
 *       tensors of its blocks, plus the embedding when first and the head when last.</li>
 *   <li>{@link io.edgellm.engine.model.Shard#forward(int[], int, io.edgellm.engine.model.Shard.Outputs)}
 *       runs prompts in batches through matrix-matrix products;
 *       {@link io.edgellm.engine.model.Shard#decode(int, int)} runs one token without allocating.</li>
 *   <li>{@link io.edgellm.engine.model.SyntheticModel} writes random-weight models of any
 *       {@link io.edgellm.engine.model.SyntheticSpec} for tests and benchmarks;
 *       {@link io.edgellm.engine.model.GenerationTiming} times prefill and decode.</li>
 * </ul>
 */
package io.edgellm.engine.model;
