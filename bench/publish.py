"""How long publishing a 100-document repository takes, and a rebuild after one edit.

A repository of 100 documents is generated in a temporary folder: four
versions each (superseded, superseded, endorsed, draft; each based on the one
before, 12 statements in 3 sections, some reworded, one added each time), two
meetings of five comments, and citations of those comments. The site is built
from scratch, then one statement of one version is edited and the site
rebuilt; the rebuild is printed as a fraction of the full build measured in
the same run (target: at most 10%). Run: ``make bench`` or ``python bench/publish.py``.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _bench import best_of, sentence

from policypos.publish import publish

STATUSES = ("superseded", "superseded", "endorsed", "draft")


def write_repository(root: Path, documents: int = 100, seed: int = 7) -> None:
    """Write *documents* documents of four versions and two meetings each under *root*."""
    rng = random.Random(seed)
    for d in range(documents):
        folder = root / f"doc-{d:03}"
        (folder / "versions").mkdir(parents=True)
        (folder / "meetings").mkdir()
        (folder / "document.yaml").write_text(
            f"id: doc-{d:03}\ntitle: Position statement {d}\n"
            "organisation: A council\nowner: Safer Communities Board\n"
            f"summary: >\n  {sentence(rng, 30)}\n",
            encoding="utf-8",
        )
        for m in range(2):
            comments = "".join(
                f'  - id: "{c}"\n    kind: comment\n    by: Members\n'
                f"    text: >\n      {sentence(rng, 25)}\n"
                f"    disposition: {'addressed' if c < 3 else 'noted'}\n"
                for c in range(1, 6)
            )
            (folder / "meetings" / f"m{m}.yaml").write_text(
                f"meeting:\n  id: m{m}\n  body: Safer Communities Board\n"
                f"  date: 20{11 + 4 * m}-03-01\ncomments:\n{comments}",
                encoding="utf-8",
            )
        texts = {f"st-{s}": sentence(rng, 50) for s in range(12)}
        for v, status in enumerate(STATUSES):
            if v:
                for key in rng.sample(sorted(texts), 3):  # reword three statements
                    words = texts[key].split()
                    words[rng.randrange(len(words))] = rng.choice(["housing", "support", "duty"])
                    texts[key] = " ".join(words)
                texts[f"st-new-{v}"] = sentence(rng, 40)
            lines = [
                f'version: "v{v}"',
                f"date: 20{10 + 4 * v}-01-01",
                f"status: {status}",
            ]
            if v:
                lines.append(f'based_on: "v{v - 1}"')
            lines.append("sections:")
            keys = sorted(texts)
            for s in range(3):
                lines += [f"  - id: sec-{s}", f"    title: Section {s}", "    statements:"]
                for key in keys[s::3]:
                    lines += [f"      - id: {key}", "        text: >", f"          {texts[key]}"]
                    if v >= 2 and key.endswith(str(s)):
                        lines.append(f"        addresses: [m{v - 2 if v < 3 else 1}/{s + 1}]")
            (folder / "versions" / f"v{v}.yaml").write_text("\n".join(lines) + "\n", "utf-8")


def main(documents: int = 100, runs: int = 3) -> None:
    work = Path(tempfile.mkdtemp(prefix="policypos-bench-"))
    try:
        repo = work / "positions"
        write_repository(repo, documents)
        site = work / "site"
        start = time.perf_counter()
        built = publish(repo, site, drafts=True)  # every version, as before drafts were left out
        full = time.perf_counter() - start
        edited = repo / "doc-042" / "versions" / "v3.yaml"
        original = edited.read_text(encoding="utf-8")
        flips = iter(range(1_000_000))

        def rebuild() -> None:
            marker = "text: >\n          "
            edited.write_text(original.replace(marker, f"{marker}Edit {next(flips)}: ", 1), "utf-8")
            done = publish(repo, site, drafts=True)
            assert done.written, "the edit rewrote nothing"

        again = best_of(runs, rebuild)
        last = publish(repo, site, drafts=True)
        print(
            f"{documents} documents, {len(built.pages):,} pages: full build {full:.2f}s; "
            f"rebuild after one edit {again:.3f}s"
        )
        print(
            f"  rebuild / full build {again / full:6.1%} (target at most 10%); "
            f"a rebuild with no change wrote {len(last.written)} pages"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
