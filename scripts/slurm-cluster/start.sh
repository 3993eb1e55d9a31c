#!/usr/bin/env bash
# Brings up the real one-node Slurm 22.05 test cluster (spec 40-backends §11): munged, mariadbd on
# 127.0.0.1:13306, slurmdbd (16819), slurmctld (16817), slurmd (16818) and an sshd login node on
# 127.0.0.1:2222, all configured and logged under one private directory (default /tmp/beampipe-slurm).
# Writes <dir>/slurm-test.env for the tests (BEAMPIPE_TEST_SLURM_ENV=<dir>/slurm-test.env).
#
#   scripts/slurm-cluster/start.sh [DIR]      (as root; stop with scripts/slurm-cluster/stop.sh [DIR])
#
# Running it again while the cluster is up reuses the running daemons and rewrites nothing that they use.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
L=${1:-${BEAMPIPE_SLURM_DIR:-/tmp/beampipe-slurm}}
mkdir -p "$L"
L=$(cd "$L" && pwd)
HOST=$(hostname)
STARTED_AT=$(date +%s)
export SLURM_CONF=$L/slurm.conf

log() { printf '[slurm-cluster %3ds] %s\n' "$(( $(date +%s) - STARTED_AT ))" "$*"; }
die() { printf '[slurm-cluster] ERROR: %s\n' "$*" >&2; exit 1; }

# alive PIDFILE: the daemon recorded in PIDFILE is running.
alive() { [[ -s $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# wait_for SECONDS DESCRIPTION COMMAND...: retries COMMAND every 0.5 s.
wait_for() {
  local limit=$1 what=$2; shift 2
  local deadline=$(( $(date +%s) + limit ))
  until "$@" >/dev/null 2>&1; do
    if (( $(date +%s) >= deadline )); then
      die "$what did not come up within ${limit}s (logs in $L/log)"
    fi
    sleep 0.5
  done
}

[[ $(id -u) -eq 0 ]] || die "run as root (the daemons run as root, as in spec §11)"
for tool in munged mungekey mariadbd mariadb-install-db slurmdbd slurmctld slurmd sacctmgr sinfo sacct sshd ssh-keygen ssh-keyscan; do
  command -v "$tool" >/dev/null || [[ -x /usr/sbin/$tool ]] \
    || die "missing $tool: apt-get install -y slurm-wlm munge slurmdbd mariadb-server openssh-server"
done
export PATH=$PATH:/usr/sbin:/sbin

mkdir -p "$L"/{munge,log,run,mysql/data,ssh,state/ctld,state/d,login,dlg,home,dlg-logs,jobs}
chmod 700 "$L/munge" "$L/ssh"

render() { # render TEMPLATE TARGET: substitutes @L@, @HOST@, @PYTHONPATH@, @DBPASS@
  sed -e "s#@L@#$L#g" -e "s#@HOST@#$HOST#g" -e "s#@PYTHONPATH@#$PYTHONPATH_LOGIN#g" \
      -e "s#@DBPASS@#$DBPASS#g" "$1" > "$2.tmp"
  mv "$2.tmp" "$2"
}

# --- the login node's software: fake DALiuGE + wallaby_hires (simulators resources, spec §10.5) ----------
FAKE=$REPO/simulators/src/main/resources/dev/beampipe/simulators/slurm
if [[ -d $FAKE/dlg ]]; then
  # $L/login = a site's software tree: the `dlg` package, the `wallaby_hires` module and its executable.
  rm -rf "$L/login.new" && mkdir -p "$L/login.new/bin"
  cp -r "$FAKE/dlg" "$L/login.new/dlg"
  cp "$FAKE/wallaby_hires.py" "$L/login.new/"
  cp "$FAKE/dlg-bin/wallaby_hires" "$L/login.new/bin/wallaby_hires"
  chmod 755 "$L/login.new/bin/wallaby_hires"
  find "$L/login.new" -name '__pycache__' -prune -exec rm -rf {} +
  rm -rf "$L/login" && mv "$L/login.new" "$L/login"
  WALLABY=$L/login/bin/wallaby_hires
  # A login shell (bash -l) resets PATH in /etc/profile, so the tool must be on the system PATH.
  if [[ -L /usr/local/bin/wallaby_hires || ! -e /usr/local/bin/wallaby_hires ]]; then
    ln -sfn "$WALLABY" /usr/local/bin/wallaby_hires
  else
    log "WARNING: /usr/local/bin/wallaby_hires exists and is not ours; left alone"
  fi
else
  WALLABY=
  log "WARNING: $FAKE/dlg not found; the login node has no fake DALiuGE (plain sbatch still works)"
fi
PYTHONPATH_LOGIN=$L/login
cat > "$L/task-prolog.sh" <<EOF
#!/bin/sh
echo "export PYTHONPATH=$PYTHONPATH_LOGIN"
EOF
chmod 755 "$L/task-prolog.sh"

# --- munge (default socket; slurmctld<->slurmdbd and sacctmgr always use it) -----------------------------
if alive "$L/run/munged.pid"; then
  log "munged already running (ours)"
elif munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  log "reusing the munged already answering on the default socket"
  touch "$L/run/munged.reused"
else
  rm -f "$L/run/munged.reused"
  [[ -s $L/munge/munge.key ]] || mungekey --create --keyfile="$L/munge/munge.key" --force
  chmod 600 "$L/munge/munge.key"
  mkdir -p /run/munge
  munged --force --key-file="$L/munge/munge.key" --log-file="$L/log/munged.log" \
         --pid-file="$L/run/munged.pid" --seed-file="$L/munge/munged.seed"
  wait_for 10 munged sh -c 'munge -n | unmunge'
  log "munged started"
fi

# --- MariaDB for slurmdbd, private datadir, 127.0.0.1:13306 ---------------------------------------------
MYSQL=(mariadb --no-defaults --socket="$L/mysql/mysql.sock" -u root)
if [[ ! -d $L/mysql/data/mysql ]]; then
  mariadb-install-db --no-defaults --datadir="$L/mysql/data" --user=root \
    --auth-root-authentication-method=normal >"$L/log/mariadb-install.log" 2>&1 \
    || die "mariadb-install-db failed, see $L/log/mariadb-install.log"
fi
if alive "$L/run/mariadbd.pid"; then
  log "mariadbd already running"
else
  nohup mariadbd --no-defaults --datadir="$L/mysql/data" --socket="$L/mysql/mysql.sock" --port=13306 \
    --bind-address=127.0.0.1 --skip-name-resolve --user=root --pid-file="$L/run/mariadbd.pid" \
    --log-error="$L/log/mariadbd.log" </dev/null >/dev/null 2>&1 &
  wait_for 30 mariadbd "${MYSQL[@]}" -e 'SELECT 1'
  log "mariadbd started"
fi
if [[ ! -s $L/dbpass ]]; then
  (umask 077 && head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$L/dbpass")
fi
DBPASS=$(cat "$L/dbpass")
"${MYSQL[@]}" -e "CREATE USER IF NOT EXISTS 'slurm'@'127.0.0.1' IDENTIFIED BY '$DBPASS';
  ALTER USER 'slurm'@'127.0.0.1' IDENTIFIED BY '$DBPASS';
  GRANT ALL ON slurm_acct_db.* TO 'slurm'@'127.0.0.1';"

# --- Slurm configuration and daemons --------------------------------------------------------------------
render "$HERE/slurm.conf.in" "$L/slurm.conf"
(umask 077 && render "$HERE/slurmdbd.conf.in" "$L/slurmdbd.conf")
chmod 600 "$L/slurmdbd.conf"

if alive "$L/run/slurmdbd.pid"; then log "slurmdbd already running"; else
  slurmdbd
  wait_for 30 slurmdbd sacctmgr -n show cluster
  log "slurmdbd started"
fi
if alive "$L/run/slurmctld.pid"; then log "slurmctld already running"; else
  slurmctld
  wait_for 30 slurmctld scontrol ping
  log "slurmctld started"
fi
if alive "$L/run/slurmd.pid"; then log "slurmd already running"; else
  slurmd -N "$HOST"
  log "slurmd started"
fi

# Accounts (AccountingStorageEnforce=associations refuses jobs without them). The cluster registers itself
# in slurmdbd when slurmctld connects; the association can only be added after that.
wait_for 30 "cluster registration" sh -c "sacctmgr -n -P show cluster format=cluster | grep -qx beamlab"
if [[ -z $(sacctmgr -n -P show account science format=account) ]]; then
  sacctmgr -i add account science Description=test Organization=test >/dev/null
fi
if [[ -z $(sacctmgr -n -P show assoc where user=root account=science format=user) ]]; then
  sacctmgr -i add user root Account=science >/dev/null
fi
wait_for 60 "node $HOST idle" sh -c "sinfo -h -N -n '$HOST' -o '%t' | grep -qx idle"
wait_for 30 "sacct" sacct -n -X -j 1
# slurmctld learns about the new association from slurmdbd asynchronously; a test job proves it end to end.
wait_for 30 "association root/science in slurmctld" \
  sh -c "scontrol show assoc_mgr users=root accounts=science flags=assoc | grep -q 'Account=science'"
log "slurm ready: $(sinfo -h -o '%P|%D|%t' | tr '\n' ' ')"

# --- sshd login node on 127.0.0.1:2222 ------------------------------------------------------------------
[[ -s $L/ssh/host_ed25519 ]] || ssh-keygen -q -t ed25519 -N '' -C beampipe-test-host -f "$L/ssh/host_ed25519"
[[ -s $L/ssh/id_ed25519 ]] || ssh-keygen -q -t ed25519 -N '' -C beampipe-test-client -f "$L/ssh/id_ed25519"
chmod 600 "$L/ssh/host_ed25519" "$L/ssh/id_ed25519"
cp "$L/ssh/id_ed25519.pub" "$L/ssh/authorized_keys"
chmod 600 "$L/ssh/authorized_keys"
render "$HERE/sshd_config.in" "$L/ssh/sshd_config"
mkdir -p /run/sshd
if alive "$L/run/sshd.pid"; then
  kill -HUP "$(cat "$L/run/sshd.pid")"   # re-reads the (possibly re-rendered) config
  log "sshd already running (reloaded)"
else
  /usr/sbin/sshd -t -f "$L/ssh/sshd_config" || die "invalid $L/ssh/sshd_config"
  /usr/sbin/sshd -f "$L/ssh/sshd_config" -E "$L/log/sshd.log"
  log "sshd started"
fi
wait_for 15 "sshd on 127.0.0.1:2222" sh -c "ssh-keyscan -p 2222 -t ed25519 127.0.0.1 2>/dev/null | grep -q ssh-ed25519"
ssh-keyscan -p 2222 -t ed25519 127.0.0.1 2>/dev/null > "$L/ssh/known_hosts.tmp"
mv "$L/ssh/known_hosts.tmp" "$L/ssh/known_hosts"

SSH=(ssh -q -i "$L/ssh/id_ed25519" -p 2222 -o BatchMode=yes -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes
     -o UserKnownHostsFile="$L/ssh/known_hosts" root@127.0.0.1)
"${SSH[@]}" 'bash -lc "sinfo -h -o %P && command -v sbatch squeue sacct scancel >/dev/null"' >/dev/null \
  || die "the login node over ssh cannot reach the cluster (see $L/log/sshd.log)"
if [[ -n $WALLABY ]]; then
  "${SSH[@]}" "bash -lc 'wallaby_hires --version && python3 -c \"import dlg.deploy.create_dlg_job; import wallaby_hires\"'" >/dev/null \
    || die "the login shell over ssh does not find wallaby_hires or the fake dlg package"
fi

cat > "$L/slurm-test.env.tmp" <<EOF
BEAMPIPE_TEST_SLURM_HOST=127.0.0.1
BEAMPIPE_TEST_SLURM_PORT=2222
BEAMPIPE_TEST_SLURM_USER=root
BEAMPIPE_TEST_SLURM_PRIVATE_KEY=$L/ssh/id_ed25519
BEAMPIPE_TEST_SLURM_KNOWN_HOSTS=$L/ssh/known_hosts
BEAMPIPE_TEST_SLURM_DLG_ROOT=$L/dlg
BEAMPIPE_TEST_SLURM_ACCOUNT=science
BEAMPIPE_TEST_SLURM_PARTITION=debug
BEAMPIPE_TEST_SLURM_HOME_DIR=$L/home
BEAMPIPE_TEST_SLURM_LOG_DIR=$L/dlg-logs
BEAMPIPE_TEST_SLURM_CONF=$L/slurm.conf
EOF
mv "$L/slurm-test.env.tmp" "$L/slurm-test.env"
log "cluster up in $(( $(date +%s) - STARTED_AT ))s; BEAMPIPE_TEST_SLURM_ENV=$L/slurm-test.env"
