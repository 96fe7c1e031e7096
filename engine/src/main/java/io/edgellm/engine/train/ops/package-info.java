/**
 * The operations of a Llama block and head for training, in the style of llm.c: one class per op
 * with its {@code forward} and {@code backward} side by side, on flat row-major f32 arrays, each
 * checked against a float64 reference by finite differences in the tests.
 *
 * <p>{@link io.edgellm.engine.train.ops.MatMul} holds the three products of a linear layer (forward
 * {@code X·Wᵀ}, input gradient {@code dY·W}, weight gradient {@code dYᵀ·X}) on one register-tiled
 * Vector API kernel, also used by {@link io.edgellm.engine.train.ops.CausalAttention}. Results are
 * the same bits on any thread count and whether the JIT has compiled the code or not
 * ({@link io.edgellm.engine.train.ops.Lanes}), which is what lets a resumed run retrace a straight one.
 */
package io.edgellm.engine.train.ops;
