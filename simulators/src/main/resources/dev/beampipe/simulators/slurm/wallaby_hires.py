"""A stand-in for the wallaby_hires package: importable, and ``wallaby_hires --version`` prints a version."""

import sys

__version__ = "0.0.0+beampipe.fake"


def main(argv=None):
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ("--version", "-V"):
        print("wallaby_hires " + __version__)
        return 0
    print("wallaby_hires " + __version__ + " (beampipe fake: nothing to do)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
