#!/usr/bin/env bash
# The machine code C2 compiled for one Java method, disassembled: to see what a Vector API kernel became
# (checks left in a loop, spills, boxed vectors). No hsdis plugin needed: the JIT prints the code bytes,
# objdump (binutils) decodes them.
#   bench/jit-disasm.sh 'io.edgellm.engine.tensor.Q4_KMatrix::dot2' [edgellm arguments, default: bench --kernels --quick]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
method=${1:?usage: bench/jit-disasm.sh CLASS::METHOD [edgellm arguments]}
shift
[ $# -gt 0 ] || set -- bench --kernels --quick
command -v objdump > /dev/null || { echo "needs objdump (binutils)" >&2; exit 1; }
log=$(mktemp)
code=$(mktemp)
trap 'rm -f "$log" "$code"' EXIT
EDGELLM_JAVA_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=print,$method" "$here/../edgellm" "$@" > "$log" 2>&1
python3 - "$method" "$log" "$code" <<'PY'
import re, sys
name = sys.argv[1].split('::')[-1]
lines = open(sys.argv[2], errors='replace').read().split('\n')
starts = [i for i, l in enumerate(lines)
          if 'Compiled method (c2)' in l and '::' + name + ' (' in l and ' % ' not in l]
if not starts:
    sys.exit('no C2 compilation of ' + sys.argv[1] + ' in this run (did the method run hot enough?)')
code, base = bytearray(), None
for line in lines[starts[-1]:]:
    if line.startswith('[Stub Code]') or line.startswith('[Exception Handler]'):
        break
    m = re.match(r'\s+0x([0-9a-f]+): ([0-9a-f| ]+)$', line)
    if not m:
        continue
    address = int(m.group(1), 16)
    base = address if base is None else base
    if address - base > len(code):
        code += b'\x90' * (address - base - len(code))
    elif address - base < len(code):
        continue
    for word in m.group(2).replace('|', '').split():
        code += bytes.fromhex(word)
open(sys.argv[3], 'wb').write(code)
print(f'{sys.argv[1]}: {len(code)} bytes of C2 code', file=sys.stderr)
PY
objdump -D -b binary -mi386:x86-64 -M intel "$code" | tail -n +8
