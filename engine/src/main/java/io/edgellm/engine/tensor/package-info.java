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
 *       latency; the quantized kernels keep four chains (two per row), Q6_K two (even and odd
 *       quarters), one row at a time.</li>
 *   <li><b>Lookup tables for 4-bit types.</b> Q4_0 and Q4_K turn a nibble into its scaled weight with one
 *       permute of a per-block table.</li>
 *   <li><b>Keep vectors inside one compiled method.</b> A vector passed to or returned from a method that
 *       is not inlined is boxed (10-100x slower). Vector intrinsics need constant species and part numbers.
 *       A method with many vector operations reaches C2's node budget for inlining; past it, Vector API
 *       methods are still inlined (they are forced) but helpers of ours are not, so the large K-quant
 *       kernels call the Vector API directly and use helpers only where no vector crosses the call (the
 *       scale unpacking writes floats to an array). A helper compiled on its own first may also be refused
 *       later for its compiled size, which made the same kernel 2 or 17 G weights/s depending on what ran
 *       before it. Shared loops take constants, not strategy objects or branches on the type: the JIT
 *       compiles a shared loop for whichever type ran first.</li>
 *   <li><b>Keep the innermost loop simple.</b> The JIT hoists a memory segment's class, bounds and liveness
 *       checks out of a simple innermost loop (Q4_0's), but not out of a loop that unpacks scales under an
 *       {@code if} on some iterations: there every load re-checked the segment, 140 instructions per
 *       64-value chunk of two Q4_K rows instead of about 70. Super-blocks as the outer loop and chunks as
 *       the inner one made Q4_K decode 1.2-1.8x faster. (An earlier nested version had run 1.5x slower
 *       than a flat loop, for its divisions: {@code j / 256} in the inner loop costs sign fix-ups the
 *       JIT cannot drop.)</li>
 *   <li><b>K-quant decode is bound by the kernel, not by memory.</b> A core reads about 25-30 GB/s in the
 *       probe's simple loop but 8-11 GB/s in the Q4_K kernel, and the same from the L3 cache as from memory:
 *       what helps is fewer instructions per byte. A pass over a row's scales before its quants cost 1.4x
 *       (the multiply-adds waited on it), so scales are unpacked per super-block; loads issued ahead as
 *       prefetches did not help.</li>
 *   <li><b>Prefill is a tiled GEMM</b> ({@code TiledMatMul}): weight tiles dequantized into an L1 buffer,
 *       a 6×4-vector register-blocked kernel over token panels.</li>
 * </ul>
 * Kernels are written for 16 float lanes (AVX-512) or 8 (narrower hardware, correct but slower); the engine's
 * build runs the kernel, quantizer, training-op and shard reference tests a second time with
 * {@code -XX:MaxVectorSize=32}, which selects 8 (the {@code eight-lanes} execution in engine/pom.xml).
 */
package io.edgellm.engine.tensor;
