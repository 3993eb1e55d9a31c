"""Fake ``python3 -m dlg.deploy.start_dlg_cluster``: what a fake DALiuGE batch job runs.

Reads the physical graph, writes ``<log_dir>/logs/dlg.log`` naming its drops, sleeps
``BEAMPIPE_FAKE_DLG_RUN_SECONDS`` (default 2) and exits with ``BEAMPIPE_FAKE_DLG_EXIT`` (default 0).
"""

import argparse
import datetime
import json
import os
import sys
import time


def drop_ids(graph):
    """The oids/uids of every drop in a PGT/PG, whatever its wrapping (a list, [name, drops], {...})."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            ident = node.get("oid") or node.get("uid")
            if isinstance(ident, str):
                found.append(ident)
            for value in node.values():
                if isinstance(value, (list, dict)):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(graph)
    return found


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="start_dlg_cluster")
    parser.add_argument("-l", "--log_dir", required=True)
    parser.add_argument("-P", "--physical-graph", dest="physical_graph", required=True)
    parser.add_argument("-s", "--ssid", default=None)
    args, _unknown = parser.parse_known_args(argv)
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    with open(args.physical_graph, encoding="utf-8") as handle:
        graph = json.load(handle)
    drops = drop_ids(graph)
    logs = os.path.join(args.log_dir, "logs")
    os.makedirs(logs, exist_ok=True)
    seconds = float(os.environ.get("BEAMPIPE_FAKE_DLG_RUN_SECONDS", "2"))
    exit_code = int(os.environ.get("BEAMPIPE_FAKE_DLG_EXIT", "0"))
    with open(os.path.join(logs, "dlg.log"), "a", encoding="utf-8") as log:
        stamp = datetime.datetime.now(datetime.timezone.utc).isoformat()
        log.write("{0} fake DALiuGE session {1}: {2} drops from {3}\n".format(
            stamp, args.ssid, len(drops), args.physical_graph))
        for drop in drops:
            log.write("drop {0}\n".format(drop))
        log.flush()
        time.sleep(max(0.0, seconds))
        log.write("{0} session {1} finished, exit {2}\n".format(
            datetime.datetime.now(datetime.timezone.utc).isoformat(), args.ssid, exit_code))
    print("fake DALiuGE session {0}: {1} drops, exit {2}".format(args.ssid, len(drops), exit_code))
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
