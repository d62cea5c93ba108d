#!/usr/bin/env bash
# Executes every notebook in examples/notebooks/ headless: the Deno kernel (npm devDependency
# `deno`) run by Debian's nbconvert. Fails when a cell raises or a code cell produces no output.
#
#   scripts/run-notebooks.sh            execute into out/notebooks/ (the committed files stay as they are)
#   scripts/run-notebooks.sh --inplace  execute and overwrite the committed notebooks with their new outputs
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

if [ ! -f dist/index.js ] || [ ! -f dist/node.js ] || [ -n "$(find src seeds -newer dist/node.js -type f -print -quit)" ]; then
  echo "building dist/ for the notebooks"
  npm run build >/dev/null
fi

# The kernelspec holds the absolute path of node_modules/.bin/deno: write it on every run.
npx --no-install deno jupyter --install --force >/dev/null 2>&1 || { npx --no-install deno jupyter --install --force; exit 1; }

mkdir -p out/notebooks
status=0
for nb in examples/notebooks/*.ipynb; do
  start=$(date +%s)
  if [ "$inplace" -eq 1 ]; then
    args=(--inplace); result="$nb"
  else
    args=(--output-dir out/notebooks); result="out/notebooks/$(basename "$nb")"
  fi
  if ! jupyter nbconvert --to notebook --execute "$nb" "${args[@]}" --ExecutePreprocessor.timeout=300 --ExecutePreprocessor.record_timing=False --log-level=WARN 2>out/notebooks/nbconvert.log; then
    cat out/notebooks/nbconvert.log
    echo "FAILED: $nb (a cell raised; see above)"
    status=1
    continue
  fi
  # A code cell without output means a display was lost: treat it as a failure.
  if ! python3 - "$result" <<'PY'
import json, sys
nb = json.load(open(sys.argv[1], encoding="utf-8"))
empty = [c.get("id", "?") for c in nb["cells"] if c["cell_type"] == "code" and not c.get("outputs")]
missing = [i for i, c in enumerate(nb["cells"]) if "id" not in c]
if empty or missing:
    print(f"{sys.argv[1]}: code cells without output: {empty}; cells without an id: {missing}")
    sys.exit(1)
PY
  then
    status=1
    continue
  fi
  echo "ok: $nb ($(( $(date +%s) - start )) s)"
done
exit $status
