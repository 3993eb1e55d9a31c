#!/usr/bin/env bash
# Stops what scripts/slurm-cluster/start.sh [DIR] started, each daemon by its PID file (never by name).
# A munged that start.sh found running and reused is left alone. The directory is kept (logs); remove it
# yourself, or pass --purge as the second argument.
set -uo pipefail

L=${1:-${BEAMPIPE_SLURM_DIR:-/tmp/beampipe-slurm}}
[[ -d $L ]] || { echo "[slurm-cluster] nothing to stop: $L does not exist"; exit 0; }
L=$(cd "$L" && pwd)

stop_daemon() { # stop_daemon NAME: TERM, up to 15 s grace, then KILL
  local name=$1 pidfile=$L/run/$1.pid pid
  [[ -s $pidfile ]] || return 0
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "[slurm-cluster] $name ($pid) ignored SIGTERM; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null
    fi
    echo "[slurm-cluster] stopped $name ($pid)"
  fi
  rm -f "$pidfile"
}

stop_daemon sshd
# Jobs of this cluster only (its own SLURM_CONF): cancelled so no slurmstepd outlives the cluster.
if [[ -s $L/run/slurmctld.pid ]] && kill -0 "$(cat "$L/run/slurmctld.pid")" 2>/dev/null; then
  SLURM_CONF=$L/slurm.conf scancel --full --user=root 2>/dev/null
  for _ in $(seq 1 20); do
    [[ -z $(SLURM_CONF=$L/slurm.conf squeue -h -o %i 2>/dev/null) ]] && break
    sleep 0.5
  done
fi
stop_daemon slurmd
stop_daemon slurmctld
stop_daemon slurmdbd
stop_daemon mariadbd
if [[ -e $L/run/munged.reused ]]; then
  echo "[slurm-cluster] munged was not started by start.sh; left running"
else
  stop_daemon munged
fi

if [[ -L /usr/local/bin/wallaby_hires && $(readlink /usr/local/bin/wallaby_hires) == "$L"/* ]]; then
  rm -f /usr/local/bin/wallaby_hires
fi
if [[ ${2:-} == --purge ]]; then
  rm -rf "$L"
  echo "[slurm-cluster] removed $L"
fi
exit 0
