// Runs a GGUF file through llama.cpp (node-llama-cpp's prebuilt CPU binaries) for comparison with EdgeLLM.
//   node llama-cpp.mjs greedy MODEL.gguf --tokens 1,2,3 [--n 32] [--threads 2]   -> greedy continuation token ids (JSON)
//     add --logprobs to also print, for each generated token, the log-probability of every vocabulary entry
//     (llama.cpp's logits less their log-sum-exp; meant for small vocabularies)
//   node llama-cpp.mjs speed  MODEL.gguf [--prompt 128] [--n 64] [--threads 2]    -> prefill and decode tokens/s (JSON)
// Token ids are given and returned directly so tokenizers play no part in the comparison.
import {getLlama} from "node-llama-cpp";

const [mode, modelPath, ...rest] = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = rest.indexOf("--" + name);
  return i >= 0 ? rest[i + 1] : dflt;
};
const flag = (name) => rest.includes("--" + name);
if (!["greedy", "speed"].includes(mode) || !modelPath) {
  console.error("usage: node llama-cpp.mjs greedy|speed MODEL.gguf [--tokens ids] [--n N] [--logprobs] [--prompt N] [--threads T]");
  process.exit(2);
}
const threads = Number(opt("threads", 2));
const n = Number(opt("n", mode === "greedy" ? 32 : 64));

const llama = await getLlama({gpu: false, build: "never", logLevel: "error"});
const model = await llama.loadModel({modelPath, gpuLayers: 0, useMmap: true});
const promptLength = mode === "speed" ? Number(opt("prompt", 128)) : 0;
const context = await model.createContext({
  threads, contextSize: Math.min(model.trainContextSize, 2048), batchSize: Math.max(512, promptLength), flashAttention: false,
});
const sequence = context.getSequence();

async function generate(prompt, count) {
  const out = [];
  const started = performance.now();
  let first = 0;
  // yieldEogToken: keep going past end-of-generation tokens, as EdgeLLM's --ignore-eos does.
  for await (const token of sequence.evaluate(prompt, {temperature: 0, yieldEogToken: true})) {
    if (out.length === 0) first = performance.now();
    out.push(token);
    if (out.length >= count) break;
  }
  return {out, started, first, end: performance.now()};
}

// Greedy decoding that also returns llama.cpp's distribution over the vocabulary at every step.
async function generateWithLogprobs(prompt, count) {
  const tokens = [];
  const logprobs = [];
  for await (const step of sequence.evaluateWithMetadata(prompt, {probabilities: true}, {temperature: 0, yieldEogToken: true})) {
    // The map holds every token of the vocabulary (none is filtered at temperature 0).
    const row = [];
    for (const [token, p] of step.probabilities) row[token] = Math.log(p);
    tokens.push(step.token);
    logprobs.push(row);
    if (tokens.length >= count) break;
  }
  return {tokens, logprobs};
}

if (mode === "greedy") {
  const prompt = opt("tokens", "1").split(",").map(Number);
  if (flag("logprobs")) {
    const {tokens, logprobs} = await generateWithLogprobs(prompt, n);
    console.log(JSON.stringify({engine: "llama.cpp", model: modelPath, prompt, tokens, logprobs}));
  } else {
    const {out} = await generate(prompt, n);
    console.log(JSON.stringify({engine: "llama.cpp", model: modelPath, prompt, tokens: out}));
  }
} else {
  // Arbitrary ordinary token ids (below 1,100, which every vocabulary here has).
  const prompt = Array.from({length: promptLength}, (_, i) => 100 + ((i * 7919) % 1000));
  // Warm-up run so page faults of the mapping are not timed.
  await sequence.evaluateWithoutGeneratingNewTokens(prompt.slice(0, 8));
  await sequence.clearHistory();
  const t0 = performance.now();
  await sequence.evaluateWithoutGeneratingNewTokens(prompt);
  const t1 = performance.now();
  await sequence.clearHistory();
  const {out, first, end} = await generate(prompt, n + 1);
  const decodeSeconds = (end - first) / 1000;
  console.log(JSON.stringify({
    engine: "llama.cpp", model: modelPath, threads, promptTokens: promptLength,
    prefillTokensPerSecond: promptLength / ((t1 - t0) / 1000),
    decodeTokens: out.length - 1, decodeTokensPerSecond: (out.length - 1) / decodeSeconds,
  }));
}
await context.dispose();
await model.dispose();
