#!/usr/bin/env bash
# Executes every notebook in examples/notebooks/ headless, from the installed package: the library
# is packed (npm pack) and the tarball installed, with the optional peers vega and vega-lite that
# draw the charts, into a fresh folder outside the repository, where the notebooks run on the Deno
# kernel (npm devDependency `deno`) under Debian's nbconvert. So a notebook can import only what a
# user has: `placecast`, its subpaths and their shipped example data. Fails when a cell raises or a
# code cell produces no output.
#
#   scripts/run-notebooks.sh            execute into out/notebooks/ (the committed files stay as they are)
#   scripts/run-notebooks.sh --inplace  also copy the executed notebooks over the committed ones
#
# Needs: npm ci; apt-get install jupyter-nbconvert jupyter-client python3-nbclient.
# The package is packed from dist/, so it is built first when missing or older than src/ or seeds/.
set -euo pipefail
cd "$(dirname "$0")/.."

inplace=0
case "${1:-}" in
  --inplace) inplace=1 ;;
  "") ;;
  *) echo "usage: $0 [--inplace]" >&2; exit 2 ;;
esac

command -v jupyter >/dev/null || { echo "jupyter not found: apt-get install jupyter-nbconvert jupyter-client python3-nbclient" >&2; exit 1; }

if [ ! -f dist/index.js ] || [ ! -f dist/node.js ] || [ ! -f dist/seeds.js ] || [ ! -f dist/examples-data.js ] || [ -n "$(find src seeds -newer dist/node.js -type f -print -quit)" ]; then
  echo "building dist/ for the notebooks"
  npm run build >/dev/null
fi

# The kernelspec holds the absolute path of node_modules/.bin/deno: write it on every run.
npx --no-install deno jupyter --install --force >/dev/null 2>&1 || { npx --no-install deno jupyter --install --force; exit 1; }

# A consumer folder: the packed tarball and the chart peers at the versions the tests use, from the
# npm cache (filled by npm ci), the registry as fallback.
env_dir=$(mktemp -d "${TMPDIR:-/tmp}/placecast-notebooks-XXXXXX")
trap 'rm -rf "$env_dir"' EXIT
npm pack --pack-destination "$env_dir" --loglevel=error >/dev/null
tarball=$(ls "$env_dir"/placecast-*.tgz)
peers=$(node -e 'const p=require("./package.json"); console.log(["vega","vega-lite"].map((n)=>`${n}@${p.devDependencies[n]}`).join(" "))')
printf '{ "name": "placecast-notebooks", "version": "1.0.0", "private": true, "type": "module" }\n' > "$env_dir/package.json"
printf '{ "nodeModulesDir": "manual" }\n' > "$env_dir/deno.json"
# shellcheck disable=SC2086
( cd "$env_dir" && { npm install --offline --no-audit --no-fund --loglevel=error "$tarball" $peers >/dev/null 2>&1 \
    || npm install --prefer-offline --no-audit --no-fund --loglevel=error "$tarball" $peers >/dev/null; } ) \
  || { echo "installing the packed package for the notebooks failed" >&2; exit 1; }

mkdir -p out/notebooks
status=0
for nb in examples/notebooks/*.ipynb; do
  cp "$nb" "$env_dir/"
  start=$(date +%s)
  result="out/notebooks/$(basename "$nb")"
  ok=0
  # The Deno kernel sometimes reports a cell idle before its display message has gone out, and
  # nbconvert then records the cell without output. A raised cell fails at once; a lost output
  # is retried (up to 3 runs) and the retry is reported.
  for attempt in 1 2 3; do
    if ! jupyter nbconvert --to notebook --execute "$env_dir/$(basename "$nb")" --output-dir out/notebooks \
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
