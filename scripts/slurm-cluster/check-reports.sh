#!/usr/bin/env bash
# Fails unless the surefire/failsafe XML reports show the real-Slurm tests were executed (not skipped):
# a CI run whose cluster silently failed to start, or whose BEAMPIPE_TEST_SLURM_ENV did not reach the test JVMs,
# would otherwise pass with every @RequiresRealSlurm test skipped.
#
#   scripts/slurm-cluster/check-reports.sh [REPO]
#
# Checked: every class whose source uses @RequiresRealSlurm, plus the EXPECTED entries below (Class or
# Class#method). An expected entry whose source is not in the repository is reported and skipped.
set -euo pipefail
REPO=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
cd "$REPO"

EXPECTED=(
  dev.beampipe.model.testing.RealSlurmClusterTest
  dev.beampipe.worker.slurm.RealSlurmExecutionScenariosTest
  dev.beampipe.systemtests.slurm.SlurmCrashIT#againstRealSlurm
)

# executed CLASS [METHOD]: testcases of CLASS (named METHOD when given) that ran, i.e. have no <skipped/>.
executed() {
  local class=$1 method=${2:-} reports
  reports=$(find . -path '*/target/*-reports/*' -name "TEST-$class.xml" 2>/dev/null)
  [[ -n $reports ]] || { echo 0; return; }
  # shellcheck disable=SC2086
  awk -v m="$method" '
    function close_case() { if (open && !skipped && matched) n++; open = 0 }
    /<testcase / {
      close_case()
      open = 1; skipped = 0
      matched = (m == "") || index($0, "name=\"" m "\"") || index($0, "name=\"" m "(") || index($0, "name=\"" m "[")
      if ($0 ~ /\/>[[:space:]]*$/) close_case()
    }
    /<skipped/ { skipped = 1 }
    /<\/testcase>/ { close_case() }
    END { print n + 0 }' $reports | awk '{ s += $1 } END { print s + 0 }'
}

source_of() { # source_of CLASS → path of its .java file under */src/test/java, or nothing
  find . -path "*/src/test/java/${1//.//}.java" -not -path './.git/*' 2>/dev/null | head -n1
}

declare -A CHECK=()
for entry in "${EXPECTED[@]}"; do CHECK[$entry]=1; done
while IFS= read -r file; do
  class=${file#*/src/test/java/}; class=${class%.java}; class=${class//\//.}
  [[ $class == dev.beampipe.model.testing.RequiresRealSlurm ]] && continue
  if ! printf '%s\n' "${!CHECK[@]}" | grep -q "^$class#"; then CHECK[$class]=1; fi
done < <(grep -rl --include='*.java' '@RequiresRealSlurm' . 2>/dev/null | grep '/src/test/java/' || true)

failed=0
total=0
for entry in $(printf '%s\n' "${!CHECK[@]}" | sort); do
  class=${entry%%#*}; method=
  [[ $entry == *#* ]] && method=${entry#*#}
  if [[ -z $(source_of "$class") ]]; then
    echo "real-slurm check: $entry — no source in this checkout, not checked"
    continue
  fi
  n=$(executed "$class" "$method")
  total=$((total + n))
  if (( n == 0 )); then
    echo "real-slurm check: FAIL $entry — no executed test in the surefire/failsafe reports" >&2
    failed=1
  else
    echo "real-slurm check: ok   $entry — $n executed"
  fi
done
if (( total == 0 )); then
  echo "real-slurm check: FAIL no real-Slurm test executed at all" >&2
  failed=1
fi
exit $failed
