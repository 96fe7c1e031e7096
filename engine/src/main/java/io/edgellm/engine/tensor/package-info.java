/**
 * Tensor storage types and the kernels that compute with them.
 *
 * <h2>Entry points</h2>
 * <ul>
 *   <li>{@link io.edgellm.engine.tensor.WeightMatrices#of} wraps weights stored in a {@code MemorySegment}
 *       (read in place, any alignment, long offsets) as a {@link io.edgellm.engine.tensor.WeightMatrix}: one
 *       implementation per {@link io.edgellm.engine.tensor.GGMLType} (F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q5_K,
 *       Q6_K) with {@code dequantizeRow}, {@code matVec} (decode) and {@code matMul} (prefill).</li>
 *   <li>{@link io.edgellm.engine.tensor.ComputePool} splits rows over threads; it also packs batches
 *       ({@link io.edgellm.engine.tensor.PackedBatch}) once for several matrices.</li>
 *   <li>{@link io.edgellm.engine.tensor.Quantizer#forType} converts floats to a type with ggml's reference
 *       algorithms.</li>
 *   <li>{@link io.edgellm.engine.tensor.MemoryBandwidth} and {@link io.edgellm.engine.tensor.KernelBenchmark}
 *       measure the roofline and the kernels against it.</li>
 * </ul>
 *
 * <h2>How the kernels are built, and why</h2>
 * Measured on a 2-core Zen 5 VM with AVX-512; the reasons are in the classes, the rules here.
 * <ul>
 *   <li><b>Float arithmetic.</b> The Vector API has no byte or 16-bit dot-product instructions, so
 *       weights are widened to floats and multiplied with float activations; quantizing activations to
 *       int8 (as llama.cpp does) takes more instructions per weight in Java, not fewer.</li>
 *   <li><b>Decode reads two rows far apart</b> ({@code AbstractWeightMatrix.forRowPairs}): adjacent rows in
 *       lockstep defeat the prefetchers, and one row at a time lets long rows' activations fall out of L1.</li>
 *   <li><b>Independent accumulators.</b> One accumulator per row caps a kernel at one block per FMA
 *       latency; kernels keep at least four chains.</li>
 *   <li><b>Lookup tables for 4-bit types.</b> Q4_0 and Q4_K turn a nibble into its scaled weight with one
 *       permute of a per-block table.</li>
 *   <li><b>Keep vectors inside one compiled method.</b> A vector passed to or returned from a method that
 *       is not inlined is boxed (10-100x slower). Vector intrinsics need constant species and part numbers.
 *       A method with too many vector operations exceeds C2's inlining budget, and the operations past it
 *       are not inlined: K-quant kernels therefore work one super-block per call with accumulators in a
 *       small array. Shared loops take constants, not strategy objects or branches on the type: the JIT
 *       compiles a shared loop for whichever type ran first.</li>
 *   <li><b>Prefill is a tiled GEMM</b> ({@code TiledMatMul}): weight tiles dequantized into an L1 buffer,
 *       a 6×4-vector register-blocked kernel over token panels.</li>
 * </ul>
 * Kernels are written for 16 float lanes (AVX-512) or 8 (narrower hardware, correct but slower); tests run
 * with both ({@code -XX:MaxVectorSize=32} selects 8).
 */
package io.edgellm.engine.tensor;
