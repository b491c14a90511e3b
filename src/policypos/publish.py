"""A static HTML site of a whole positions repository, rebuilt page by page as inputs change.

``publish(root, out_dir)`` writes, into *out_dir*::

    index.html                          every document: owner, versions, the one in force
    search.html, search-index.js        the search page and its index (a script, not a fetch)
    _static/site.css, _static/search.js the site's own style and search script
    DOC/index.html                      one document: versions, meetings, statements
    DOC/versions/VERSION.html           each version as an annex (the board document)
    DOC/changes/VERSION.html            each version compared with the one it is based on
    DOC/comments.html                   the comment tracker, by meeting and by disposition
    DOC/statements/STATEMENT.html       each statement's history through the versions
    .policypos-site.json                the manifest: each page's input fingerprint

Every page is a board document from :mod:`policypos.documents` (or the
history of :mod:`policypos.history`) written through the templates in
``templates/website/``, which wrap the documents' own templates in the site's
navigation; nothing here diffs anything itself. Links are relative, so the
site works from a file share (``file://``) as from any web server.

**Incremental.** Each page's fingerprint is a hash of the bytes of the files
it is built from, the templates and the policypos code; a page whose
fingerprint is the one the manifest holds is neither rendered nor written.
Pages the manifest lists that are no longer part of the site are removed;
nothing else in *out_dir* is ever touched.

**Search.** Browsers refuse ``fetch`` from ``file://`` pages, so an index
fetched at run time (as Pagefind's is) cannot work from a file share. The
index is therefore a script, ``search-index.js``, loaded with
``<script src>``, which browsers allow from files; ``_static/search.js``
matches every word of the query against it. See ``docs/publish.md``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from policypos.errors import PublishError
from policypos.model import Comment, Document, Version

if TYPE_CHECKING:
    from policypos.history import Histories

MANIFEST = ".policypos-site.json"
"""The manifest's file name in the site folder: what marks a folder as a policypos site."""

_FORMAT = 1  # the manifest's own format; a manifest of another is rebuilt from scratch

_STATIC = ("_static/site.css", "_static/search.js")

# Only paths of these shapes are ever removed, whatever a (possibly edited) manifest says.
_OURS = re.compile(
    r"(?:index|search)\.html|search-index\.js|_static/[a-z-]+\.(?:css|js)"
    r"|[A-Za-z0-9][A-Za-z0-9._-]*/(?:index|comments)\.html"
    r"|[A-Za-z0-9][A-Za-z0-9._-]*/(?:versions|changes|statements)/[A-Za-z0-9][A-Za-z0-9._-]*\.html"
)


@attrs.frozen
class PublishStep:
    """One page handled, as :func:`publish` reports it to its ``progress`` callback.

    ``action`` is ``"wrote"`` (rendered and written), ``"kept"`` (unchanged
    inputs: not rendered, not written) or ``"removed"`` (published before,
    no longer part of the site); ``done`` counts the pages handled so far
    out of ``total``.
    """

    page: str
    action: str
    done: int
    total: int


@attrs.frozen
class Published:
    """What :func:`publish` did: the pages (paths relative to the site folder) by outcome.

    Documents whose files have errors (``policypos validate`` lists them)
    are never published from those files: ``held_back`` names the ones whose
    pages from the last good build stay as they were (neither rewritten nor
    removed), ``left_out`` the ones never published before, so not in the
    site at all. Either means the run found problems (``problems``).

    ``left_alone`` lists what the site folder holds that policypos did not
    write (files, and links, by path relative to it): never written over
    nor removed, and said, so that nobody takes them for pages.
    """

    out_dir: Path
    written: tuple[str, ...]
    kept: tuple[str, ...]
    removed: tuple[str, ...]
    left_out: tuple[str, ...] = ()
    held_back: tuple[str, ...] = ()
    left_alone: tuple[str, ...] = ()

    @property
    def problems(self) -> bool:
        """Whether any document has errors, so is held back or left out."""
        return bool(self.left_out or self.held_back)

    @property
    def pages(self) -> tuple[str, ...]:
        """Every page of the site as it now stands, sorted."""
        return tuple(sorted((*self.written, *self.kept)))


@attrs.frozen
class _Page:
    """A page of the site to be: where it goes, what it is built from, and how."""

    path: str
    inputs: tuple[str, ...]
    """The repository files it is built from, as paths (the fingerprint hashes their bytes)."""
    build: Callable[[], tuple[str, list[dict[str, str]]]] = attrs.field(eq=False, repr=False)
    """Renders the page: its HTML and its entries in the search index."""
    key: str = ""
    """What else the page is built from, as text (the front page: every document's summary)."""


def publish(
    root: Path | str,
    out_dir: Path | str,
    *,
    progress: Callable[[PublishStep], None] | None = None,
    drafts: bool = False,
) -> Published:
    """Write (or bring up to date) the static HTML site of the repository at *root* in *out_dir*.

    Only pages whose inputs changed since the last run are rendered and
    written (see the module's docstring); each is written atomically
    (a temporary file in the same folder, renamed over the page), and the
    manifest is written last, after the pages are synced to disk.

    Args:
        root: the positions repository.
        out_dir: the site folder; created if missing. It must be empty, or a
            site this function wrote before.
        progress: called once per page with a :class:`PublishStep`, in order.
        drafts: publish versions whose status is ``draft`` too. By default
            they are left out, as if not yet written: no annex or changes
            page, and no place in the document's page, tracker or
            statement histories. Proposed versions (those going to a board)
            are always published.

    Returns:
        A :class:`Published` record: pages written, kept and removed.

    A document whose files have errors is not rebuilt: its pages from the
    last run that read it without errors stay in the site, and in the
    manifest, untouched (:attr:`Published.held_back`); one never published
    before is left out (:attr:`Published.left_out`).

    Raises:
        PublishError: *out_dir* is a file, or a non-empty folder that is not a
            policypos site, or the repository itself or a folder inside it, or
            a page cannot be written.
        LoadError: *root* is not a folder.
    """
    from policypos.validate import open_checked

    root = Path(root)
    out = Path(out_dir)
    _refuse_inside(root, out)
    old = _read_manifest(out) or {}
    known: dict[str, Any] = old.get("pages", {})
    known_documents: dict[str, Any] = old.get("documents", {})
    salt = _salt() + ("+drafts" if drafts else "")  # switching rebuilds every page
    # Hashed before reading: an edit made meanwhile is seen by the next run.
    folders = _document_folders(root)
    digests = {name: d for _, files in folders.values() for name, d in files.items()}
    unchanged = {
        d
        for d, (digest, _) in folders.items()
        if old.get("salt") == salt
        and known_documents.get(d, {}).get("digest") == digest
        and all(
            page in known and (out / page).is_file() for page in known_documents[d].get("pages", [])
        )
    }
    changed = sorted(set(folders) - unchanged)
    checked = open_checked(root, only=changed)  # only what changed is read again
    loaded = {d.id: d if drafts else _without_drafts(d) for d in checked.valid_documents()}
    documents: dict[str, Any] = {d: known_documents[d] for d in unchanged}
    pages: list[_Page] = []
    held_back = []
    for d in changed:
        if d not in loaded:
            last = known_documents.get(d)
            if last and last.get("summary") and all(p in known for p in last.get("pages", [])):
                # Its last good pages stay: one bad file must not take it off the site.
                pages_left = [p for p in last.get("pages", []) if (out / p).is_file()]
                documents[d] = {**last, "pages": pages_left}
                held_back.append(d)
            else:
                documents[d] = {"digest": folders[d][0], "pages": [], "summary": None}
            continue
        planned = list(_document_pages(loaded[d]))
        pages += planned
        documents[d] = {
            "digest": folders[d][0],
            "pages": [page.path for page in planned],
            "summary": _summary(loaded[d]),
        }
    summaries = [documents[d]["summary"] for d in sorted(documents) if documents[d]["summary"]]
    left_out = tuple(sorted(d for d in documents if documents[d]["summary"] is None))
    pages = list(_site_pages(summaries)) + pages
    kept_pages = [page for d in sorted({*unchanged, *held_back}) for page in documents[d]["pages"]]
    planned_paths = {page.path for page in pages} | set(kept_pages)
    gone = sorted(set(known) - planned_paths - {"search-index.js"})
    total = len(pages) + len(kept_pages) + 1 + len(gone)
    done = 0
    written: list[str] = []
    kept: list[str] = []
    entries: dict[str, Any] = {}

    def report(page: str, action: str) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(PublishStep(page, action, done, total))

    for path in kept_pages:  # documents whose files did not change: not even read
        entries[path] = known[path]
        kept.append(path)
        report(path, "kept")
    for page in pages:
        fingerprint = _fingerprint(salt, page, digests)
        before = known.get(page.path)
        if (
            before is not None
            and before.get("fingerprint") == fingerprint
            and (out / page.path).is_file()
        ):
            entries[page.path] = before
            kept.append(page.path)
            report(page.path, "kept")
            continue
        html, found = page.build()
        _write(out / page.path, html.encode("utf-8"))
        entries[page.path] = {"fingerprint": fingerprint, "search": found}
        written.append(page.path)
        report(page.path, "wrote")

    index = _search_index(entries)
    index_fingerprint = hashlib.sha256(index).hexdigest()
    before = known.get("search-index.js")
    if (
        before is not None
        and before.get("fingerprint") == index_fingerprint
        and (out / "search-index.js").is_file()
    ):
        kept.append("search-index.js")
        report("search-index.js", "kept")
    else:
        _write(out / "search-index.js", index)
        written.append("search-index.js")
        report("search-index.js", "wrote")
    entries["search-index.js"] = {"fingerprint": index_fingerprint, "search": []}

    removed = []
    for path in gone:
        if _remove(out, path):  # a path no page has (an edited manifest) is not ours to remove
            removed.append(path)
            report(path, "removed")
        else:
            report(path, "kept")

    if written or removed or not old or known_documents != documents:
        if written and hasattr(os, "sync"):
            os.sync()  # the pages reach the disk before the manifest that vouches for them
        manifest = {
            "generator": "policypos",
            "format": _FORMAT,
            "salt": salt,
            "documents": documents,
            "pages": entries,
        }
        _write(out / MANIFEST, json.dumps(manifest, sort_keys=True).encode("utf-8"), sync=True)
    return Published(
        out,
        tuple(written),
        tuple(kept),
        tuple(removed),
        left_out,
        tuple(sorted(held_back)),
        _not_ours(out, {*entries, MANIFEST}),
    )


def _not_ours(out: Path, ours: set[str]) -> tuple[str, ...]:
    """What *out* holds beside the site's own files *ours*: each file or link, sorted.

    Links are listed, not followed (one may lead anywhere, or loop); an
    empty folder holds nothing to list.
    """
    found = []
    for top, folders, files in os.walk(out):
        here = Path(top)
        links = [f for f in folders if (here / f).is_symlink()]
        for name in (*files, *links):
            path = (here / name).relative_to(out).as_posix()
            if path not in ours:
                found.append(path)
    return tuple(sorted(found))


def _without_drafts(document: Document) -> Document:
    """*document* as the public sees it: its versions but the drafts."""
    from policypos.model import Status

    kept = tuple(v for v in document.versions if v.status is not Status.DRAFT)
    return (
        document if len(kept) == len(document.versions) else attrs.evolve(document, versions=kept)
    )


# --- the site folder and its manifest --------------------------------------------------


def _refuse_inside(root: Path, out: Path) -> None:
    """Refuse a site folder that is the repository or inside it: its pages would be read as data.

    Refused too: a link that loops, which no page could be written through.

    Raises:
        PublishError: *out* is *root* or below it (links resolved), or a loop of links.
    """
    from policypos._paths import link_loop, resolved

    loop = link_loop(out, to_holder=False)
    if loop is not None:
        raise PublishError(f"{out}: {loop}; remove the link, or give another folder")
    if resolved(out).is_relative_to(resolved(root)):
        raise PublishError(
            f"{out} is inside the positions repository {root}: give a folder outside it"
        )


def _read_manifest(out: Path) -> dict[str, Any] | None:
    """The manifest of the site in *out*; ``None`` for a new or empty folder.

    Raises:
        PublishError: *out* is a file, or a non-empty folder without a manifest.
    """
    if not out.exists():
        return None
    if not out.is_dir():
        raise PublishError(f"{out} is not a folder")
    path = out / MANIFEST
    if not path.is_file():
        if any(out.iterdir()):
            raise PublishError(
                f"{out} is not empty and is not a policypos site (it has no {MANIFEST}): "
                "give a new or empty folder"
            )
        return None
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {"pages": {}}  # unreadable: rebuild every page, remove nothing
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        return {"pages": {}}
    pages = data.get("pages")
    return data if isinstance(pages, dict) else {"pages": {}}


def _write(path: Path, data: bytes, *, sync: bool = False) -> None:
    """Write *data* to *path* atomically: a temporary file beside it, renamed over it.

    Raises:
        PublishError: the file or its folder cannot be written.
    """
    from policypos._writing import replace_atomically

    try:
        replace_atomically(path, data, sync=sync, make_folders=True)
    except OSError as exc:
        raise PublishError(f"cannot write {path}: {exc.strerror or exc}") from exc


def _remove(out: Path, page: str) -> bool:
    """Remove a page the manifest listed, and the folders it leaves empty; only ours."""
    if not _OURS.fullmatch(page):
        return False
    path = out / page
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise PublishError(f"cannot remove {path}: {exc.strerror or exc}") from exc
    folder = path.parent
    while folder != out:
        try:
            folder.rmdir()  # fails, as it should, on a folder that holds anything
        except OSError:
            break
        folder = folder.parent
    return True


# --- fingerprints -----------------------------------------------------------------------


def _document_folders(root: Path) -> dict[str, tuple[str, dict[str, str]]]:
    """Each document folder the loader would read: a digest of all its YAML files, and each one's.

    The folder's digest changes when any file in it is edited, added or
    removed; each file's SHA-256 is keyed by its normalised path.
    """
    from policypos.model import is_id

    found: dict[str, tuple[str, dict[str, str]]] = {}
    if not root.is_dir():
        return found
    for folder in sorted(root.iterdir()):
        if folder.name.startswith((".", "_")) or not folder.is_dir() or not is_id(folder.name):
            continue
        files: dict[str, str] = {}
        whole = hashlib.sha256()
        for path in sorted(folder.rglob("*.yaml")):
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                digest = "unreadable"
            files[os.path.normpath(path)] = digest
            whole.update(f"{path.relative_to(folder).as_posix()}\0{digest}\0".encode())
        found[folder.name] = (whole.hexdigest(), files)
    return found


def _salt() -> str:
    """What every page is built with besides its files: policypos's version, code and templates."""
    from importlib.metadata import PackageNotFoundError, version

    from policypos.render import templates_dir

    digest = hashlib.sha256()
    try:
        digest.update(version("policypos").encode())
    except PackageNotFoundError:  # pragma: no cover - a source tree not installed
        digest.update(b"unknown")
    for folder, pattern in ((templates_dir(), "*"), (Path(__file__).parent, "*.py")):
        for path in sorted(folder.rglob(pattern)):
            if path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _fingerprint(salt: str, page: _Page, digests: dict[str, str]) -> str:
    """A page's fingerprint: the salt, its path, and each input file's name and digest."""
    digest = hashlib.sha256(f"{salt}\0{page.path}\0{page.key}".encode())
    for name in sorted(page.inputs):
        key = os.path.normpath(name)
        if key not in digests:
            try:
                digests[key] = hashlib.sha256(Path(name).read_bytes()).hexdigest()
            except OSError:
                digests[key] = "missing"
        digest.update(f"\0{key}\0{digests[key]}".encode())
    return digest.hexdigest()


# --- the pages --------------------------------------------------------------------------


def _files_of(document: Document) -> dict[str, Any]:
    """The files a document was read from: its own, each version's and each meeting's."""

    def path(record: Any) -> str | None:
        return str(record.origin.path) if record.origin is not None else None

    return {
        "document": [p for p in [path(document)] if p],
        "versions": {v.id: path(v) for v in document.versions},
        "meetings": {m.id: path(m) for m in document.meetings},
    }


def _present(*paths: str | None) -> tuple[str, ...]:
    return tuple(p for p in paths if p is not None)


def base_of(document: Document, version: Version) -> Version | None:
    """The version *version* is compared with on its changes page, or ``None`` if none.

    That is the version it is ``based_on``, else the one before it by date, as
    ``policypos render changes NEW`` chooses.
    """
    if version.based_on is not None:
        try:
            return document.version(version.based_on)
        except LookupError:
            return None
    index = document.versions.index(version)
    return document.versions[index - 1] if index > 0 else None


def statement_ids(document: Document) -> list[str]:
    """Every statement id any version holds: the newest version's in order, then the rest."""
    seen: dict[str, None] = {}
    for version in reversed(document.versions):
        for _, statement in version.statements():
            seen.setdefault(statement.id, None)
    return list(seen)


def _summary(document: Document) -> dict[str, Any]:
    """What the front page says of a document, kept in the manifest so it need not be read again."""
    from policypos.documents import STATUS_WORDS

    in_force = [v.id for v in document.versions if _in_force_now(document, v)]
    return {
        "id": document.id,
        "title": document.title,
        "owner": document.owner,
        "versions": [
            {"id": v.id, "status": STATUS_WORDS[v.status], "date": v.date.isoformat()}
            for v in document.versions
        ],
        "in_force": in_force[-1] if in_force else None,
    }


def _site_pages(summaries: list[dict[str, Any]]) -> Iterator[_Page]:
    """The pages of the site as a whole: the front page, search, and the static files."""
    key = json.dumps(summaries, sort_keys=True)
    yield _Page("index.html", (), partial(_site_index, summaries), key)
    yield _Page("search.html", (), _search_page)
    for name in _STATIC:
        yield _Page(name, (), partial(_static, name))


def _document_pages(document: Document) -> Iterator[_Page]:
    files = _files_of(document)
    own = _present(*files["document"])
    versions = _present(*files["versions"].values())
    meetings = _present(*files["meetings"].values())
    whole = own + versions + meetings
    d = document.id
    yield _Page(f"{d}/index.html", whole, lambda: _document_index(document))
    yield _Page(f"{d}/comments.html", whole, lambda: _tracker(document))
    for version in document.versions:
        inputs = own + _present(
            files["versions"][version.id], files["meetings"].get(version.meeting)
        )
        yield _Page(
            f"{d}/versions/{version.id}.html",
            inputs,
            partial(_annex_page, document, version),
        )
        base = base_of(document, version)
        if base is not None:
            pair = _present(files["versions"][base.id], files["versions"][version.id])
            yield _Page(
                f"{d}/changes/{version.id}.html",
                own + pair + meetings,
                partial(_changes_page, document, base, version),
            )
    from policypos.history import Histories

    # One walk of the versions for all the statement pages: each (version,
    # base) pair is diffed once for the document, not once per statement.
    lines = Histories(document)
    for statement in statement_ids(document):
        yield _Page(
            f"{d}/statements/{statement}.html",
            whole,
            partial(_history_page, lines, statement),
        )


def _site(root: str, crumbs: Iterable[tuple[str, str | None]]) -> dict[str, Any]:
    """What the site's chrome needs: the way back to the top, and the breadcrumbs."""
    return {"root": root, "crumbs": list(crumbs)}


_ENVIRONMENT: list[Any] = []


def _render(name: str, **context: Any) -> str:
    """Render a site template with one Jinja environment for the whole run.

    Compiling the templates again for every page was nine tenths of a full
    build; Jinja's loader still notices a template edited meanwhile.
    """
    if not _ENVIRONMENT:
        from policypos.render import environment

        _ENVIRONMENT.append(environment())
    return str(_ENVIRONMENT[0].get_template(name).render(**context))


def _site_index(summaries: list[dict[str, Any]]) -> tuple[str, list[dict[str, str]]]:
    import datetime as dt

    rows = [
        {
            "document": summary,
            "versions": [
                ({"id": v["id"], "date": dt.date.fromisoformat(v["date"])}, v["status"])
                for v in summary["versions"]
            ],
            "in_force": {"id": summary["in_force"]} if summary["in_force"] else None,
        }
        for summary in summaries
    ]
    html = _render(
        "website/index.html.j2", rows=rows, kind="site-index", site=_site("", [("Home", None)])
    )
    return html, []


def _in_force_now(document: Document, version: Version) -> bool:
    period = document.in_force_period(version)
    return period is not None and period[1] is None


def _search_page() -> tuple[str, list[dict[str, str]]]:
    crumbs = [("Home", "index.html"), ("Search", None)]
    return _render("website/search.html.j2", kind="site-search", site=_site("", crumbs)), []


def _static(name: str) -> tuple[str, list[dict[str, str]]]:
    from policypos.render import templates_dir

    return (templates_dir() / "website" / Path(name).name).read_text(encoding="utf-8"), []


def _crumbs(document: Document, root: str, *last: str) -> list[tuple[str, str | None]]:
    """Home, the document, and the page itself (not a link), from a page *root* below the top."""
    crumbs: list[tuple[str, str | None]] = [("Home", f"{root}index.html")]
    if last:
        crumbs.append((document.title, f"{root}{document.id}/index.html"))
        crumbs.append((last[0], None))
    else:
        crumbs.append((document.title, None))
    return crumbs


def _document_index(document: Document) -> tuple[str, list[dict[str, str]]]:
    from policypos.documents import STATUS_WORDS, long_date

    newest = document.versions[-1] if document.versions else None
    versions = []
    for version in reversed(document.versions):
        period = document.in_force_period(version)
        if period is None:
            force = ""
        elif period[1] is None:
            force = f"in force since {long_date(period[0])}"
        else:
            force = f"in force {long_date(period[0])} to {long_date(period[1])}"
        revised = document.revised_as(version)
        versions.append(
            {
                "version": version,
                # A proposal overtaken by one built on it is not still before the board.
                "status": STATUS_WORDS[version.status]
                + (f", revised as {', '.join(revised)}" if revised else ""),
                "force": force,
                "in_force": period is not None and period[1] is None,
                "base": base_of(document, version),
            }
        )
    current = set(newest.paragraph_numbers()) if newest is not None else set()
    removed = [s for s in statement_ids(document) if s not in current]
    html = _render(
        "website/document.html.j2",
        document=document,
        newest=newest,
        numbers=newest.paragraph_numbers() if newest is not None else {},
        versions=versions,
        removed=removed,
        kind="site-document",
        site=_site("../", _crumbs(document, "../")),
    )
    entry = {
        "t": document.title,
        "u": f"{document.id}/index.html",
        "k": "Document",
        "x": " ".join(filter(None, [document.owner, document.summary or ""])),
    }
    return html, [entry]


def _annex_page(document: Document, version: Version) -> tuple[str, list[dict[str, str]]]:
    from policypos import documents

    record = documents.annex(document, version)
    html = _render(
        "website/annex.html.j2",
        doc=record,
        kind="annex",
        site=_site("../../", _crumbs(document, "../../", f"Version {version.id}")),
    )
    url = f"{document.id}/versions/{version.id}.html"
    found = [
        {
            "t": f"{record.title}, version {version.id}",
            "u": url,
            "k": record.status,
            "x": record.preamble or "",
        }
    ]
    for section in record.sections:
        for paragraph in section.paragraphs:
            found.append(
                {
                    "t": f"{paragraph.number} {section.title} ({document.title}, {version.id})",
                    "u": f"{url}#st-{paragraph.id}",
                    "k": f"Version {version.id}, paragraph {paragraph.number}",
                    "x": paragraph.text,
                }
            )
    return html, found


def _changes_page(
    document: Document, base: Version, version: Version
) -> tuple[str, list[dict[str, str]]]:
    from policypos import documents
    from policypos.diff import diff

    record = documents.comparison(document, diff(base, version, document))
    html = _render(
        "website/changes.html.j2",
        doc=record,
        kind="changes",
        tracker="../comments.html",
        site=_site("../../", _crumbs(document, "../../", f"Changes in version {version.id}")),
    )
    entry = {
        "t": f"{document.title}: changes from {base.id} to {version.id}",
        "u": f"{document.id}/changes/{version.id}.html",
        "k": "Changes",
        "x": record.overview,
    }
    return html, [entry]


def _answered_places(document: Document) -> dict[str, list[tuple[str, str]]]:
    """For each comment, where each version answers it: (words, link to the annex's anchor)."""
    places: dict[str, list[tuple[str, str]]] = {}
    for comment in document.comments():
        found = []
        for version, cited in document.citations_of(comment):
            numbers = version.paragraph_numbers()
            sections = version.section_numbers()
            for place in cited:
                section, _, statement = place.partition("/")
                url = f"versions/{version.id}.html"
                if statement:
                    found.append(
                        (f"{version.id}: paragraph {numbers[statement]}", f"{url}#st-{statement}")
                    )
                else:
                    found.append(
                        (f"{version.id}: section {sections[section]}", f"{url}#s-{section}")
                    )
        found += _removals_answering(document, comment)
        places[comment.ref] = found
    return places


def _removals_answering(document: Document, comment: Comment) -> list[tuple[str, str]]:
    """Where a version answers *comment* by leaving a place out: words, and a link to it.

    ``v2: removing former paragraph 1.2``, linked to the removed paragraph on
    the version's changes page, which says it was removed and what it
    answers; the version's own annex no longer holds it.
    """
    from policypos.documents import former_places

    found = []
    for version, ids in document.removals_of(comment):
        base = base_of(document, version)
        for place, words in former_places(document, version, ids):
            named = f"{version.id}: removing {words or place}"
            if base is None:  # no changes page (validate reports the removal)
                found.append((named, f"versions/{version.id}.html"))
                continue
            anchor = "removed-s-" if any(s.id == place for s in base.sections) else "removed-st-"
            found.append((named, f"changes/{version.id}.html#{anchor}{place}"))
    return found


def _tracker(document: Document) -> tuple[str, list[dict[str, str]]]:
    from policypos import documents

    log = documents.comment_log(document)
    by_disposition: dict[str, list[Any]] = {}
    for meeting in log.meetings:
        for comment in meeting.comments:
            by_disposition.setdefault(comment.disposition, []).append((meeting, comment))
    order = list(documents.DISPOSITION_WORDS.values())
    # A proposal ("proposed: accepted") follows the decisions of its kind.
    grouped = sorted(by_disposition.items(), key=lambda item: _disposition_order(order, item[0]))
    html = _render(
        "website/comments.html.j2",
        doc=log,
        places=_answered_places(document),
        by_disposition=grouped,
        kind="comments",
        site=_site("../", _crumbs(document, "../", "Comment tracker")),
    )
    found = []
    for meeting in log.meetings:
        for comment in meeting.comments:
            found.append(
                {
                    "t": f"{str(comment.label)[:1].upper()}{str(comment.label)[1:]}",
                    "u": f"{document.id}/comments.html#c-{comment.label.ref}",
                    "k": f"{document.title}: {comment.disposition}",
                    "x": " ".join(filter(None, [comment.text, comment.response or ""])),
                }
            )
    return html, found


def _disposition_order(order: list[str], words: str) -> tuple[int, bool]:
    """Where the tracker lists *words*: as *order* has them, a proposal after the decisions."""
    from policypos.model import PROPOSED

    decided = words.removeprefix(PROPOSED)
    return order.index(decided), decided != words


def _history_page(lines: Histories, statement: str) -> tuple[str, list[dict[str, str]]]:
    from policypos.history import newest
    from policypos.views import history_context

    document = lines.document
    steps = lines.history(statement)
    html = _render(
        "website/history.html.j2",
        document=document,
        statement=statement,
        steps=steps,
        context=[
            history_context(s, steps[n - 1].version if n else None, parts=False)
            for n, s in enumerate(steps)
        ],
        meetings={m.id: m for m in document.meetings},
        kind="history",
        site=_site("../../", _crumbs(document, "../../", f"Statement {statement}")),
    )
    last = newest(steps)
    entry = {
        "t": f"History of statement {statement} ({document.title})",
        "u": f"{document.id}/statements/{statement}.html",
        "k": "Statement history",
        "x": last.statement.text if last is not None and last.statement is not None else "",
    }
    return html, [entry]


# --- the search index -------------------------------------------------------------------


def _search_index(entries: dict[str, Any]) -> bytes:
    r"""The search index as a script: ``window.policyposSearch = [...]``, safe in any page.

    Every entry's text is JSON; ``<``, ``>``, ``&`` and the two line
    separators JavaScript once took for line ends are written as ``\uXXXX``
    escapes, so that no text (``</script>``, say) can end the script or be read
    as markup. The script that shows results sets text, never HTML. Control
    characters are made visible as on the pages
    (:func:`policypos.render.visible_controls`).
    """
    from policypos.render import visible_controls

    found = [
        {key: visible_controls(value) for key, value in e.items()}
        for path in sorted(entries)
        for e in entries[path].get("search", [])
    ]
    text = json.dumps(found, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return f"window.policyposSearch = {text};\n".encode()
