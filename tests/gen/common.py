"""Helpers shared by the gen_*.py scripts: running the R half of a case."""

import csv
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))


def run_r(script, outdir):
    """Run tests/gen/<script> with Rscript; it writes CSV dumps into outdir."""
    subprocess.run(["Rscript", "--vanilla", os.path.join(HERE, script), outdir], check=True)


def read_rcsv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def fnum(s):
    """A number from R's %.17g text, None for an empty cell."""
    return None if s in ("", "NA") else float(s)
