#!/usr/bin/env bash
# Proves the running test cluster through its sshd with plain OpenSSH, the way the worker will use it:
# sbatch --parsable, squeue/sacct/scancel through ssh, and the real COMPLETED, FAILED (exit 3) and
# CANCELLED (`CANCELLED by 0`) outcomes; with --timeout also TIMEOUT (--time=1 + sleep, ~75 s).
# Exits non-zero on the first mismatch.
#
#   scripts/slurm-cluster/smoke.sh [--timeout] [ENV_FILE]   (default /tmp/beampipe-slurm/slurm-test.env)
set -euo pipefail

WITH_TIMEOUT=false
if [[ ${1:-} == --timeout ]]; then WITH_TIMEOUT=true; shift; fi
ENV_FILE=${1:-${BEAMPIPE_TEST_SLURM_ENV:-/tmp/beampipe-slurm/slurm-test.env}}
[[ -r $ENV_FILE ]] || { echo "smoke: no env file $ENV_FILE (run start.sh first)" >&2; exit 2; }
# shellcheck disable=SC1090
source "$ENV_FILE"

SSH=(ssh -q -i "$BEAMPIPE_TEST_SLURM_PRIVATE_KEY" -p "$BEAMPIPE_TEST_SLURM_PORT" -o BatchMode=yes
     -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$BEAMPIPE_TEST_SLURM_KNOWN_HOSTS"
     "$BEAMPIPE_TEST_SLURM_USER@$BEAMPIPE_TEST_SLURM_HOST")
OUT=$BEAMPIPE_TEST_SLURM_HOME_DIR/smoke
TAG=smoke-$$-$(date +%s)
FAILURES=0

remote() { "${SSH[@]}" "$@"; }
fail() { echo "smoke: FAIL: $*" >&2; FAILURES=$((FAILURES + 1)); }
pass() { echo "smoke: ok   $*"; }

submit() { # submit NAME SBATCH-ARGS... → job id (checks the --parsable receipt)
  local name=$1; shift
  local receipt
  receipt=$(remote "mkdir -p $OUT && sbatch --parsable --job-name=$TAG-$name --account=$BEAMPIPE_TEST_SLURM_ACCOUNT --partition=$BEAMPIPE_TEST_SLURM_PARTITION --output=$OUT/%j.out $*")
  [[ $receipt =~ ^[0-9]+$ ]] || { echo "smoke: FAIL: sbatch --parsable printed '$receipt'" >&2; exit 1; }
  echo "$receipt"
}

# sacct_state ID → the allocation row "id|State|ExitCode" once the job is final, else empty.
sacct_row() { remote "sacct -j $1 --format=JobID,State,ExitCode -P -n" | grep -E "^$1\|" || true; }

await_row() { # await_row ID PATTERN SECONDS
  local id=$1 pattern=$2 limit=$3 row=""
  local deadline=$(( $(date +%s) + limit ))
  while (( $(date +%s) < deadline )); do
    row=$(sacct_row "$id")
    if [[ $row =~ $pattern ]]; then echo "$row"; return 0; fi
    sleep 1
  done
  echo "$row"
  return 1
}

started=$(date +%s)
ok_id=$(submit ok --wrap "'sleep 5'")
fail_id=$(submit fail --wrap "'exit 3'")
cancel_id=$(submit cancel --wrap "'sleep 300'")
if $WITH_TIMEOUT; then timeout_id=$(submit timeout --time=1 --wrap "'sleep 300'"); fi
pass "sbatch --parsable receipts: $ok_id $fail_id $cancel_id ${timeout_id:-}"

rows=$(remote "squeue -h --name=$TAG-ok,$TAG-cancel -o '%i|%j|%T|%R'")
if grep -qE "^$ok_id\|$TAG-ok\|(PENDING|RUNNING|COMPLETING)\|" <<<"$rows"; then pass "squeue lists the job: $(grep -E "^$ok_id\|" <<<"$rows")"; else fail "squeue rows: $rows"; fi

# Cancel once it runs (or pends): sacct must show the canceller's uid.
sleep 1
remote "scancel -- $cancel_id" || fail "scancel exited non-zero"
if row=$(await_row "$cancel_id" '^[0-9]+\|CANCELLED by 0\|' 30); then pass "cancelled: $row"; else fail "cancelled job row: '$row'"; fi
if remote "scancel -- 999999999"; then pass "scancel of an unknown id exits 0"; else fail "scancel of an unknown id exited non-zero"; fi

if row=$(await_row "$fail_id" '^[0-9]+\|FAILED\|3:0$' 60); then pass "failed: $row"; else fail "failed job row: '$row'"; fi
if row=$(await_row "$ok_id" '^[0-9]+\|COMPLETED\|0:0$' 60); then pass "completed: $row"; else fail "completed job row: '$row'"; fi

# A finished job is gone from squeue -j (default states) but still known to slurmctld (MinJobAge=300).
set +e
err=$(remote "squeue -h --jobs=$ok_id -o '%i|%T'" 2>&1); rc=$?
set -e
if [[ $rc -eq 0 && -z $err ]]; then pass "finished job not listed by squeue -j (exit 0, empty)"; else fail "squeue -j finished: rc=$rc '$err'"; fi
all=$(remote "squeue -h -t all --jobs=$fail_id -o '%T|%r'")
if [[ $all == "FAILED|NonZeroExitCode" ]]; then pass "squeue -t all: $all"; else fail "squeue -t all: '$all'"; fi
set +e
err=$(remote "squeue -h --jobs=999999999 -o '%i|%T'" 2>&1); rc=$?
set -e
if [[ $rc -eq 1 && $err == *"Invalid job id specified"* ]]; then pass "unknown id: exit 1, '$err'"; else fail "squeue unknown id: rc=$rc '$err'"; fi

bad=$(remote "sbatch --parsable --account=nosuch --wrap true" 2>&1) && fail "sbatch with an unknown account succeeded: $bad" \
  || { [[ $bad == *"Invalid account"* ]] && pass "unknown account refused: ${bad##*error: }" || fail "unknown account: '$bad'"; }

if $WITH_TIMEOUT; then
  if row=$(await_row "$timeout_id" '^[0-9]+\|TIMEOUT\|' 150); then pass "timeout after $(( $(date +%s) - started ))s: $row"; else fail "timeout job row: '$row'"; fi
fi

echo "smoke: $FAILURES failure(s) in $(( $(date +%s) - started ))s"
[[ $FAILURES -eq 0 ]]
