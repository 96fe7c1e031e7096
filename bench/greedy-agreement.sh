#!/usr/bin/env bash
# Do EdgeLLM and llama.cpp continue a prompt with the same greedy tokens? Each preset is written by
# `edgellm synthetic --tiny` in each storage type, and both engines continue the same prompt token ids
# (no tokenizer involved, end-of-generation tokens ignored). Prints a table: variant, type, tokens
# compared, and the first divergence or "identical". At a divergence it also prints how much llama.cpp
# prefers its own token over EdgeLLM's (difference of log-probabilities): llama.cpp rounds activations
# to 8 bits for quantized weights and keeps its KV cache in F16, so near ties may flip; the engine
# tests (LlamaCppAgreementTest) bound how far apart the two engines' distributions may be.
#   bench/greedy-agreement.sh [--types F32,Q8_0] [--presets llama2,llama3,mistral,qwen2,smollm,tinyllama]
#                             [--n 32] [--seed 1] [--threads 2]
# Needs bench/node_modules (bench/setup.sh).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
edgellm="$here/../edgellm"
types=F32,Q8_0
presets=llama2,llama3,mistral,qwen2,smollm,tinyllama
n=32
seed=1
threads=2
prompt=1,300,301,302,100,17
while [ $# -gt 0 ]; do
  case "$1" in
    --types) types=$2 ;;
    --presets) presets=$2 ;;
    --n) n=$2 ;;
    --seed) seed=$2 ;;
    --threads) threads=$2 ;;
    *) echo "usage: bench/greedy-agreement.sh [--types T,...] [--presets P,...] [--n N] [--seed S] [--threads T]" >&2; exit 2 ;;
  esac
  shift 2
done
[ -d "$here/node_modules/node-llama-cpp" ] || { echo "run bench/setup.sh first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

results="$work/results.jsonl"
for preset in ${presets//,/ }; do
  for type in ${types//,/ }; do
    model="$work/$preset-$type.gguf"
    "$edgellm" synthetic --preset "$preset" --tiny --type "$type" --seed "$seed" -o "$model" >/dev/null 2>&1
    ours=$("$edgellm" generate -m "$model" --prompt-tokens "$prompt" --greedy --ignore-eos --print-tokens \
      -n "$n" -t "$threads" 2>/dev/null)
    theirs=$(node "$here/llama-cpp.mjs" greedy "$model" --tokens "$prompt" --n "$n" --threads "$threads" --logprobs)
    printf '{"variant":"%s","type":"%s","edgellm":%s,"llamacpp":%s}\n' "$preset" "$type" "$ours" "$theirs" >> "$results"
    rm -f "$model"
  done
done

node -e '
const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
console.log(`prompt ${process.argv[2]}, seed ${process.argv[3]}, greedy, end-of-generation ignored`);
console.log("variant     type    compared  result");
for (const r of rows) {
  const a = r.edgellm.tokens, b = r.llamacpp.tokens;
  const compared = Math.min(a.length, b.length);
  let k = 0;
  while (k < compared && a[k] === b[k]) k++;
  let result = "identical";
  if (k < compared) {
    const lp = r.llamacpp.logprobs[k];
    result = `diverges at token ${k + 1}: edgellm ${a[k]}, llama.cpp ${b[k]} ` +
      `(llama.cpp prefers its own by ${(lp[b[k]] - lp[a[k]]).toFixed(4)})`;
  }
  console.log(`${r.variant.padEnd(11)} ${r.type.padEnd(7)} ${String(compared).padStart(8)}  ${result}`);
}
' "$results" "$prompt" "$seed"
