#!/usr/bin/env bash
# Release smoke test: every `sift` subcommand and every command of the README's tour, run with the
# binary users run (`swift build -c release`), on the bundled examples. Synth talks to a loopback
# OpenAI-compatible double (scripts/smoke/model_double.py). Each step checks the exit status (a
# crash is a signal status and always fails) and the shape of what it wrote: JSON parses, JSON Lines
# parse line by line, and counts add up where a command promises they do.
#
# Usage: scripts/smoke.sh [path/to/sift]   (default .build/release/sift)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sift=$(realpath "${1:-$root/.build/release/sift}")
[ -x "$sift" ] || { echo "smoke: no sift binary at $sift (build with: swift build -c release)" >&2; exit 2; }
work=$(mktemp -d /tmp/sift-smoke.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
cp -r "$root/examples" "$work/examples"
cd "$work"
check="python3 $root/scripts/smoke/check.py"
steps=0

# run EXPECTED_STATUS NAME -- COMMAND...: runs COMMAND with output in logs/NAME.{out,err}; fails on
# any other status, showing the tail of its output.
mkdir -p logs
run() {
  local expected=$1 name=$2; shift 3
  local status=0
  "$@" >"logs/$name.out" 2>"logs/$name.err" </dev/null || status=$?
  steps=$((steps + 1))
  if [ "$status" != "$expected" ]; then
    local what="exit status $status"
    [ "$status" -gt 128 ] && what="killed by signal $((status - 128)) (status $status): a crash"
    echo "smoke FAILED: $name: $what, expected $expected" >&2
    echo "  command: $*" >&2
    tail -n 25 "logs/$name.err" "logs/$name.out" >&2
    exit 1
  fi
  echo "ok  $name (exit $status)"
}

# --- Help and version: every command and subcommand parses its own help ---------------------------
run 0 version -- "$sift" --version
run 0 help -- "$sift" --help
while IFS= read -r command; do
  # shellcheck disable=SC2086
  run 0 "help-${command// /-}" -- "$sift" $command --help
done < <($check subcommands "$sift")
# Every leaf command must have a step below: a new command without one fails here.
$check all-covered "$sift" stats convert audit dedup decontam filter pii split agree run run-task mix \
  synth/self-instruct synth/evol synth/distill synth/backtranslate synth/qa synth/review synth/accept synth/templates \
  studio/init studio/user/add studio/project/create studio/serve studio/export studio/import curve label-errors

# --- The README's first command, then its tour, on the bundled examples ---------------------------
run 0 readme-audit -- "$sift" audit examples/support-chat.jsonl --html audit.html
$check html audit.html
run 0 stats -- "$sift" stats examples/support-chat.jsonl --json stats.json
$check json stats.json records=2000
# The planted defects make the RAG audit fail its gate: the tour's CI-gate example must exit 1.
# The optional label_noise check (confident learning) on the reviews' planted label flips.
run 0 audit-label-noise -- "$sift" audit examples/classification.csv --check label_noise --json audit-label-noise.json
grep -q '"label_noise"' audit-label-noise.json
run 64 audit-unknown-check -- "$sift" audit examples/classification.csv --check no_such_check
run 1 audit-rag-gate -- "$sift" audit examples/rag-docs.jsonl --purpose rag --as-of 2026-11-24 --json audit.json --fail-on error
$check json audit.json
run 0 dedup -- "$sift" dedup examples/support-chat.jsonl --out kept.jsonl --removed removed.jsonl --threshold 0.8 --json dedup.json
$check adds-up dedup.json input.records output.kept+output.removed
$check jsonl kept.jsonl @dedup.json:output.kept
$check jsonl removed.jsonl @dedup.json:output.removed
run 0 decontam -- "$sift" decontam --train examples/support-chat.jsonl --eval examples/eval-cases.jsonl --eval-field input --out clean.jsonl --removed leaked.jsonl --json decontam.json
$check json decontam.json
$check jsonl clean.jsonl
run 0 filter -- "$sift" filter examples/rag-docs.jsonl --out filtered.jsonl --removed filtered-out.jsonl --rules gopher-quality,gopher-repetition,c4,fineweb --json filter.json
$check jsonl-sum examples/rag-docs.jsonl filtered.jsonl filtered-out.jsonl
run 0 filter-instruction -- "$sift" filter examples/support-chat.jsonl --out instr-kept.jsonl --removed instr-removed.jsonl --rules instruction
$check jsonl-sum examples/support-chat.jsonl instr-kept.jsonl instr-removed.jsonl
run 0 pii-redact -- "$sift" pii examples/support-chat.jsonl --action redact --out redacted.jsonl --json pii.json
$check jsonl redacted.jsonl 2000
run 1 pii-gate -- "$sift" pii examples/support-chat.jsonl --fail-if-found
# How much data, measured (docs/learn.md): a learning curve on the reviews (held-out folds; 5000 is
# beyond the data and dropped with a warning), one on the chat set's intent labels with an evaluation
# file, and confident learning on the reviews' labels; the flagged and unflagged records add up.
run 0 curve -- "$sift" curve examples/classification.csv --label label --sizes 100,300,1000,5000 --repeats 2 --json curve.json --html curve.html
$check json curve.json records=3000 dropped_sizes.0=5000 repeats=2
$check html curve.html
grep -q "dropped" logs/curve.err
# The chat set's intents include planted mis-cased labels with a record or two: too few for 5 folds
# (exit 65 naming the class); with the five clean intents, train on the first 1,500 lines, evaluate on the rest.
run 65 curve-rare-class -- "$sift" curve examples/support-chat.jsonl --label intent
grep -q "fewer than 5, the number of folds" logs/curve-rare-class.err
grep -E '"intent": "(technical|shipping|billing|returns|account)"' examples/support-chat.jsonl > chat-clean.jsonl
head -n 1500 chat-clean.jsonl > chat-train.jsonl
tail -n +1501 chat-clean.jsonl > chat-eval.jsonl
run 0 curve-chat -- "$sift" curve chat-train.jsonl --eval chat-eval.jsonl --label intent --sizes 50,200,800 --repeats 2 --metric macro_f1 --json curve-chat.json
$check json curve-chat.json evaluation=file metric=macro_f1
# --train-command: the user's own command scores each subset (awk here: 1 - 1/sqrt(lines)); a rerun
# comes from the cache; a failing command stops the curve with exit 70 and the end of its stderr.
awk_metric="awk 'END { printf \"{\\\"metric\\\": %.4f}\\n\", 1 - 1 / sqrt(NR) }' {train}"
run 0 curve-train-command -- "$sift" curve chat-train.jsonl --eval chat-eval.jsonl --label intent --sizes 50,200,800 --repeats 2 \
  --cache curve-cache --train-command "test -s {eval} && $awk_metric" --json curve-command.json
$check json curve-command.json cached_runs=0 fits=6
run 0 curve-train-command-cached -- "$sift" curve chat-train.jsonl --eval chat-eval.jsonl --label intent --sizes 50,200,800 --repeats 2 \
  --cache curve-cache --train-command "test -s {eval} && $awk_metric" --json curve-command.json
$check json curve-command.json cached_runs=6
run 70 curve-train-command-fails -- "$sift" curve chat-train.jsonl --label intent --sizes 50,200 --repeats 1 --cache curve-cache \
  --train-command 'echo "out of memory" >&2; exit 3; {train}'
grep -q "exited with status 3" logs/curve-train-command-fails.err && grep -q "out of memory" logs/curve-train-command-fails.err
run 64 curve-sizes-beyond-data -- "$sift" curve examples/classification.csv --label label --sizes 100000
run 0 label-errors -- "$sift" label-errors examples/classification.csv --label label --out issues.jsonl --json label-errors.json --html label-errors.html \
  --review label-errors-review.jsonl
$check jsonl label-errors-review.jsonl @label-errors.json:flagged
$check adds-up label-errors.json records flagged+not_flagged
$check jsonl issues.jsonl @label-errors.json:flagged
$check html label-errors.html
run 65 label-errors-no-label -- "$sift" label-errors examples/support-chat.jsonl --label no_such_field
run 0 split -- "$sift" split examples/classification.csv --ratios 0.8,0.1,0.1 --stratify label --group-by near-duplicates --out-dir splits --json split.json
$check adds-up split.json records splits.0.records+splits.1.records+splits.2.records
$check jsonl splits/train.jsonl @split.json:splits.0.records
# The same split after removing what label-errors flags: its rejects are exactly those records.
run 0 split-drop-label-errors -- "$sift" split examples/classification.csv --drop-label-errors --label label --stratify label --out-dir clean-splits --json split-clean.json
$check adds-up split-clean.json input_records records+excluded+malformed
$check adds-up split-clean.json excluded label_errors.flagged
$check jsonl clean-splits/rejects.jsonl @label-errors.json:flagged
cmp -s <(python3 -c 'import json,sys; print(sorted(json.loads(l)["id"] for l in open(sys.argv[1])))' issues.jsonl) \
  <(python3 -c 'import json,sys; print(sorted(json.loads(l)["id"] for l in open(sys.argv[1])))' clean-splits/rejects.jsonl) \
  || { echo "smoke FAILED: split --drop-label-errors rejected other records than label-errors flags" >&2; exit 1; }
run 64 split-label-without-drop -- "$sift" split examples/classification.csv --label label --out-dir splits-bad
# The pilot's planted disagreement fails the agreement threshold: exit 1 is the gate working.
run 1 agree -- "$sift" agree examples/labeling-pilot.csv --gold examples/labeling-gold.csv --items examples/labeling-pilot-items.jsonl --markdown feedback.md --json agree.json --html agree.html
$check json agree.json
$check html agree.html
[ -s feedback.md ] || { echo "smoke FAILED: agree wrote no feedback.md" >&2; exit 1; }
for recipe in examples/recipes/*.yaml; do
  name=$(basename "$recipe" .yaml)
  run 0 "run-$name" -- "$sift" run "$recipe" --json "run-$name.json"
  $check json "run-$name.json"
done
run 0 run-list-steps -- "$sift" run --list-steps
# Sharded runs (docs/scale.md): each bundled recipe as 3 shard tasks of separate `sift run-task`
# processes, 2 at once: the same output files, byte for byte, as the single-process run above.
for recipe in examples/recipes/*.yaml; do
  name=$(basename "$recipe" .yaml)
  out=$(sed -n 's/^output: //p' "$recipe")
  sed "s|^output: .*|output: sharded/$name|" "$recipe" > "sharded-$name.yaml"
  run 0 "run-sharded-$name" -- "$sift" run "sharded-$name.yaml" --executor local --tasks 3 --parallel 2 --json "run-sharded-$name.json"
  for file in "$out"/*; do
    cmp -s "$file" "sharded/$name/$(basename "$file")" || [ "$(basename "$file")" = manifest.json ] \
      || { echo "smoke FAILED: sharded $name: $(basename "$file") differs from the single-process run" >&2; exit 1; }
  done
done
run 0 run-sharded-resume -- "$sift" run sharded-rag-refresh.yaml --executor local --tasks 3 --resume
grep -q "resumed" logs/run-sharded-resume.out || { echo "smoke FAILED: --resume reran finished tasks" >&2; exit 1; }
run 78 run-slurm-no-sbatch -- env PATH=/nonexistent "$sift" run sharded-rag-refresh.yaml --executor slurm --tasks 2
grep -q "sbatch is not on PATH" logs/run-slurm-no-sbatch.err || { echo "smoke FAILED: missing sbatch not named" >&2; exit 1; }
# Parquet in and out (the tour's convert and audit lines), and back to JSON Lines: same record count.
run 0 convert-parquet -- "$sift" convert examples/support-chat.jsonl --out support-chat.parquet --compression zstd --json convert.json
$check json convert.json records=2000
run 0 audit-parquet -- "$sift" audit support-chat.parquet --json audit-parquet.json
$check json audit-parquet.json
run 0 convert-back -- "$sift" convert support-chat.parquet --out support-chat-back.jsonl --json convert-back.json
$check json convert-back.json records=2000
$check jsonl support-chat-back.jsonl 2000
run 0 dedup-parquet -- "$sift" dedup support-chat.parquet --out kept.parquet --removed removed-parquet.jsonl --threshold 0.8 --json dedup-parquet.json
$check adds-up dedup-parquet.json input.records output.kept+output.removed

# --- Bad input: the documented exit statuses ------------------------------------------------------
run 0 malformed-lenient -- "$sift" stats examples/malformed.jsonl --json malformed.json
$check json malformed.json
run 65 malformed-strict -- "$sift" stats --strict examples/malformed.jsonl
head -c 4000 support-chat.parquet > truncated.parquet
run 65 parquet-truncated-strict -- "$sift" stats --strict truncated.parquet
run 66 missing-input -- "$sift" stats no-such-file.jsonl
run 64 usage-error -- "$sift" stats --no-such-flag examples/support-chat.jsonl

# --- Synthetic data against the loopback model double ---------------------------------------------
start_double() { # start_double NAME [args]: starts a double, sets $port and $requests
  local name=$1; shift
  python3 "$root/scripts/smoke/model_double.py" --port-file "$work/$name.port" "$@" &
  pids+=($!)
  for _ in $(seq 100); do [ -s "$work/$name.port" ] && break; sleep 0.1; done
  port=$(cat "$work/$name.port")
  requests="$work/$name.port.requests"
}
start_double model
model=(--base-url "http://127.0.0.1:$port/v1" --model smoke-model --concurrency 4)
export OPENAI_API_KEY=smoke-key
head -n 6 examples/support-chat.jsonl > seeds.jsonl

run 0 synth-templates -- "$sift" synth templates templates
[ "$(ls templates | wc -l)" -ge 10 ] || { echo "smoke FAILED: synth templates wrote $(ls templates | wc -l) files" >&2; exit 1; }
run 0 synth-dry-run -- "$sift" synth self-instruct --seeds seeds.jsonl --count 20 --out dry.jsonl "${model[@]}" --dry-run
[ ! -s "$requests" ] || { echo "smoke FAILED: --dry-run sent requests" >&2; exit 1; }

run 0 synth-self-instruct -- "$sift" synth self-instruct --seeds seeds.jsonl --count 20 --out gen.jsonl --removed gen-removed.jsonl "${model[@]}" --json gen.json
$check jsonl gen.jsonl 20 provenance-model=smoke-model
before=$(wc -l < "$requests")
cp gen.jsonl gen.first.jsonl
run 0 synth-self-instruct-rerun -- "$sift" synth self-instruct --seeds seeds.jsonl --count 20 --out gen.jsonl --removed gen-removed.jsonl "${model[@]}"
cmp -s gen.jsonl gen.first.jsonl || { echo "smoke FAILED: a re-run changed gen.jsonl" >&2; exit 1; }
[ "$(wc -l < "$requests")" = "$before" ] || { echo "smoke FAILED: a finished re-run sent $(( $(wc -l < "$requests") - before )) requests" >&2; exit 1; }

run 0 synth-evol -- "$sift" synth evol --in gen.jsonl --rounds 2 --out evolved.jsonl --removed evolved-removed.jsonl "${model[@]}"
$check jsonl evolved.jsonl provenance-model=smoke-model
head -n 12 examples/eval-cases.jsonl | python3 -c 'import json,sys; [print(json.dumps({"id": r["id"], "prompt": r["input"]})) for r in map(json.loads, sys.stdin)]' > prompts.jsonl
run 0 synth-distill -- "$sift" synth distill --prompts prompts.jsonl --out distilled.jsonl "${model[@]}"
$check jsonl distilled.jsonl 12 provenance-model=smoke-model
head -n 8 examples/rag-docs.jsonl > docs.jsonl
run 0 synth-backtranslate -- "$sift" synth backtranslate --responses docs.jsonl --out pairs.jsonl "${model[@]}"
$check jsonl pairs.jsonl 8 provenance-model=smoke-model
run 0 synth-paraphrase -- "$sift" synth backtranslate --responses docs.jsonl --mode paraphrase --pivot-language German --out paraphrases.jsonl "${model[@]}"
$check jsonl paraphrases.jsonl 8 provenance-model=smoke-model

# Retries: a server that answers every new request with 429 + Retry-After first.
start_double throttled --fail-first-with 429
run 0 synth-distill-429 -- "$sift" synth distill --prompts prompts.jsonl --out throttled.jsonl --base-url "http://127.0.0.1:$port/v1" --model smoke-model --concurrency 4 --json throttled.json
$check jsonl throttled.jsonl 12
$check json throttled.json usage.retries=12 usage.completions=12
cat gen.jsonl evolved.jsonl distilled.jsonl pairs.jsonl > generated.jsonl
run 0 synth-qa -- "$sift" synth qa --in generated.jsonl --out accepted.jsonl --removed rejected.jsonl --seeds seeds.jsonl --judge --min-score 7 "${model[@]}" --json qa.json
$check jsonl-sum generated.jsonl accepted.jsonl rejected.jsonl
run 0 synth-review -- "$sift" synth review --in accepted.jsonl --sample 0.2 --out review.jsonl
run 0 synth-review-csv -- "$sift" synth review --in accepted.jsonl --sample 0.2 --out review.csv
python3 -c 'import json,sys
for line in open("review.jsonl"):
    r = json.loads(line); r["verdict"] = "accept"; print(json.dumps(r))' > review.done.jsonl
run 0 synth-accept -- "$sift" synth accept --in accepted.jsonl --reviews review.done.jsonl --min-accept 0.8 --out final.jsonl --json accept.json
$check jsonl final.jsonl @accepted.jsonl
run 0 mix -- "$sift" mix --real examples/support-chat.jsonl --synthetic final.jsonl --max-synthetic-share 0.5 --out train.jsonl --removed mix-removed.jsonl --json mix.json
$check json mix.json
$check jsonl train.jsonl

# --- sift studio: a database, users, projects (one from a file with malformed lines), the server
# and its HTTP contract, exports that sift agree reads, and a Label Studio round trip ------------
run 0 studio-init -- "$sift" studio init --db studio.sqlite
run 0 studio-init-again -- "$sift" studio init --db studio.sqlite
for who in ana:admin alice:annotator bob:annotator; do
  run 0 "studio-user-${who%%:*}" -- "$sift" studio user add --db studio.sqlite --name "${who%%:*}" --role "${who##*:}" --json
  $check json "logs/studio-user-${who%%:*}.out" name="${who%%:*}" role="${who##*:}"
done
run 0 studio-project -- "$sift" studio project create --db studio.sqlite --name sentiment --data examples/labeling-pilot-items.jsonl \
  --labels positive,negative,neutral --pilot 12 --pilot-annotators alice,bob --json
$check json logs/studio-project.out id=1 items=50 pilot_items=12
run 0 studio-project-malformed -- "$sift" studio project create --db studio.sqlite --name malformed --data examples/malformed.jsonl --labels a,b --json
$check adds-up logs/studio-project-malformed.out records items+rejected
run 64 studio-usage -- "$sift" studio project create --db studio.sqlite --name x --data examples/labeling-pilot-items.jsonl --labels a,b --scale 1-5
run 66 studio-missing-db -- "$sift" studio export --db no-such.sqlite --project 1 --out x.jsonl
"$sift" studio serve --db studio.sqlite --port 0 > studio-serve.out 2> logs/studio-serve.err &
pids+=($!)
for _ in $(seq 100); do grep -q "http://" studio-serve.out 2>/dev/null && break; sleep 0.1; done
studio_url=$(grep -o "http://[0-9.:]*" studio-serve.out)
passwords=()
for who in alice bob; do passwords+=("$who=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["password"])' "logs/studio-user-$who.out")"); done
run 0 studio-serve-api -- python3 "$root/scripts/smoke/studio_api.py" "$studio_url" 1 "${passwords[@]}"
$check json logs/studio-serve-api.out labelled=24
run 0 studio-export -- "$sift" studio export --db studio.sqlite --project sentiment --out studio-labels.jsonl
$check jsonl studio-labels.jsonl 24
run 0 studio-agree -- "$sift" agree studio-labels.jsonl --json studio-agree.json
$check json studio-agree.json items=12 verdict=pass
run 0 studio-export-labelstudio -- "$sift" studio export --db studio.sqlite --project 1 --out studio-ls.json --format labelstudio
$check json studio-ls.json
run 0 studio-copy -- "$sift" studio project create --db studio.sqlite --name copy --data examples/labeling-pilot-items.jsonl --labels positive,negative,neutral
run 0 studio-import -- "$sift" studio import --db studio.sqlite --project copy --labelstudio studio-ls.json --json
$check json logs/studio-import.out imported=24 refused=0
# label-errors' review file loads as a review project: one item per flagged record.
run 0 studio-label-errors-review -- "$sift" studio project create --db studio.sqlite --name label-errors --data label-errors-review.jsonl --review --json
$check json logs/studio-label-errors-review.out rejected=0
$check adds-up logs/studio-label-errors-review.out records items+rejected

echo "smoke: $steps commands passed with $sift"
