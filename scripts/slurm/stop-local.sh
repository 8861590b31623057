#!/usr/bin/env bash
# Stops the one-node Slurm started by scripts/slurm/start-local.sh (its daemons, by their pid
# files) and waits for them to exit.
STATE=${SIFT_SLURM_DIR:-/tmp/sift-slurm}
for daemon in slurmd slurmctld; do
  [ -s "$STATE/$daemon.pid" ] || continue
  pid=$(cat "$STATE/$daemon.pid")
  kill "$pid" 2>/dev/null || continue
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
done
exit 0
