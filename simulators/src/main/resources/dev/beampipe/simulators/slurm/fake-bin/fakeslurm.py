"""State and behaviour of beampipe's fake Slurm commands (40-backends §4.13, §10.5).

One JSON file, ``$FAKE_SLURM_STATE/state.json``, guarded by a POSIX lock on ``state.lock``, holds the jobs,
the queue of scripted fates for the next submissions, the tool-level faults and the configuration. Job states
are computed lazily from the submit time and the job's fate, so nothing runs in the background. The Java
``SlurmScenario`` changes the state through ``fakeslurm.py admin`` (a JSON operation on stdin).
"""

import contextlib
import fcntl
import json
import os
import pwd
import re
import sys
import time

TERMINAL = {"COMPLETED", "FAILED", "TIMEOUT", "CANCELLED", "OUT_OF_MEMORY", "NODE_FAIL", "PREEMPTED",
            "BOOT_FAIL", "DEADLINE", "REVOKED", "SPECIAL_EXIT"}
NEVER_STARTED = {"BOOT_FAIL", "DEADLINE", "REVOKED"}
SHORT = {"BOOT_FAIL": "BF", "CANCELLED": "CA", "COMPLETED": "CD", "CONFIGURING": "CF", "COMPLETING": "CG",
         "DEADLINE": "DL", "FAILED": "F", "NODE_FAIL": "NF", "OUT_OF_MEMORY": "OOM", "PENDING": "PD",
         "PREEMPTED": "PR", "RUNNING": "R", "RESV_DEL_HOLD": "RD", "REQUEUE_FED": "RF", "REQUEUE_HOLD": "RH",
         "REQUEUED": "RQ", "RESIZING": "RS", "REVOKED": "RV", "SIGNALING": "SI", "SPECIAL_EXIT": "SE",
         "STAGE_OUT": "SO", "STOPPED": "ST", "SUSPENDED": "S", "TIMEOUT": "TO"}
LONG = {v: k for k, v in SHORT.items()}
FINISHED_REASON = {"FAILED": "NonZeroExitCode", "TIMEOUT": "TimeLimit", "OUT_OF_MEMORY": "OutOfMemory",
                   "NODE_FAIL": "NodeDown", "BOOT_FAIL": "NodeDown", "DEADLINE": "DeadLine"}
# (allocation exit code, .batch state, .batch exit code) of a finished job, as real Slurm records them.
END_ROWS = {"COMPLETED": ("0:0", "COMPLETED", "0:0"), "TIMEOUT": ("0:0", "CANCELLED", "0:15"),
            "CANCELLED": ("0:0", "CANCELLED", "0:15"), "OUT_OF_MEMORY": ("0:125", "OUT_OF_MEMORY", "0:125"),
            "NODE_FAIL": ("0:0", "CANCELLED", "0:9"), "PREEMPTED": ("0:0", "CANCELLED", "0:15")}
DEFAULT_FATE = {"pending": 1.0, "running": 2.0, "end": "COMPLETED", "exit": 0, "reason": "None", "hold": None,
                "batch": None, "sacct": "normal", "sacct_lag": 0.0, "cancelled_by": 0}


def fresh_state():
    return {"next_id": 1, "jobs": [], "fates": [], "default_fate": dict(DEFAULT_FATE), "faults": {},
            "clock_offset": 0.0,
            "config": {"min_job_age": 300, "partitions": ["debug"], "default_partition": "debug",
                       "accounts": None, "qos": None, "cluster": None, "node": "node01", "version": "slurm-wlm 22.05.8"}}


def state_dir():
    path = os.environ.get("FAKE_SLURM_STATE")
    if not path:
        fail(["FAKE_SLURM_STATE is not set (the fake Slurm commands keep their state there)"], 2)
    os.makedirs(path, exist_ok=True)
    return path


@contextlib.contextmanager
def locked_state(write=True):
    directory = state_dir()
    with open(os.path.join(directory, "state.lock"), "a+") as lock:
        fcntl.lockf(lock, fcntl.LOCK_EX)
        path = os.path.join(directory, "state.json")
        try:
            with open(path, encoding="utf-8") as handle:
                state = json.load(handle)
        except FileNotFoundError:
            state = fresh_state()
        try:
            yield state
        except SystemExit:
            # a command that fails on purpose has still used up a counted fault
            if write:
                save(state, path)
            raise
        if write:
            save(state, path)


def save(state, path):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(state, handle, indent=1, sort_keys=True)
    os.replace(tmp, path)


def now_of(state):
    return time.time() + float(state.get("clock_offset", 0.0))


def fail(lines, code=1):
    for line in lines:
        sys.stderr.write(line + "\n")
    sys.exit(code)


def take_fault(state, name):
    """A counted fault: a positive count is used up one call at a time, -1 stays on."""
    faults = state.setdefault("faults", {})
    entry = faults.get(name)
    if not entry:
        return None
    count = entry.get("count", -1)
    if count == 0:
        return None
    if count > 0:
        entry["count"] = count - 1
    return entry


def current_user():
    return os.environ.get("USER") or pwd.getpwuid(os.getuid()).pw_name


# ---------------------------------------------------------------------------------------------- job view

def view(job, now):
    """The job as Slurm sees it at ``now``: state, start, end, exit code, reason."""
    fate = job["fate"]
    submit = job["submit"]
    started = submit + float(fate["pending"])
    cancelled = job.get("cancelled_at")
    end_state = fate["end"]
    hold = fate.get("hold")
    v = {"start": None, "end": None, "exit": "0:0", "reason": "None", "finished": False}
    if cancelled is not None:
        ran = cancelled >= started and end_state not in NEVER_STARTED and not (hold or "").startswith("PENDING")
        v.update(state="CANCELLED", start=started if ran else None, end=cancelled, finished=True,
                 by=job.get("cancelled_by", 0))
        return v
    if now < started:
        v.update(state="PENDING", reason=fate.get("reason") or "None")
        return v
    if hold:
        v.update(state=hold, start=started if not hold.startswith("PENDING") else None,
                 reason=fate.get("reason") or "None")
        return v
    if end_state in NEVER_STARTED:
        v.update(state=end_state, end=started, finished=True, reason=FINISHED_REASON.get(end_state, "None"))
        return v
    ended = started + float(fate["running"])
    if now < ended:
        v.update(state="RUNNING", start=started)
        return v
    exit_code = "{0}:0".format(int(fate.get("exit", 0))) if end_state == "FAILED" else END_ROWS.get(
        end_state, ("0:0",))[0]
    v.update(state=end_state, start=started, end=ended, exit=exit_code, finished=True,
             reason=FINISHED_REASON.get(end_state, "None"), by=fate.get("cancelled_by", 0))
    return v


def purged(job, v, now, state):
    return v["finished"] and now >= v["end"] + float(state["config"]["min_job_age"])


def sacct_rows(job, v, now):
    """(JobID suffix, State, ExitCode) rows: the allocation then .batch and .extern, like real sacct."""
    fate = job["fate"]
    state = v["state"]
    if v["finished"]:
        lag = float(fate.get("sacct_lag", 0.0))
        mode = fate.get("sacct", "normal")
        if now < v["end"] + lag:
            if mode == "missing":
                return []
            if mode == "stale_running":
                batch = fate.get("batch") or "COMPLETED"
                return [("", "RUNNING", "0:0"), (".batch", batch, "0:0"), (".extern", "RUNNING", "0:0")]
    if state == "PENDING" or state.startswith("PENDING+") or v["start"] is None:
        label = state
        if state == "CANCELLED":
            label = "CANCELLED by {0}".format(v.get("by", 0))
        return [("", label, v["exit"])]
    if not v["finished"]:
        batch = fate.get("batch") or state
        return [("", state, "0:0"), (".batch", batch, "0:0"), (".extern", state, "0:0")]
    if state == "CANCELLED":
        return [("", "CANCELLED by {0}".format(v.get("by", 0)), "0:0"), (".batch", "CANCELLED", "0:15"),
                (".extern", "COMPLETED", "0:0")]
    if state == "FAILED":
        return [("", "FAILED", v["exit"]), (".batch", "FAILED", v["exit"]), (".extern", "COMPLETED", "0:0")]
    alloc_exit, batch_state, batch_exit = END_ROWS.get(state, ("0:0", state, "0:0"))
    return [("", state, alloc_exit), (".batch", fate.get("batch") or batch_state, batch_exit),
            (".extern", "COMPLETED", "0:0")]


def duration(seconds):
    seconds = max(0, int(seconds))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return "{0}-{1:02d}:{2:02d}:{3:02d}".format(days, hours, minutes, secs)
    if hours:
        return "{0}:{1:02d}:{2:02d}".format(hours, minutes, secs)
    return "{0}:{1:02d}".format(minutes, secs)


def stamp(epoch):
    return "Unknown" if epoch is None else time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(epoch))


def split_list(text):
    return [item for item in re.split(r"[,\s]+", text.strip()) if item]


def option_values(argv, short, long_names, takes_value=True):
    """Collects an option's values from argv (``-x v``, ``-xv``, ``--long=v``, ``--long v``); returns (values, rest)."""
    values, rest, i = [], [], 0
    while i < len(argv):
        arg = argv[i]
        matched = False
        for name in long_names:
            if arg == name and takes_value and i + 1 < len(argv):
                values.append(argv[i + 1]); i += 2; matched = True; break
            if arg == name and not takes_value:
                values.append(""); i += 1; matched = True; break
            if takes_value and arg.startswith(name + "="):
                values.append(arg[len(name) + 1:]); i += 1; matched = True; break
        if matched:
            continue
        if short and arg == short:
            if takes_value and i + 1 < len(argv):
                values.append(argv[i + 1]); i += 2
            else:
                values.append(""); i += 1
            continue
        if short and takes_value and arg.startswith(short) and not arg.startswith("--") and len(arg) > 2:
            values.append(arg[2:]); i += 1
            continue
        rest.append(arg)
        i += 1
    return values, rest


def flag(argv, *names):
    present = any(a in names for a in argv)
    return present, [a for a in argv if a not in names]


# --------------------------------------------------------------------------------------------------- sbatch

TIME_RE = re.compile(r"^(?:(\d+)-)?(\d+)(?::(\d+))?(?::(\d+))?$")


def time_minutes(text):
    """Slurm --time: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS, or UNLIMITED/INFINITE."""
    if text.upper() in ("UNLIMITED", "INFINITE"):
        return None
    m = TIME_RE.match(text)
    if not m:
        raise ValueError(text)
    days, a, b, c = m.groups()
    if days is not None:
        hours, minutes, seconds = int(a), int(b or 0), int(c or 0)
        return int(days) * 1440 + hours * 60 + minutes + (1 if seconds else 0)
    if b is None:
        return int(a)
    if c is None:
        return int(a) + (1 if int(b) else 0)
    return int(a) * 60 + int(b) + (1 if int(c) else 0)


SBATCH_OPTIONS = [("job_name", "-J", "--job-name"), ("account", "-A", "--account"), ("nodes", "-N", "--nodes"),
                  ("time", "-t", "--time"), ("partition", "-p", "--partition"), ("mem", None, "--mem"),
                  ("constraint", "-C", "--constraint"), ("qos", "-q", "--qos"), ("ntasks", "-n", "--ntasks"),
                  ("cpus_per_task", "-c", "--cpus-per-task"), ("output", "-o", "--output"),
                  ("error", "-e", "--error"), ("export", None, "--export"),
                  ("ntasks_per_node", None, "--ntasks-per-node"), ("chdir", "-D", "--chdir")]


def parse_sbatch_options(argv):
    """Options before the script path; returns (options dict, script, script args, parsable)."""
    options, i, parsable = {}, 0, False
    while i < len(argv):
        arg = argv[i]
        if arg == "--parsable":
            parsable = True; i += 1; continue
        if not arg.startswith("-") or arg == "-":
            return options, arg, argv[i + 1:], parsable
        for key, short, long_name in SBATCH_OPTIONS:
            if arg.startswith(long_name + "="):
                options[key] = arg[len(long_name) + 1:]; i += 1; break
            if arg == long_name or (short and arg == short):
                options[key] = argv[i + 1] if i + 1 < len(argv) else ""; i += 2; break
            if short and arg.startswith(short) and not arg.startswith("--"):
                options[key] = arg[len(short):]; i += 1; break
        else:
            options.setdefault("other", []).append(arg); i += 1
    return options, None, [], parsable


def script_directives(text):
    """#SBATCH lines before the first command, as sbatch reads them."""
    argv = []
    for line in text.splitlines()[1:]:
        stripped = line.strip()
        if stripped.startswith("#SBATCH"):
            argv += stripped[len("#SBATCH"):].split()
        elif stripped and not stripped.startswith("#"):
            break
    return argv


def sbatch(argv):
    options, script, script_args, parsable = parse_sbatch_options(argv)
    if script is None:
        fail(["sbatch: error: Batch script is empty!"] if sys.stdin.isatty() else
             ["sbatch: error: the fake sbatch needs a script file"])
    try:
        with open(script, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
    except OSError:
        fail(["sbatch: error: Unable to open file " + script])
    if not text.startswith("#!"):
        fail(["sbatch: error: This does not look like a batch script.  The first",
              "sbatch: error: line must start with #! followed by the path to an interpreter.",
              "sbatch: error: For instance: #!/bin/sh"])
    directives, _s, _a, _p = parse_sbatch_options(script_directives(text) + ["__script__"])
    merged = dict(directives)
    merged.update(options)
    with locked_state() as state:
        config = state["config"]
        fault = take_fault(state, "sbatch_error")
        if fault:
            fail(fault.get("stderr") or ["sbatch: error: Batch job submission failed: Unspecified error"])
        partition = merged.get("partition") or config["default_partition"]
        if partition not in config["partitions"]:
            fail(["sbatch: error: invalid partition specified: " + partition,
                  "sbatch: error: Batch job submission failed: Invalid partition name specified"])
        accounts = config.get("accounts")
        if accounts is not None and merged.get("account") not in accounts:
            fail(["sbatch: error: Batch job submission failed: Invalid account or account/partition "
                  "combination specified"])
        qos = config.get("qos")
        if qos is not None and merged.get("qos") is not None and merged["qos"] not in qos:
            fail(["sbatch: error: Batch job submission failed: Invalid qos specification"])
        limit = None
        if merged.get("time"):
            try:
                limit = time_minutes(merged["time"])
            except ValueError:
                fail(["sbatch: error: Invalid --time specification"])
        fates = state["fates"]
        fate = dict(state.get("default_fate") or DEFAULT_FATE)
        if fates:
            fate.update(fates.pop(0))
        job_id = state["next_id"]
        state["next_id"] = job_id + 1
        exported_names = [n for n in (merged.get("export") or "ALL").split(",") if n and n not in ("ALL", "NONE")]
        job = {"id": str(job_id), "name": merged.get("job_name") or os.path.basename(script),
               "account": merged.get("account"), "partition": partition, "time": merged.get("time"),
               "time_limit_minutes": limit, "nodes": merged.get("nodes") or "1", "mem": merged.get("mem"),
               "constraint": merged.get("constraint"), "qos": merged.get("qos"), "ntasks": merged.get("ntasks"),
               "cpus_per_task": merged.get("cpus_per_task"), "output": merged.get("output"),
               "error": merged.get("error"), "export": merged.get("export"),
               "exported": {n: os.environ.get(n) for n in exported_names},
               "script": os.path.abspath(script), "script_args": script_args, "argv": argv,
               "cwd": os.getcwd(), "user": current_user(), "uid": os.getuid(), "submit": now_of(state),
               "fate": fate, "cancelled_at": None, "cancelled_by": None}
        state["jobs"].append(job)
        receipt = take_fault(state, "receipt") or {}
        banner = list(config.get("banner") or []) + list(receipt.get("banner") or [])
    for line in banner:
        print(line)
    if not parsable:
        print("Submitted batch job {0}".format(job_id))
        return 0
    mode = receipt.get("mode", "normal")
    cluster = receipt.get("cluster") or config.get("cluster")
    line = str(job_id) + (";" + cluster if cluster else "")
    if mode == "invalid":
        print(receipt.get("text", "Submitted batch job {0}".format(job_id)))
    elif mode == "duplicate":
        print(line)
        print(str(job_id + 1) if receipt.get("distinct") else line)
    else:
        print(line)
    return 0


# --------------------------------------------------------------------------------------------------- squeue

SQUEUE_HEADERS = {"i": "JOBID", "j": "NAME", "T": "STATE", "t": "ST", "R": "NODELIST(REASON)", "r": "REASON",
                  "P": "PARTITION", "M": "TIME", "l": "TIME_LIMIT", "u": "USER", "D": "NODES", "a": "ACCOUNT",
                  "V": "SUBMIT_TIME", "S": "START_TIME", "N": "NODELIST", "q": "QOS", "A": "JOBID"}
# squeue's default filter: every state of a job that is not finished (so finished jobs vanish at once).
DEFAULT_SQUEUE_STATES = {"PENDING", "RUNNING", "COMPLETING", "CONFIGURING", "SUSPENDED", "REQUEUED", "REQUEUE_HOLD",
                         "REQUEUE_FED", "RESV_DEL_HOLD", "SPECIAL_EXIT", "STOPPED", "SIGNALING", "STAGE_OUT",
                         "RESIZING"}
FIELD_RE = re.compile(r"%(\.?)(\d*)([a-zA-Z])")


def squeue_field(code, job, v, now, state):
    s = v["state"]
    if code in ("i", "A"):
        return job["id"]
    if code == "j":
        return job["name"]
    if code == "T":
        return s
    if code == "t":
        return "+".join(SHORT.get(part, part) for part in s.split("+"))
    if code == "r":
        return v["reason"]
    if code == "R":
        if s == "PENDING" or s.startswith("PENDING+") or (v["start"] is None and not v["finished"]):
            return "(" + v["reason"] + ")"
        if v["finished"] and v["reason"] != "None":
            return "(" + v["reason"] + ")"
        return state["config"]["node"] if v["start"] is not None else "(None)"
    if code == "P":
        return job["partition"]
    if code == "M":
        if v["start"] is None:
            return "0:00"
        return duration((v["end"] or now) - v["start"])
    if code == "l":
        limit = job.get("time_limit_minutes")
        return "UNLIMITED" if limit is None else duration(limit * 60)
    if code == "u":
        return job["user"]
    if code == "D":
        return str(job["nodes"])
    if code == "a":
        return job.get("account") or ""
    if code == "q":
        return job.get("qos") or "normal"
    if code == "V":
        return stamp(job["submit"])
    if code == "S":
        return stamp(v["start"]) if v["start"] else "N/A"
    if code == "N":
        return state["config"]["node"] if v["start"] is not None else ""
    return ""


def render_format(fmt, values_for):
    def replace(match):
        dot, width, code = match.groups()
        value = values_for(code)
        if width:
            w = int(width)
            value = value[:w]
            value = value.rjust(w) if dot else value.ljust(w)
        return value
    return FIELD_RE.sub(replace, fmt)


def state_matches(raw, wanted):
    if "ALL" in wanted:
        return True
    parts = set(raw.split("+"))
    return bool(parts & wanted)


def squeue(argv):
    header, argv = flag(argv, "-h", "--noheader")
    header = not header
    jobs_opt, argv = option_values(argv, "-j", ["--jobs"])
    names, argv = option_values(argv, "-n", ["--name"])
    users, argv = option_values(argv, "-u", ["--user"])
    states, argv = option_values(argv, "-t", ["--states"])
    formats, argv = option_values(argv, "-o", ["--format"])
    parts, argv = option_values(argv, "-p", ["--partition"])
    fmt = formats[-1] if formats else "%.18i %.9P %.8j %.8u %.2t %.10M %.6D %R"
    wanted_ids = [i for v in jobs_opt for i in split_list(v)]
    wanted_names = set(n for v in names for n in split_list(v))
    wanted_users = set(u for v in users for u in split_list(v))
    wanted_parts = set(p for v in parts for p in split_list(v))
    wanted_states = set()
    for value in states:
        for item in split_list(value):
            item = item.upper()
            wanted_states.add(LONG.get(item, item))
    if not wanted_states:
        wanted_states = DEFAULT_SQUEUE_STATES
    with locked_state() as state:
        if take_fault(state, "controller_down"):
            fail(["slurm_load_jobs error: Unable to contact slurm controller (connect failure)"])
        now = now_of(state)
        rows, known = [], set()
        for job in state["jobs"]:
            v = view(job, now)
            if purged(job, v, now, state):
                continue
            known.add(job["id"])
            if wanted_ids and job["id"] not in wanted_ids:
                continue
            if wanted_names and job["name"] not in wanted_names:
                continue
            if wanted_users and job["user"] not in wanted_users:
                continue
            if wanted_parts and job["partition"] not in wanted_parts:
                continue
            if not state_matches(v["state"], wanted_states):
                continue
            rows.append(render_format(fmt, lambda code, j=job, vv=v: squeue_field(code, j, vv, now, state)))
        if wanted_ids and not (set(wanted_ids) & known):
            fail(["slurm_load_jobs error: Invalid job id specified"])
    if header:
        print(render_format(fmt, lambda code: SQUEUE_HEADERS.get(code, code.upper())))
    for row in rows:
        print(row)
    return 0


# ---------------------------------------------------------------------------------------------------- sacct

SACCT_WIDTH = {"jobid": 12, "jobidraw": 12, "jobname": 10, "state": 10, "exitcode": 8, "reason": 10,
               "partition": 10, "account": 10, "elapsed": 10, "start": 19, "end": 19, "submit": 19,
               "timelimit": 10, "user": 9, "nnodes": 8}
SACCT_HEADER = {"jobid": "JobID", "jobidraw": "JobIDRaw", "jobname": "JobName", "state": "State",
                "exitcode": "ExitCode", "reason": "Reason", "partition": "Partition", "account": "Account",
                "elapsed": "Elapsed", "start": "Start", "end": "End", "submit": "Submit",
                "timelimit": "Timelimit", "user": "User", "nnodes": "NNodes"}


def parse_start_time(text):
    for fmt in ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d"):
        try:
            return time.mktime(time.strptime(text, fmt))
        except ValueError:
            pass
    fail(["sacct: error: Invalid time specification (pos=0): " + text])


def sacct_field(name, job, v, suffix, state_text, exit_code, now):
    if name in ("jobid", "jobidraw"):
        return job["id"] + suffix
    if name == "jobname":
        return job["name"] if not suffix else suffix[1:]
    if name == "state":
        return state_text
    if name == "exitcode":
        return exit_code
    if name == "reason":
        return v["reason"] if not suffix else ""
    if name == "partition":
        return job["partition"] if not suffix else ""
    if name == "account":
        return job.get("account") or ""
    if name == "elapsed":
        if v["start"] is None:
            return "00:00:00"
        seconds = int((v["end"] or now) - v["start"])
        return "{0:02d}:{1:02d}:{2:02d}".format(seconds // 3600, seconds % 3600 // 60, seconds % 60)
    if name == "start":
        return stamp(v["start"])
    if name == "end":
        return stamp(v["end"])
    if name == "submit":
        return stamp(job["submit"])
    if name == "timelimit":
        limit = job.get("time_limit_minutes")
        return "UNLIMITED" if limit is None else duration(limit * 60)
    if name == "user":
        return job["user"] if not suffix else ""
    if name == "nnodes":
        return str(job["nodes"])
    return ""


def sacct(argv):
    noheader, argv = flag(argv, "-n", "--noheader")
    allocations, argv = flag(argv, "-X", "--allocations")
    parsable2, argv = flag(argv, "-P", "--parsable2")
    parsable, argv = flag(argv, "-p", "--parsable")
    all_users, argv = flag(argv, "-a", "--allusers")
    jobs_opt, argv = option_values(argv, "-j", ["--jobs"])
    formats, argv = option_values(argv, "-o", ["--format"])
    names, argv = option_values(argv, None, ["--name"])
    starts, argv = option_values(argv, "-S", ["--starttime"])
    users, argv = option_values(argv, "-u", ["--user"])
    fields = [f.strip().lower().split("%")[0] for v in formats for f in v.split(",") if f.strip()] or \
        ["jobid", "jobname", "partition", "account", "state", "exitcode"]
    wanted_ids = [i for v in jobs_opt for i in split_list(v)]
    wanted_names = set(n for v in names for n in split_list(v))
    wanted_users = set(u for v in users for u in split_list(v))
    if not wanted_users and not all_users:
        wanted_users = {current_user()}
    if starts:
        since = parse_start_time(starts[-1])
    elif wanted_ids:
        since = 0.0
    else:
        today = time.localtime()
        since = time.mktime((today.tm_year, today.tm_mon, today.tm_mday, 0, 0, 0, 0, 0, -1))
    rows = []
    with locked_state() as state:
        if take_fault(state, "accounting_disabled"):
            fail(["Slurm accounting storage is disabled"])
        now = now_of(state)
        for job in state["jobs"]:
            if wanted_ids and job["id"] not in wanted_ids:
                continue
            if wanted_names and job["name"] not in wanted_names:
                continue
            if not wanted_ids and job["user"] not in wanted_users:
                continue
            v = view(job, now)
            if v["end"] is not None and v["end"] < since:
                continue
            for suffix, state_text, exit_code in sacct_rows(job, v, now):
                if allocations and suffix:
                    continue
                rows.append([sacct_field(f, job, v, suffix, state_text, exit_code, now) for f in fields])
    out = []
    if parsable or parsable2:
        tail = "|" if parsable else ""
        if not noheader:
            out.append("|".join(SACCT_HEADER.get(f, f) for f in fields) + tail)
        out += ["|".join(r) + tail for r in rows]
    else:
        widths = [SACCT_WIDTH.get(f, 10) for f in fields]

        def cell(text, w, field):
            text = (text[:w - 1] + "+") if len(text) > w else text
            return text.ljust(w) if field in ("jobid", "jobidraw") else text.rjust(w)
        if not noheader:
            out.append(" ".join(cell(SACCT_HEADER.get(f, f), w, f) for f, w in zip(fields, widths)) + " ")
            out.append(" ".join("-" * w for w in widths) + " ")
        out += [" ".join(cell(c, w, f) for c, w, f in zip(r, widths, fields)) + " " for r in rows]
    for line in out:
        print(line)
    return 0


# ------------------------------------------------------------------------------------ scancel, scontrol, sinfo

def cancel_ids(state, ids, uid):
    now = now_of(state)
    cancelled = []
    for job in state["jobs"]:
        if job["id"] in ids and not view(job, now)["finished"]:
            job["cancelled_at"] = now
            job["cancelled_by"] = uid
            cancelled.append(job["id"])
    return cancelled


def scancel(argv):
    ids = [a.split("_")[0] for a in argv if re.fullmatch(r"\d+(_\d+)?", a)]
    uid = int(os.environ.get("FAKE_SLURM_UID", os.getuid()))
    with locked_state() as state:
        cancel_ids(state, set(ids), uid)
    return 0


def log_path(job, key):
    pattern = job.get(key) or job.get("output") or "slurm-%j.out"
    path = pattern.replace("%j", job["id"]).replace("%x", job["name"]).replace("%u", job["user"])
    return path if os.path.isabs(path) else os.path.join(job["cwd"], path)


def scontrol(argv):
    one_line, argv = flag(argv, "-o", "--oneliner")
    words = [a for a in argv if not a.startswith("-")]
    if len(words) >= 2 and words[0] == "show" and words[1] in ("job", "jobs"):
        wanted = words[2] if len(words) > 2 else None
        with locked_state(write=False) as state:
            now = now_of(state)
            shown = []
            for job in state["jobs"]:
                v = view(job, now)
                if purged(job, v, now, state) or (wanted and job["id"] != wanted):
                    continue
                limit = job.get("time_limit_minutes")
                fields = [["JobId=" + job["id"], "JobName=" + job["name"]],
                          ["UserId={0}({1})".format(job["user"], job["uid"]), "Account=" + (job.get("account") or "(null)")],
                          ["JobState=" + v["state"], "Reason=" + v["reason"], "Dependency=(null)"],
                          ["ExitCode=" + v["exit"]],
                          ["RunTime=" + duration(((v["end"] or now) - v["start"]) if v["start"] else 0),
                           "TimeLimit=" + ("UNLIMITED" if limit is None else duration(limit * 60))],
                          ["SubmitTime=" + stamp(job["submit"])],
                          ["StartTime=" + stamp(v["start"]), "EndTime=" + stamp(v["end"])],
                          ["Partition=" + job["partition"]],
                          ["NumNodes=" + str(job["nodes"])],
                          ["Command=" + job["script"]],
                          ["WorkDir=" + job["cwd"]],
                          ["StdErr=" + log_path(job, "error")], ["StdOut=" + log_path(job, "output")]]
                if one_line:
                    shown.append(" ".join(" ".join(line) for line in fields))
                else:
                    shown.append("\n".join("   " + " ".join(line) for line in fields).lstrip() + "\n")
            if wanted and not shown:
                fail(["slurm_load_jobs error: Invalid job id specified"])
        print("\n".join(shown))
        return 0
    if words[:1] == ["ping"]:
        print("Slurmctld(primary) at fake-login is UP")
        return 0
    fail(["scontrol: the fake supports only 'show job [<id>]' and 'ping'"])


def sinfo(argv):
    if "--version" in argv or "-V" in argv:
        with locked_state(write=False) as state:
            print(state["config"].get("version", "slurm-wlm 22.05.8"))
        return 0
    noheader, argv = flag(argv, "-h", "--noheader")
    formats, argv = option_values(argv, "-o", ["--format"])
    fmt = formats[-1] if formats else "%9P %.5a %.10l %.6D %.6t %N"
    headers = {"P": "PARTITION", "a": "AVAIL", "l": "TIMELIMIT", "D": "NODES", "t": "STATE", "N": "NODELIST",
               "T": "STATE"}
    with locked_state(write=False) as state:
        config = state["config"]
        rows = []
        for partition in config["partitions"]:
            name = partition + ("*" if partition == config["default_partition"] else "")
            values = {"P": name, "a": "up", "l": "infinite", "D": "1", "t": "mix", "T": "mixed",
                      "N": config["node"]}
            rows.append(render_format(fmt, lambda code, vv=values: vv.get(code, "")))
    if not noheader:
        print(render_format(fmt, lambda code: headers.get(code, code.upper())))
    for row in rows:
        print(row)
    return 0


# ------------------------------------------------------------------------------------------------ admin API

def admin(_argv):
    """One JSON operation on stdin, one JSON answer on stdout: the Java SlurmScenario's way in."""
    op = json.load(sys.stdin)
    kind = op["op"]
    with locked_state(write=kind != "dump") as state:
        if kind == "queue_fate":
            state["fates"].append(op["fate"])
        elif kind == "default_fate":
            fate = dict(DEFAULT_FATE)
            fate.update(op["fate"])
            state["default_fate"] = fate
        elif kind == "fault":
            if op.get("count", -1) == 0:
                state["faults"].pop(op["name"], None)
            else:
                entry = dict(op.get("detail") or {})
                entry["count"] = op.get("count", -1)
                state["faults"][op["name"]] = entry
        elif kind == "clear_faults":
            state["faults"] = {}
        elif kind == "config":
            state["config"].update(op["config"])
        elif kind == "advance":
            state["clock_offset"] = float(state.get("clock_offset", 0.0)) + float(op["seconds"])
        elif kind == "cancel":
            print(json.dumps({"cancelled": cancel_ids(state, {str(op["id"])}, int(op.get("uid", 0)))}))
            return 0
        elif kind != "dump":
            fail(["unknown admin op " + kind], 2)
        now = now_of(state)
        jobs = []
        for job in state["jobs"]:
            v = view(job, now)
            shown = dict(job)
            shown["state"] = v["state"]
            shown["finished"] = v["finished"]
            jobs.append(shown)
        print(json.dumps({"jobs": jobs, "fates": state["fates"], "faults": state["faults"],
                          "config": state["config"], "now": now}))
    return 0


COMMANDS = {"sbatch": sbatch, "squeue": squeue, "sacct": sacct, "scancel": scancel, "scontrol": scontrol,
            "sinfo": sinfo, "admin": admin}


def main(name, argv):
    sys.exit(COMMANDS[name](argv) or 0)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
