#!/usr/bin/env bash
# Executes every notebook in examples/notebooks/ headless: the Deno kernel (npm devDependency
# `deno`) run by Debian's nbconvert. Fails when a cell raises or a code cell produces no output.
#
#   scripts/run-notebooks.sh            execute into out/notebooks/ (the committed files stay as they are)
#   scripts/run-notebooks.sh --inplace  also copy the executed notebooks over the committed ones
#
# Needs: npm ci; apt-get install jupyter-nbconvert jupyter-client python3-nbclient.
# The notebooks import the built library (dist/), so it is built first when missing or older than src/.
set -euo pipefail
cd "$(dirname "$0")/.."

inplace=0
case "${1:-}" in
  --inplace) inplace=1 ;;
  "") ;;
  *) echo "usage: $0 [--inplace]" >&2; exit 2 ;;
esac

command -v jupyter >/dev/null || { echo "jupyter not found: apt-get install jupyter-nbconvert jupyter-client python3-nbclient" >&2; exit 1; }

if [ ! -f dist/index.js ] || [ ! -f dist/node.js ] || [ ! -f dist/seeds.js ] || [ -n "$(find src seeds -newer dist/node.js -type f -print -quit)" ]; then
  echo "building dist/ for the notebooks"
  npm run build >/dev/null
fi

# The kernelspec holds the absolute path of node_modules/.bin/deno: write it on every run.
npx --no-install deno jupyter --install --force >/dev/null 2>&1 || { npx --no-install deno jupyter --install --force; exit 1; }

mkdir -p out/notebooks
status=0
for nb in examples/notebooks/*.ipynb; do
  start=$(date +%s)
  result="out/notebooks/$(basename "$nb")"
  ok=0
  # The Deno kernel sometimes reports a cell idle before its display message has gone out, and
  # nbconvert then records the cell without output. A raised cell fails at once; a lost output
  # is retried (up to 3 runs) and the retry is reported.
  for attempt in 1 2 3; do
    if ! jupyter nbconvert --to notebook --execute "$nb" --output-dir out/notebooks \
        --ExecutePreprocessor.timeout=300 --ExecutePreprocessor.record_timing=False --log-level=WARN 2>out/notebooks/nbconvert.log; then
      cat out/notebooks/nbconvert.log
      echo "FAILED: $nb (a cell raised; see above)"
      break
    fi
    if python3 - "$result" <<'PY'
import json, sys
nb = json.load(open(sys.argv[1], encoding="utf-8"))
empty = [c.get("id", "?") for c in nb["cells"] if c["cell_type"] == "code" and not c.get("outputs")]
missing = [i for i, c in enumerate(nb["cells"]) if "id" not in c]
if missing:
    print(f"{sys.argv[1]}: cells without an id: {missing}")
    sys.exit(2)
if empty:
    print(f"{sys.argv[1]}: code cells without output: {empty}")
    sys.exit(1)
PY
    then
      ok=1
      break
    elif [ $? -eq 2 ]; then
      break
    fi
    echo "retrying $nb (run $attempt lost an output)"
  done
  if [ "$ok" -eq 1 ]; then
    [ "$inplace" -eq 1 ] && cp "$result" "$nb"
    echo "ok: $nb ($(( $(date +%s) - start )) s)"
  else
    status=1
  fi
done
exit $status
