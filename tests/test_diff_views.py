"""What ``policypos diff`` shows a reader in its text and Markdown views.

The Markdown view is read by board members and pasted into emails: it names
sections by their headings and statements by the numbers the annex prints,
and keeps a statement's list a list. The text view is the terse developer
view: it names ids, and keeps a statement's lines as lines.
"""

from __future__ import annotations

from tests.conftest import MakeRepo
from tests.test_amendments import _repo, run

LIST_OLD = (
    "Councils should:\n- plan housing for people leaving prison;\n- share data with probation."
)
LIST_NEW = (
    "Councils should:\n- plan housing for people leaving prison;\n- fund hostels;\n"
    "- share data with probation each month."
)


class TestTextViewKeepsLines:
    """``diff`` as text: an item added to a statement's list is a line of its own."""

    def test_added_item_is_its_own_line(self, make_repo: MakeRepo) -> None:
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("l", LIST_OLD), ("k", "Keep it.")])],
            [("hs", "Housing", [("l", LIST_NEW), ("k", "Keep it.")])],
        )
        lines = run("diff", "doc@v1", "doc@v2", repo=repo).stdout.splitlines()
        at = lines.index("  ~ l [reworded]  Councils should:")
        assert lines[at + 1 : at + 4] == [
            "    - plan housing for people leaving prison;",
            "    {+- fund hostels;+}",
            "    - share data with probation {+each month+}.",
        ]
        # The next statement's count still follows: nothing else moved.
        assert lines[at + 4] == "    1 statement unchanged"

    def test_folded_lines_keep_their_indent(self, make_repo: MakeRepo) -> None:
        """In a narrow terminal a long item folds under itself, a nested item under its parent."""
        from policypos.diff import diff
        from policypos.validate import open_checked
        from policypos.views import changeset_text

        long = "share data with probation " * 4
        old = f"Councils should:\n- plan;\n  - {long.strip()}."
        new = f"Councils should:\n- plan;\n  - {long.strip()} each month."
        repo = _repo(
            make_repo,
            [("hs", "Housing", [("l", old)])],
            [("hs", "Housing", [("l", new)])],
        )
        document = open_checked(repo).repository.document("doc")
        text = changeset_text(
            diff(document.version("v1"), document.version("v2"), document), width=50
        )
        lines = text.splitlines()
        at = lines.index("  ~ l [reworded]  Councils should:")
        assert lines[at + 1] == "    - plan;"
        assert lines[at + 2].startswith("      - share data with probation")
        assert all(line.startswith("      ") and len(line) <= 50 for line in lines[at + 3 : at + 5])
