#!/usr/bin/env bash
# Side-by-side speed of EdgeLLM and llama.cpp on the same GGUF file and thread count, runs interleaved
# so both see the same machine conditions (on shared hosts the available bandwidth drifts).
#   bench/compare.sh MODEL.gguf [THREADS] [ROUNDS]
# Needs bench/node_modules (cd bench && npm install). Prints one JSON line per run, then a summary.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
model=${1:?usage: bench/compare.sh MODEL.gguf [THREADS] [ROUNDS]}
threads=${2:-2}
rounds=${3:-3}
[ -d "$here/node_modules/node-llama-cpp" ] || { echo "run bench/setup.sh first" >&2; exit 1; }
log=$(mktemp)
for ((i = 1; i <= rounds; i++)); do
  "$here/../edgellm" bench --model "$model" --threads "$threads" --repeat 1 --json 2>/dev/null | tee -a "$log"
  node "$here/llama-cpp.mjs" speed "$model" --threads "$threads" --prompt 128 --n 64 | tee -a "$log"
done
node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
const median = xs => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const of = e => lines.filter(l => l.engine === e);
const e = of("edgellm"), l = of("llama.cpp");
const pe = median(e.map(x => x.prefillTokensPerSecond)), pl = median(l.map(x => x.prefillTokensPerSecond));
const de = median(e.map(x => x.decodeTokensPerSecond)), dl = median(l.map(x => x.decodeTokensPerSecond));
console.log(`\nmedians over ${e.length} interleaved rounds, ${process.argv[2]} threads`);
console.log(`prefill tok/s  edgellm ${pe.toFixed(1)}  llama.cpp ${pl.toFixed(1)}  ratio ${(pe / pl).toFixed(2)}`);
console.log(`decode  tok/s  edgellm ${de.toFixed(2)}  llama.cpp ${dl.toFixed(2)}  ratio ${(de / dl).toFixed(2)}`);
console.log(`bandwidth GB/s (edgellm probe) ${median(e.map(x => x.bandwidthGBps)).toFixed(1)}, edgellm roofline ratio ${median(e.map(x => x.rooflineRatio)).toFixed(2)}`);
' "$log" "$threads"
rm -f "$log"
