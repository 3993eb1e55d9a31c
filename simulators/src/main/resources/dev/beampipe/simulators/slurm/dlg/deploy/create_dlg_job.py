"""Fake ``python3 -m dlg.deploy.create_dlg_job`` (40-backends §4.5–§4.6, §10.5).

Only what beampipe runs: ``--action submit -f <facility> -P <pgt> --config_file <ini> [--slurm_template <t>]``
with ``remote = False`` and ``submit = False``. Like DALiuGE it reads the INI with ``configparser`` and
``ExtendedInterpolation`` (section names ignored, keys lower-cased, empty values dropped, so a ``$`` in
MODULES/VENV fails), needs ``DLG_ROOT`` in the environment, creates
``$DLG_ROOT/workspace/<pgt name before the first _, minus .pgt.graph>_<YYYY-MM-DDTHH-MM-SS>/``, copies the PGT
there, writes ``jobsub.sh`` and prints ``Created job submission script <path>``. It never runs sbatch.
"""

import argparse
import configparser
import datetime
import os
import shutil
import string
import sys

DEFAULT_TEMPLATE = """#!/bin/bash --login

#SBATCH --nodes=$NUM_NODES
#SBATCH --ntasks-per-node=1
#SBATCH --cpus-per-task=1
#SBATCH --job-name=DALiuGE-$SESSION_ID
#SBATCH --time=$JOB_DURATION
#SBATCH --output=$SESSION_DIR/slurm-%j.out
#SBATCH --error=$SESSION_DIR/slurm-%j.err
$MODULES
export DLG_ROOT=$DLG_ROOT
$VENV
"""

FACILITIES = ("setonix", "galaxy", "galaxy_mwa", "galaxy_askap", "magnus", "hyades", "ood", "ood_cloud",
              "tianhe2", "shao", "pawsey", "local", "beamlab")


def read_ini(path):
    """The INI as DALiuGE's create_dlg_job reads it: one flat dict, keys lower-cased, empty values dropped."""
    parser = configparser.ConfigParser(interpolation=configparser.ExtendedInterpolation())
    with open(path, encoding="utf-8") as handle:
        parser.read_file(handle)
    values = {}
    for section in parser.sections():
        for key in parser.options(section):
            value = parser.get(section, key)  # raises on a bare '$' (ExtendedInterpolation)
            if value is not None and value != "":
                values[key.lower()] = value
    return values


def session_name(pgt_path, now):
    base = os.path.basename(pgt_path)
    stem = base.split("_")[0].replace(".pgt.graph", "")
    return "{0}_{1}".format(stem, now.strftime("%Y-%m-%dT%H-%M-%S"))


def as_bool(value):
    return str(value).strip().lower() in ("true", "1", "yes", "on")


def job_duration(minutes):
    minutes = int(minutes)
    return "{0:02d}:{1:02d}:00".format(minutes // 60, minutes % 60)


def start_command(session_dir, pgt_name, params):
    """The command line DALiuGE appends: start_dlg_cluster for this session."""
    parts = [params.get("exec_prefix", "srun -l"), "python3", "-m", "dlg.deploy.start_dlg_cluster",
             "--log_dir", session_dir,
             '--physical-graph "{0}/{1}"'.format(session_dir, pgt_name),
             "--verbose-level", str(params.get("verbose_level", "1")),
             "--max-threads", str(params.get("max_threads", "0")),
             "--app", "0",
             "--num_islands", str(params.get("num_islands", "1"))]
    if as_bool(params.get("all_nics", "False")):
        parts.append("--all_nics")
    parts += ["--ssid", os.path.basename(session_dir)]
    return " ".join(p for p in parts if p != "")


def package_root():
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def render(params, session_dir, pgt_name, dlg_root, template_text):
    mapping = {
        "NUM_NODES": params.get("num_nodes", "1"),
        "SESSION_ID": os.path.basename(session_dir),
        "SESSION_DIR": session_dir,
        "JOB_DURATION": job_duration(params.get("job_dur", "30")),
        "MODULES": params.get("modules", ""),
        "DLG_ROOT": dlg_root,
        "VENV": params.get("venv", ""),
        "ACCOUNT": params.get("account", ""),
    }
    if template_text is None:
        body = string.Template(DEFAULT_TEMPLATE).safe_substitute(mapping)
    else:
        body = string.Template(template_text).safe_substitute(
            {"session_id": os.path.basename(session_dir), "dlg_root": dlg_root})
        body = string.Template(body).safe_substitute(mapping)
        if not body.endswith("\n"):
            body += "\n"
    # sbatch --export=<list> does not pass PYTHONPATH on to the job: say where this fake package lives.
    body += 'export PYTHONPATH="{0}${{PYTHONPATH:+:$PYTHONPATH}}"\n'.format(package_root())
    body += "\n" + start_command(session_dir, pgt_name, params) + "\n"
    return body


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="create_dlg_job")
    parser.add_argument("-a", "--action", required=True, choices=["submit", "analyse"])
    parser.add_argument("-f", "--facility", required=True)
    parser.add_argument("-P", "--physical_graph", dest="pgt", required=True)
    parser.add_argument("--config_file", required=True)
    parser.add_argument("--slurm_template")
    args, _unknown = parser.parse_known_args(argv)
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.facility.lower() not in FACILITIES:
        print("Facility {0} is not supported".format(args.facility), file=sys.stderr)
        return 1
    dlg_root = os.environ.get("DLG_ROOT")
    if not dlg_root:
        print("DLG_ROOT is not set in the environment", file=sys.stderr)
        return 1
    if not os.path.isfile(args.pgt):
        print("Physical graph template {0} does not exist".format(args.pgt), file=sys.stderr)
        return 1
    params = read_ini(args.config_file)
    if as_bool(params.get("remote", "False")) or as_bool(params.get("submit", "False")):
        print("the fake create_dlg_job supports only remote = False and submit = False", file=sys.stderr)
        return 1
    template_text = None
    if args.slurm_template:
        with open(args.slurm_template, encoding="utf-8") as handle:
            template_text = handle.read()
    dlg_root = dlg_root.rstrip("/") or "/"
    session_dir = os.path.join(dlg_root, "workspace", session_name(args.pgt, datetime.datetime.now()))
    os.makedirs(session_dir, exist_ok=True)
    pgt_name = os.path.basename(args.pgt)
    shutil.copyfile(args.pgt, os.path.join(session_dir, pgt_name))
    job_script = os.path.join(session_dir, "jobsub.sh")
    with open(job_script, "w", encoding="utf-8") as handle:
        handle.write(render(params, session_dir, pgt_name, dlg_root, template_text))
    os.chmod(job_script, 0o755)
    print("Created job submission script {0}".format(job_script))
    return 0


if __name__ == "__main__":
    sys.exit(main())
