"""How long whole ``policypos`` processes take, as multiples of a bare click program.

The baseline is a click program of one group, one option and one command,
asked for its ``--help``, run in the same session, turn about with ours, so that
the ratios hold on a noisy machine. Each figure is the median, over the runs,
of one process's CPU time (user + system, the kernel's own accounting of the
finished child) divided by the baseline run just before it. Targets: ``--help``
at most 1.3x, the diff of the shipped 22-statement versions at most 2x.

Children may write bytecode (``PYTHONDONTWRITEBYTECODE`` is dropped): an
installed package has its ``.pyc`` files, and compiling every module on every
run would measure the compiler. Run: ``make bench`` or ``python bench/startup.py``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _bench import median_cpu_ratio

ROOT = Path(__file__).resolve().parents[1]
RUNS = 21

BARE_CLICK = """\
import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--repo")
def cli(repo):
    \"\"\"A bare click program.\"\"\"


@cli.command()
def diff():
    \"\"\"Diff.\"\"\"


cli()
"""

POLICYPOS = [sys.executable, "-c", "from policypos.cli import main; main()"]
CASES = {
    "--help": ["--help"],
    "shipped diff (json)": [
        "--repo",
        str(ROOT / "positions"),
        "diff",
        "going-straight@2005",
        "going-straight@2024",
        "--format",
        "json",
    ],
}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare_click.py"
        bare.write_text(BARE_CLICK, encoding="utf-8")
        baseline = [sys.executable, str(bare), "--help"]
        print(f"{'command':<22}  {'ratio':>6}  (CPU time, median of {RUNS}, vs bare click --help)")
        for name, args in CASES.items():
            ratio = median_cpu_ratio(POLICYPOS + args, baseline, RUNS)
            print(f"{name:<22}  {ratio:>5.2f}x")


if __name__ == "__main__":
    main()
