r"""What a change means: significance findings read off a statement's redline.

A reviewer needs to know which changes alter what the board asks of whom.
:func:`findings` reads the redline of one old and new text (as
:func:`policypos.redline.compare` made it) and returns :class:`Finding`
records, each of one kind:

- ``obligation``: the strength of what is asked changed, on the scale of
  :data:`MODALS` (requirement ``must``/``shall``/``will`` > expectation
  ``should`` > a matter to consider ``should consider`` > a point to consider
  ``could``/``may``/``may wish to consider``), with a ``direction``,
  ``softened`` or ``strengthened``;
- ``negation``: a word of :data:`NEGATIONS` added or removed;
- ``number``: an amount changed (money, a percentage, a count), after
  normalisation (``£2m`` is ``£2,000,000``), numbers in references and ids
  (``paragraph 3.2``, ``ee-1``) left out;
- ``date``: a date, month or year changed, after normalisation
  (``1 April 2025`` is ``01/04/2025``);
- ``actor``: who is asked to act changed: the actor nouns (:data:`ACTORS`)
  before a modal verb (``councils should`` -> ``government should``), or in
  a passive after one the agent after ``by`` (``should be funded by
  councils`` -> ``by government``);
- ``wording``: words changed that no rule explains; the tool cannot tell what
  they mean, so a reviewer must read them;
- ``editorial``: only punctuation, capitalisation, white space, spelling
  (:data:`SPELLINGS`, a one-letter typo in a long word), a synonym of no legal
  weight (:data:`SYNONYMS`) or the way a date or amount is written changed.

Every kind but ``editorial`` is substantive. The rules are word lists and
regular expressions a reviewer can read; ``docs/diff.md`` spells them out.
"""

from __future__ import annotations

import bisect
import collections
import enum
import functools
import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import NamedTuple, cast

import attrs

from policypos.redline import Op, Piece


class Significance(enum.StrEnum):
    """How much a statement's change matters: substantive outranks editorial."""

    SUBSTANTIVE = "substantive"
    EDITORIAL = "editorial"


class Kind(enum.StrEnum):
    """What a finding is about."""

    OBLIGATION = "obligation"
    NEGATION = "negation"
    CONDITION = "condition"
    NUMBER = "number"
    DATE = "date"
    ACTOR = "actor"
    WORDING = "wording"
    EDITORIAL = "editorial"


class Direction(enum.StrEnum):
    """Which way an obligation moved."""

    SOFTENED = "softened"
    STRENGTHENED = "strengthened"


@attrs.frozen
class Finding:
    """One thing a change did, the words on each side, and where it is in the redline.

    ``old`` and ``new`` are the words as written (``None`` where one side has
    none: a negation added has no old words). ``pieces`` are the indices of
    the redline pieces the finding covers, in order.
    """

    kind: Kind
    old: str | None
    new: str | None
    pieces: tuple[int, ...]
    direction: Direction | None = None
    actors: tuple[str, ...] = ()
    """For an obligation or actor finding: who the new text asks (:data:`ACTORS`, singular).

    The subject's actors, or in a passive clause the agent's (``should be
    funded by councils``: ``("council",)``); none for a passive without one."""
    strengths: tuple[int, int] = (0, 0)
    """For an obligation: the old and new strength of what is asked, 1 to 4 on the scale of
    :data:`MODALS` and :data:`ASKS` (0: none), as the rules read it in context: ``may not``
    that forbids is 4, a chained ``may need to`` 1, the ruling modal of an added list item."""
    figure: str | None = None
    """For a number: what it counts, in a clerk's word: ``amount`` (money), ``proportion`` (a
    percentage or fraction), ``period`` (a length of time) or ``number`` (a count)."""
    link: str | None = None
    """For a wording finding that is a link's address changed (``old`` and ``new`` the
    addresses): the words the link shows, the same on both sides (an autolink's: its old
    address). None for any other finding."""

    @property
    def substantive(self) -> bool:
        """Whether the finding changes meaning: every kind but ``editorial``."""
        return self.kind is not Kind.EDITORIAL

    def label(self) -> str:
        """How the views show it, on one line: ``softened: should -> may wish to consider``."""
        return " ".join(self._label().split())

    @property
    def moved(self) -> bool:
        """For a negation, condition, number or date: the same words moved to another place."""
        return (
            self.kind in (Kind.NEGATION, Kind.CONDITION, Kind.NUMBER, Kind.DATE)
            and self.old is not None
            and self.new is not None
            and self.old.casefold().split() == self.new.casefold().split()
        )

    def _label(self) -> str:
        if self.link is not None:  # no word a reader sees changed: where the link goes did
            words = "" if self.link == self.old else f"{self.link} "
            return f"link changed: {words}({self.old} -> {self.new})"
        name = self.direction.value if self.direction is not None else self.kind.value
        if self.moved:  # what it applies to changed: "should not fund hostels" -> "... clubs"
            return f"{name} moved: {self.old} (now applies to other words)"
        if self.kind in (Kind.NEGATION, Kind.CONDITION):
            if self.old is None or self.new is None:
                name = f"{name} added" if self.old is None else f"{name} removed"
                return f"{name}: {self.new if self.old is None else self.old}"
            name = f"{name} changed"
        return f"{name}: {self.old or '(none)'} -> {self.new or '(none)'}"


# --- the word lists -------------------------------------------------------------------

MODALS: dict[str, int] = {
    # 4: a requirement
    "must": 4,
    "shall": 4,
    "will": 4,
    "is required to": 4,
    "are required to": 4,
    "need to": 4,
    "needs to": 4,
    "have to": 4,
    "has to": 4,
    "should be required to": 4,
    "is essential that": 4,
    "is vital that": 4,
    "is crucial that": 4,
    # a need stated conditionally still states a need
    "would need to": 4,
    "would have to": 4,
    # 3: an expectation, or a request the board makes
    "should": 3,
    "ought to": 3,
    "is expected to": 3,
    "are expected to": 3,
    "should be expected to": 3,
    "is asked to": 3,
    "are asked to": 3,
    "is requested to": 3,
    "are requested to": 3,
    "is important that": 3,
    "is urged to": 3,
    "are urged to": 3,
    # 2: a matter someone is expected, or undertakes, to consider
    "should consider": 2,
    "ought to consider": 2,
    "will consider": 2,
    "shall consider": 2,
    "is asked to consider": 2,
    "are asked to consider": 2,
    # 1: a point to consider, an aim, or what is possible
    "could": 1,
    "could consider": 1,
    "may": 1,
    "may consider": 1,
    "may wish to consider": 1,
    "might": 1,
    "might consider": 1,
    "might wish to consider": 1,
    "are encouraged to": 1,
    "is encouraged to": 1,
    "are invited to": 1,
    "is invited to": 1,
    "should be encouraged to": 1,
    "will wish to": 1,
    "will wish to consider": 1,
    "will want to": 1,
    "will want to consider": 1,
    "will seek to": 1,
    "will aim to": 1,
    "will try to": 1,
    "will endeavour to": 1,
    "will be able to": 1,
    # what is possible or would happen: a point, not an ask
    "can": 1,
    "can consider": 1,
    "would": 1,
    "would consider": 1,
    "would wish to": 1,
    "would like to": 1,
}
"""Modal phrases and the strength of what they ask: 4 require, 3 expect, 2 expect
consideration, 1 offer a point to consider.

The longest phrase wins, so ``should consider`` is a matter to consider, not an
expectation, but more than ``may wish to consider``, which leaves it to the
reader; ``will seek to`` is an aim, not a promise. ``can`` says what is
possible and ``would`` what would happen: neither asks, so both are points (1);
``would need to`` still states a need (4). ``is/are asked to`` is a request
the board makes, as strong as ``should`` (3).
"""

ASKS: dict[str, int] = {
    "require": 4,
    "call on": 3,
    "call upon": 3,
    "urge": 3,
    "ask": 3,
    "expect": 3,
    "request": 3,
    "want": 3,
    "would like": 3,
    "encourage": 1,
    "invite": 1,
}
"""Verbs by which a board asks it of someone it names, and the strength of the ask (as
:data:`MODALS`): ``We call on the Government to fund hostels``.

Read only as the main verb of a clause, with no modal before it there (in
``councils should encourage providers to``, what is asked of councils is
``should``), in any of its forms (``calls on``, ``is urging``, ``would urge``,
``have long called on``), and only where the words between the verb and
``to`` name an actor (:data:`ACTORS`), a name or a pronoun: ``expects demand
to rise`` asks nothing. Who is asked is
those words, not the subject: ``We call on the Government to`` asks it of
the Government. ``would like councils to`` is a request (3), where ``would
like to`` alone is the subject's own wish (1).
"""

PROHIBITIVE_MAY_NOT_BEFORE = frozenset(
    [
        *("be", "been", "have", "need", "needs", "always", "yet", "necessarily", "want", "wish"),
        *("know", "receive", "get", "survive", "meet", "hold", "see", "find", "afford", "reach"),
        *("last", "exist", "apply", "happen", "work", "benefit", "cover", "manage", "qualify"),
    ]
)
"""Words after ``may not`` that make it a possibility (``may not be possible``), not a
prohibition. Elsewhere ``may not`` after a subject naming an actor (``councils may not
charge rent``) may forbid, as ``must not`` does, or say what may not happen (``councils
may not charge enough``). **Decision:** as the two readings differ, ``may not`` against
another modal (``must not``, ``should not``, ``might not``) is a rewording for a reviewer to
read, never editorial nor a softening; ``may not`` -> ``may`` is the negation removed; added
or removed, it is read as strong as ``must`` (4)."""

NEGATIONS = frozenset(
    {"not", "no", "never", "none", "nor", "neither", "unless", "except", "cannot", "without"}
)
"""Words that negate or except, and the ``n't`` of a contraction (``shouldn't``).

``nobody``, ``nothing`` and ``nowhere`` are left out: they negate an object
(``so that nobody is released with nowhere to live``), not what is asked.
"""

CONDITIONS: dict[str, str] = {
    **dict.fromkeys(
        [
            "where possible",
            "wherever possible",
            "if possible",
            "where practicable",
            "where reasonably practicable",
            "as far as practicable",
            "as far as reasonably practicable",
            "so far as is reasonably practicable",
            "where feasible",
            "as far as possible",
        ],
        "practicable",
    ),
    **dict.fromkeys(["where appropriate", "as appropriate", "if appropriate"], "discretion"),
    **dict.fromkeys(
        [
            "where resources allow",
            "where resources permit",
            "when resources allow",
            "as resources allow",
            "resources permitting",
            "where funding allows",
            "where funding permits",
            "if funding allows",
            "if funding is available",
            "subject to funding",
            "subject to resources",
            "subject to available funding",
            "subject to the availability of funding",
            "subject to the availability of resources",
            "if resources allow",
            "if resources permit",
            "when funding allows",
            "if funding permits",
            "funding permitting",
            "where budgets allow",
            "where affordable",
            "subject to capacity",
            "within existing resources",
            "within available resources",
            "within the resources available",
        ],
        "resources",
    ),
    "in principle": "in principle",
}
"""Conditions that qualify an ask, each with what it makes the ask depend on.

Added to an ask, one lets it go unmet (``councils should fund hostels where
resources allow``); removed, the ask stands alone. One replaced by another of
the same group (``where possible`` -> ``where practicable``) is editorial.
"""

ACTORS = frozenset(
    {
        "agency",
        "association",
        "authority",
        "board",
        "cabinet",
        "chancellor",
        "charity",
        "college",
        "commissioner",
        "council",
        "councillor",
        "court",
        "cqc",
        "dbt",
        "dcms",
        "defra",
        "department",
        "dfe",
        "dft",
        "dhsc",
        "dluhc",
        "dwp",
        "employer",
        "government",
        "hmpps",
        "hmrc",
        "jobcentre",
        "landlord",
        "lga",
        "mayor",
        "member",
        "mhclg",
        "minister",
        "ministry",
        "moj",
        "nhs",
        "office",
        "officer",
        "ofsted",
        "partner",
        "partnership",
        "party",
        "pcc",
        "police",
        "prison",
        "probation",
        "provider",
        "school",
        "secretary",
        "sector",
        "service",
        "staff",
        "team",
        "they",
        "treasury",
        "we",
    }
)
"""Nouns that name someone who can be asked to act (singular; plurals are folded)."""

SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("make sure", "ensure"),
    ("while", "whilst"),
    ("among", "amongst"),
    ("toward", "towards"),
    ("before", "prior to"),
    ("to", "in order to"),
    ("on", "upon"),
    ("and", "&"),
    ("for example", "e g", "eg"),
    ("that is", "i e", "ie"),
    ("per cent", "percent", "%"),
    ("by", "no later than", "not later than"),
    ("at least", "no fewer than", "not fewer than", "no less than", "not less than"),
    ("at most", "no more than", "not more than"),
    ("council", "local authority"),
    ("councils", "local authorities"),
    ("dwp", "department for work and pensions"),
    ("moj", "ministry of justice"),
    ("dfe", "department for education"),
    ("dhsc", "department of health and social care"),
    ("mhclg", "ministry of housing communities and local government"),
    ("dluhc", "department for levelling up housing and communities"),
    ("dcms", "department for culture media and sport"),
    ("defra", "department for environment food and rural affairs"),
    ("dft", "department for transport"),
    ("dbt", "department for business and trade"),
    ("lga", "local government association"),
    ("nhs", "national health service"),
    (
        "hmpps",
        "his majesty's prison and probation service",
        "her majesty's prison and probation service",
        "hm prison and probation service",
    ),
    ("pcc", "police and crime commissioner"),
    ("pccs", "police and crime commissioners"),
    ("treasury", "hm treasury", "his majesty's treasury"),
)
"""Groups of words of no legal weight between them: changing one for another is editorial."""

SPELLINGS: tuple[tuple[str, str], ...] = (
    ("ize", "ise"),
    ("yze", "yse"),
    ("izing", "ising"),
    ("ization", "isation"),
    ("or", "our"),
    ("er", "re"),
    ("eled", "elled"),
    ("eling", "elling"),
    ("og", "ogue"),
    ("ense", "ence"),
)
"""American and British endings: a word spelt the other way is the same word."""

VARIANTS: tuple[tuple[str, str], ...] = (
    ("programme", "program"),
    ("programmes", "programs"),
    ("ageing", "aging"),
    ("learnt", "learned"),
    ("spelt", "spelled"),
    ("judgement", "judgment"),
    ("acknowledgement", "acknowledgment"),
    ("enrol", "enroll"),
    ("enrolment", "enrollment"),
    ("councillor", "councilor"),
    ("councillors", "councilors"),
    ("fulfilment", "fulfillment"),
    ("instalment", "installment"),
    ("fulfil", "fulfill"),
    ("cheque", "check"),
    ("grey", "gray"),
)
"""Whole words spelt two ways (British, American) that no listed ending covers."""
_VARIANT_PAIRS = frozenset(VARIANTS) | frozenset((b, a) for a, b in VARIANTS)

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}

_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        [
            "zero",
            "_",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
    if word != "_"
} | {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "dozen": 12,
}
"""Counts written in words. ``one`` is left out: it is far more often a pronoun."""
_SCALES = frozenset(["hundred", "thousand", "million", "billion", "dozen"])
"""Counts in words that ``a`` may open: ``a thousand`` is 1,000."""

_UNITS = {
    word: value
    for value, word in enumerate(
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"], start=1
    )
}
_TENS = frozenset(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
_UNIT_AFTER = re.compile(r"-(" + "|".join(_UNITS) + r")(?![^\W_])")
"""The unit of a count written with a hyphen (``twenty-eight``), after its tens."""

_REFERENCE_WORDS = frozenset(
    [
        "paragraph",
        "paragraphs",
        "para",
        "paras",
        "section",
        "sections",
        "clause",
        "clauses",
        "annex",
        "annexes",
        "appendix",
        "appendices",
        "page",
        "pages",
        "chapter",
        "chapters",
        "article",
        "articles",
        "regulation",
        "regulations",
        "schedule",
        "schedules",
        "part",
        "parts",
        "item",
        "items",
        "comment",
        "comments",
        "recommendation",
        "recommendations",
        "question",
        "questions",
        "table",
        "tables",
        "figure",
        "figures",
        "note",
        "notes",
        "rule",
        "rules",
        "version",
        "versions",
        "round",  # a fund's round, phase or stage: a label, not an amount
        "rounds",
        "phase",
        "phases",
        "stage",
        "stages",
        "tranche",
        "tranches",
        "wave",
        "waves",
        "act",  # a statute by its year: "the Housing Act 2004"
        "acts",
        "bill",
        "bills",
        "no",
        "number",
        "point",
        "points",
        "s",
    ]
)
"""Words after which a number is a reference (``paragraph 3.2``), not an amount."""

_MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "billion": 1e9,
}

_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_DAY = r"(?P<{0}>[0-3]?\d)(?:st|nd|rd|th)?"
# One pattern, alternatives tried in order at each place: a date before the
# number inside it, money and percentages before a bare number.
_AMOUNTS_PATTERN = rf"""
    (?P<iso>\b(?P<iy>\d{{4}})-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b)
  | (?P<slash>\b(?P<sd>[0-3]?\d)/(?P<sm>[01]?\d)/(?P<sy>\d{{4}})\b)
  | (?P<fy>(?<![\w./-])(?:FY\s?)?(?P<fy1>(?:19|20)\d\d)[-/\u2013]
        (?P<fy2>(?:20)?\d\d)(?![\w/-]|\.\w))
  | (?P<dmy>\b{_DAY.format("dd")}\s+(?P<dmon>{_MONTH_NAMES})\b(?:,?\s+(?P<dy>\d{{4}})\b)?)
  | (?P<mdy>\b(?P<mmon>{_MONTH_NAMES})\b(?:\s+{_DAY.format("md")}\b)?(?:,?\s+(?P<my>\d{{4}})\b)?)
  | (?P<season>\b(?P<sea>spring|summer|autumn|winter)\s+(?P<sey>\d{{4}})\b)
  | (?P<money>(?P<cur>[£$€])\s?(?P<mv>{_NUM})(?:\s?(?P<mmul>k|m|bn|thousand|million|billion)\b)?)
  | (?P<percent>(?P<pv>{_NUM})\s?(?:%|per\s?cent\b))
  | (?P<number>(?<![\w./-])(?P<nv>{_NUM})
        (?:\s?(?P<nmul>thousand|million|billion)\b)?(?![\w/]|-(?![^\W\d_])|\.\w))
  | (?P<word>\b(?P<wv>{"|".join([*_NUMBER_WORDS, "one", "an", "a", "half"])})
        (?:-(?P<wu>{"|".join(_UNITS)}))?\b)
    """


@functools.cache
def _amounts_pattern() -> re.Pattern[str]:
    """The pattern for texts with digits, compiled on first need: it costs milliseconds."""
    return re.compile(_AMOUNTS_PATTERN, re.IGNORECASE | re.VERBOSE)


_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_DIGIT = re.compile(r"[\d£$€]")
_ASCII_DIGIT = re.compile(r"[0-9$]")
""":data:`_DIGIT` for a text of ASCII alone: a range to test, not Unicode's digits to look up."""


def _has_digit(text: str) -> bool:
    """Whether *text* holds a digit or a currency sign (``str.isascii`` costs nothing)."""
    return (_ASCII_DIGIT if text.isascii() else _DIGIT).search(text) is not None


_AMBIGUOUS_MONTHS = frozenset(("may", "march", "mar", "jan", "dec", "sept", "sep"))
"""Month names that are also other words: months only after ``in``, ``by`` and the like."""
_MONTH_CONTEXT = frozenset(
    [
        "in",
        "by",
        "of",
        "from",
        "until",
        "till",
        "since",
        "before",
        "after",
        "during",
        "early",
        "late",
        "mid",
        "end",
        "start",
        "beginning",
    ]
)
_NOT_MODAL_BEFORE = frozenset(
    ["the", "a", "an", "their", "its", "his", "her", "our", "your", "good", "ill", "free"]
)
_CLAUSE_END = re.compile(r"[.;:!?]\s")
_CONTRACTED = {
    "shouldn't": "should",
    "mustn't": "must",
    "won't": "will",
    "shan't": "shall",
    "couldn't": "could",
    "mightn't": "might",
    "can't": "can",
    "cannot": "can",
    "wouldn't": "would",
}
"""Modals written with a negation (``shouldn't``): the modal they hold. (A word
ending ``'ll``, ``we'll``, holds ``will`` after its subject.)"""
_MODAL_FIRST: dict[str, list[tuple[tuple[str, ...], int]]] = {}
for _phrase, _level in sorted(MODALS.items(), key=lambda item: -len(item[0].split())):
    _MODAL_FIRST.setdefault(_phrase.split()[0], []).append((tuple(_phrase.split()), _level))
"""Each modal phrase by its first word, longest first."""


def _ask_forms(verb: str) -> tuple[str, ...]:
    """An ask verb's forms read: ``urge(s)``, ``(are) urging``, ``would urge``, ``have urged``."""
    if verb == "would":
        return (verb,)
    stem = verb[:-1] if verb.endswith("e") else verb
    ing = stem + "ing"
    return (
        verb,
        verb + "s",
        ing,
        f"is {ing}",
        f"are {ing}",
        f"would {verb}",
        f"have {stem}ed",
        f"has {stem}ed",
    )


_ASK_STRENGTH = {
    f"{form} {' '.join(rest)}".strip(): strength
    for phrase, strength in ASKS.items()
    for first, *rest in [phrase.split()]
    for form in _ask_forms(first)
}
"""Each form of an ask's verb phrase (``calls on``, ``would urge``) to its strength."""
_ASK_FIRST = frozenset(phrase.split()[0] for phrase in _ASK_STRENGTH)
_ASK = re.compile(
    r"(?P<verb>"
    + "|".join(
        p.replace(" ", r"\s+").replace(r"ve\s+", r"ve\s+(?:long\s+|always\s+|[^\W_]+ly\s+)?")
        for p in sorted(_ASK_STRENGTH, key=len, reverse=True)
    )
    + r")\s+(?!(?:to|for|that|whether|how|if|about|what|why)\s)"
    + r"(?P<asked>(?:[^\W_][^\s.;:!?]*\s+){0,7}?[^\W_][^\s.;:!?]*)\s+to\s+(?=[^\W\d_])"
)
"""An ask's verb (``have long called on``: an adverb may stand after ``have``), the words
naming who is asked (up to eight, none a clause's end), ``to`` and the verb of what is asked."""
_ADVERB = re.compile(r"(?<=^ha[sv]e )(?:long|always|[^\W_]+ly) ")


def _ask_strength(verb: str) -> int:
    """The strength of an ask's verb as written (``Have long called on``)."""
    return _ASK_STRENGTH[_ADVERB.sub("", " ".join(verb.lower().split()))]


_ALSO_ASKED = re.compile(
    r",?\s+(?:and|or)\s+(?P<asked>(?:[^\W_][^\s.;:!?,]*\s+){0,5}?[^\W_][^\s.;:!?,]*)"
    r"\s+to\s+(?=[^\W\d_])"
)
"""A second party an ask names, after what it asks of the first: ``We call on the Government
to fund hostels and councils to publish data`` (up to six words, then ``to`` and a verb)."""


def _also_asked(text: _Text, ask: _Modal, end: int, places: list[tuple[int, str]]) -> _Modal | None:
    """The second ask of *ask* (an ask of :data:`ASKS` whose ``to`` ends at *end*), if any.

    It is looked for in the rest of the clause, before the next modal word
    (*places*: where :meth:`_Text.find` found them), and counts when its
    words name an actor or a name (:data:`_NAMED`). It asks as strongly as
    *ask*, and stands at its ``and``, with no subject of its own.
    """
    clause = _CLAUSE_END.search(text.lower, end)
    stop = clause.start() if clause is not None else len(text.lower)
    k = bisect.bisect_left(places, (end, ""))
    if k < len(places):
        stop = min(stop, places[k][0])
    match = _ALSO_ASKED.search(text.lower, end, stop)
    if match is None:
        return None
    asked = match.span("asked")
    if not (text.actors(*asked) or _NAMED.search(text.text, *asked) is not None):
        return None
    joint = text.lower.find(" ", match.start()) + 1  # the "and" or "or", after any comma
    return _Modal(ask.strength, joint, asked[1], ask.text, text, joint, asked)


_NAMED = re.compile(r"(?<![^\W_])(?:[A-Z][^\W\d_]|(?:them|us|everyone|all)(?![^\W_]))")
"""Who an ask may name besides a listed actor: a name (``the Secretary of State``), a pronoun."""
_MAY_NOT = re.compile(r"\s+(not)\s+([^\W_]+)")


@functools.cache
def _longer(first: str) -> re.Pattern[str] | None:
    """The rest of the longer phrases *first* starts (longest first), compiled on first need."""
    rests = [
        r"\s+" + r"\s+".join(words[1:])
        for words, _ in sorted(_MODAL_FIRST[first], key=lambda p: -len(p[0]))
        if len(words) > 1
    ]
    return re.compile("|".join(rests) + r"(?![^\W_]|'[^\W_])") if rests else None


_SPLIT = re.compile(r"([^\W_]+(?:'[^\W_]+)?)")
_ACTOR_FORMS = {
    form: actor
    for actor in ACTORS
    for form in (
        (actor, actor[:-1] + "ies") if actor.endswith("y") else (actor, actor + "s", actor + "es")
    )
}
"""Each actor noun, singular and plural, to its singular."""
_ONE_OF = frozenset(
    ["day", "week", "fortnight", "month", "year", "hour", "half", "third", "quarter", "fifth"]
)
"""Units and fractions read after ``a`` or ``an`` (``a quarter``, ``within a year``)."""
_AMOUNT_WORDS = frozenset([*_MONTHS, *_NUMBER_WORDS, "one", *_ONE_OF])
"""Words an amount in words is found by: a month, a count, ``one`` before a unit or
fraction (``one in three``), a unit or fraction after ``a`` (``a quarter``)."""
_BODY_OF = {
    phrase: group[0] for group in SYNONYMS if group[0] in _ACTOR_FORMS for phrase in group[1:]
}
"""A body's name written out, to the actor word it is (:data:`SYNONYMS`): ``local
authorities`` to ``councils``, ``Department for Work and Pensions`` to ``dwp``."""


@functools.cache
def _body_pattern() -> re.Pattern[str]:
    """Compiled on first need: importing the module costs no time for it."""
    return re.compile(
        r"(?<![^\W_])("
        + "|".join(p.replace(" ", r",?\s+") for p in sorted(_BODY_OF, key=len, reverse=True))
        + r")(?![^\W_])"
    )


_BODY_WORDS = frozenset(
    _ACTOR_FORMS[word] for phrase in _BODY_OF for word in phrase.split() if word in _ACTOR_FORMS
)
"""The actors a body's written-out name holds (``authority`` of ``local authority``)."""
_BODY_NAME_WORDS = frozenset(phrase.split()[-1] for phrase in _BODY_OF)
"""Changed words that may change which body a name names (``Education`` of ``Department
for Education``): the last of each, which tells it from the others."""
_BODY_ENDS_OF = {
    actor: tuple(
        {" ".join(p.split()[-2:]) for p in _BODY_OF if actor in map(_ACTOR_FORMS.get, p.split())}
    )
    for actor in _BODY_WORDS
}
"""For each actor a body's name holds, the last two words of those names: a stretch
without one names no such body written out."""

_MODAL_TRIGGERS = (
    frozenset(w for m in MODALS for w in m.split() if w != "to")
    | _ASK_FIRST
    | _BODY_NAME_WORDS
    | _ACTOR_FORMS.keys()
    | _CONTRACTED.keys()
)
"""Changed words that may change a modal or its subject. ``to`` alone is left out:
it is in half the sentences, and a change of ``to`` alone does not change a modal."""
_MODAL_CONTEXT = _MONTH_CONTEXT | _NOT_MODAL_BEFORE
"""Changed words that change a modal only just before one (``the will``, ``in May``)."""
_AMOUNT_TRIGGERS = (
    _AMOUNT_WORDS
    | _MONTH_CONTEXT
    | _REFERENCE_WORDS
    | frozenset(
        form
        for word in (
            "day",
            "week",
            "fortnight",
            "month",
            "year",
            "hour",
            "half",
            "halve",
            "third",
            "quarter",
            "fifth",
            "tenth",
            "working",
        )
        for form in (word, word + "s")
    )
    | frozenset(["spring", "summer", "autumn", "winter"])
    | frozenset(
        [
            "per",
            "each",
            "every",
            "annum",
            "annually",
            "yearly",
            "monthly",
            "weekly",
            "daily",
            "quarterly",
        ]
    )
)
"""Changed words that may change an amount: a count, a month, a unit or fraction after one,
the period of a rate (``£2m per annum``)."""


def _cased(words: Iterable[str]) -> frozenset[str]:
    """*words* in lower case, Title case and CAPITALS: how a text's words may stand unfolded."""
    return frozenset(form for w in words for form in (w, w.capitalize(), w.upper()))


_MODAL_WORDS = frozenset([*_MODAL_FIRST, *_CONTRACTED, *_ASK_FIRST])
"""The words a modal phrase starts with."""
_RULE_WORDS = _MODAL_WORDS | NEGATIONS | _AMOUNT_WORDS
"""The words the rules look for in a whole text (the others they read beside these)."""
_CASED_RULE_WORDS = _cased(_RULE_WORDS)
_ACTOR_WORDS = frozenset(_ACTOR_FORMS)
_MIXED_CASE = frozenset(["MoJ", "DfE", "DfT"])
"""Initials written in mixed case by custom: read as the bodies they name, though a word in
mixed case is otherwise taken for a slip (``GOVernment``)."""
_CASED_ACTOR_FORMS = _cased(_ACTOR_FORMS) | _MIXED_CASE
_CASED_LOOKED_FOR = _CASED_RULE_WORDS | _CASED_ACTOR_FORMS
"""The rule words and actor words, as a text's words may stand: looked up in one pass."""
_CLAUSE_MARK = re.compile(r"[.;:!?]")
_NOT_PLAIN = re.compile(
    r"(?:(?![<>≤≥±+'£$€]|(?<![^\W_])[-\u2212][\d£$€])[\W_])+|(?<![^\W_])'|'(?![^\W_])"
)


# --- features: what the rules look for in one text ------------------------------------


class _Feature(NamedTuple):  # a tuple, not attrs: made for every date and amount read
    kind: Kind
    value: object  # what two features must share to be the same: a date, an amount
    start: int
    end: int
    text: str


class _Modal(NamedTuple):
    strength: int
    start: int
    end: int
    text: str
    source: _Text  # the text it is in
    subject_start: int
    asked: tuple[int, int] | None = None  # who an ask of :data:`ASKS` names after its verb

    @property
    def subject(self) -> str:
        """The words before the modal, back to the end of the clause or the previous modal."""
        return self.source.text[self.subject_start : self.start].strip()

    def who(self) -> tuple[int, int]:
        """Where the words naming who is asked stand: ``(start, end)`` in the text.

        The subject before the modal; in a passive clause (``should be funded
        by government``) the agent after ``by`` instead, and an empty stretch
        after the verb when the passive has no agent (``should be funded``):
        it names nobody. For an ask of :data:`ASKS` (``We call on the
        Government to``), the words between the verb and ``to``. Read only
        where a finding needs it.
        """
        if self.asked is not None:
            return self.asked
        passive = _passive(self.source.lower, self.end)
        return (self.subject_start, self.start) if passive is None else passive

    def actors(self, who: tuple[int, int]) -> frozenset[str]:
        """Who the stretch *who* (:meth:`who`) names (:data:`ACTORS`, singular)."""
        return self.source.actors(*who)

    def head(self, who: tuple[int, int]) -> tuple[int, int] | None:
        """Where the words naming who is asked stand, apart from those naming company, if they do.

        ``The Government, working with councils`` asks it of the Government;
        so does ``Working with councils, the Government``, whose company comes
        first and ends at a comma. None when no word of :func:`_company_pattern`
        follows a few words (six at most) naming an actor, or opens the
        stretch: then all are asked alike.
        """
        start, end = who
        lower = self.source.lower
        company = _company_pattern().search(lower, start, end)
        if company is None:
            return None
        before = lower[start : company.start()]
        if len(before.split()) > 6:
            return None
        if self.source.actors(start, company.start()):
            comma = before.rfind(",")
            cut = _going_with_pattern().search(before)
            return start, start + (comma if comma >= 0 else cut.start() if cut else len(before))
        comma = lower.find(",", company.end(), end)
        if len(before.split()) <= 2 and comma >= 0 and self.source.actors(comma + 1, end):
            return comma + 1, end  # "Working with councils, the Government"
        return None

    def named(self, who: tuple[int, int]) -> frozenset[str]:
        """The names the stretch *who* (:meth:`who`) is made of, when it names no actor.

        ``Homes England``, ``Sport England and the Arts Council``: bodies not in
        :data:`ACTORS` are asked too, each read as its name (case folded, a
        leading ``the`` dropped). Only a stretch of names alone counts, joined
        by ``and``, ``or`` or commas: in ``Funding from the Shared Prosperity
        Fund`` the subject is the funding, not a body. A single capitalised
        word opening a sentence (``Funding should``) is no name. Empty when
        the stretch holds anything else.
        """
        start, end = who
        text = self.source.text
        names: list[str] = []
        run: list[str] = []
        opening = _sentence_start(text[max(0, start - 40) : start]) if start else True
        for match in _WORD.finditer(text, start, end):
            word = match.group()
            lower = word.lower()
            if word[0].isupper() and not (lower == "the" and not run):
                run.append(word)
            elif run and lower in _NAME_JOINS:
                run.append(word)  # "Mayor of London"
            elif lower in _NAME_LIST_WORDS:
                names += _name(run, opening and not names)
                run = []
            else:
                return frozenset()  # a word no name holds: the stretch is not names alone
        names += _name(run, opening and not names)
        return frozenset(names)

    def words(self, who: tuple[int, int]) -> str:
        """The stretch *who* (:meth:`who`) as written."""
        return self.source.text[who[0] : who[1]].strip()


_NAME_JOINS = frozenset(["of", "for", "on", "and"])
"""Words inside a body's name: ``Mayor of London``, ``Department for Education``."""
_NAME_LIST_WORDS = frozenset(["and", "or", "the"])
"""Words between the names of a list of bodies."""


def _name(run: list[str], opening: bool) -> list[str]:
    """The name a run of capitalised words (and :data:`_NAME_JOINS`) makes, as a list of 0 or 1.

    *opening*: whether the run opens its sentence, where one capitalised word
    (not in capitals) is no name. Joining words at the run's end are not
    part of it (``Homes England and``).
    """
    while run and run[-1].lower() in _NAME_JOINS:
        run = run[:-1]
    if not run or (opening and len(run) == 1 and not run[0].isupper()):
        return []
    return [" ".join(run).casefold()]


class _Text(NamedTuple):
    """A text as the rules read it: folded, and which of the words they look for it holds.

    The rules find each word they want with ``str.find`` (in C) and look at
    its neighbours, rather than split the whole text into words in Python:
    they want a handful of the sixty words of a statement.
    """

    text: str
    lower: str  # lower case, a typographic apostrophe as "'", as long as *text*
    words: frozenset[str]  # the words of _RULE_WORDS it holds, lower case
    actor_forms: frozenset[str] | None  # the forms of _ACTOR_FORMS it holds; None: read stretches

    @classmethod
    def of(cls, text: str, split: list[str] | None = None) -> _Text:
        """Read *text*; *split* is its :func:`policypos.redline.split`, if at hand.

        That split (words as written) tells which rule words and actor words
        the text holds without splitting it again, its words looked up in
        lower case, Title case and CAPITALS (:func:`_cased`). **Decision:** a
        word in mixed case (``sHould``, ``GOVernment``) is not taken for a
        rule word or an actor, with or without *split*. A text with an
        apostrophe is split again: the redline cuts ``shouldn't`` at its
        apostrophe.
        """
        lower = text.lower()
        exact = len(lower) == len(text)
        if not exact:  # a letter that lowers to two ("İ"): keep offsets true
            lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        apostrophe = "'" in text or "\u2019" in text
        if apostrophe:
            lower = lower.replace("\u2019", "'")  # a typographic apostrophe is one
        if split is None or apostrophe:
            split = _WORD.findall(text.replace("\u2019", "'") if apostrophe else text)
        else:
            split = split[1::2]  # its words and marks; the white space between them at even places
        held = set(map(str.lower, _CASED_LOOKED_FOR.intersection(split)))
        rule_words = held.intersection(_RULE_WORDS)
        if apostrophe:  # "shouldn't", "we'll": the contraction stands for its modal or "not"
            rule_words |= {w for w in map(str.lower, split) if w.endswith(("n't", "'ll"))}
        # A stretch may end inside a word at an apostrophe ("council" of
        # "council'll"), and a letter that lowers to two may stand in one:
        # such a text's stretches are split one by one (:meth:`actors`).
        forms = frozenset(held & _ACTOR_WORDS) if exact and not apostrophe else None
        return cls(text, lower, frozenset(rule_words), forms)

    def actors(self, start: int, end: int) -> frozenset[str]:
        """The actors (:data:`ACTORS`, singular) named in ``[start, end)`` of the text.

        Each actor word the text holds is looked for in the stretch with
        :meth:`find`, rather than the stretch split into words: a subject
        runs to tens of words and names an actor or two. (Finding them once
        in the whole text cost more: a text's subjects are seldom all read.)
        A text with an apostrophe, or a letter whose lower case is two, has
        its stretches split into words as written, each looked up as
        :meth:`of` looks them up: a stretch may end inside a word at an
        apostrophe (``council`` of ``council'll``).
        """
        forms = self.actor_forms
        if forms is None:
            stretch = self.text[start:end].replace("\u2019", "'")
            found = frozenset(
                _ACTOR_FORMS[word.lower()]
                for word in _WORD.findall(stretch)
                if word in _CASED_ACTOR_FORMS
            )
            lowered = stretch.lower()
            return _named_bodies(found, lowered, 0, len(lowered))
        if not forms:
            return frozenset()
        found = frozenset(_ACTOR_FORMS[form] for _, form in self.find(forms, start, end))
        return _named_bodies(found, self.lower, start, end)

    def find(
        self, words: Iterable[str], start: int = 0, stop: int | None = None
    ) -> list[tuple[int, str]]:
        """Where each of *words* stands as a whole word: ``(offset, word)``, sorted.

        In the whole text, or only in ``[start, stop)`` (a stretch whose ends
        are word boundaries: a subject, an agent).
        """
        lower = self.lower
        found = []
        last = len(lower) - 1
        if stop is None:
            stop = len(lower)
        for word in words:
            size = len(word)
            at = lower.find(word, start, stop)
            while at >= 0:
                end = at + size
                # The checks written out: a function call each cost more than the find.
                before = lower[at - 1] if at else " "
                after = lower[end] if end <= last else " "
                if not (before.isalnum() or after.isalnum()) and (
                    (before != "'" and after != "'")
                    or not (_continues_before(lower, at) or _continues_after(lower, end))
                ):
                    found.append((at, word))
                at = lower.find(word, at + 1, stop)
        found.sort()
        return found

    def previous(self, at: int) -> str:
        """The word before offset *at* (punctuation stepped over), or ""."""
        lower = self.lower
        if at > 1 and lower[at - 1] == " ":  # most words: one space after a plain word
            word = lower[lower.rfind(" ", 0, at - 1) + 1 : at - 1]
            if word.isalnum():
                return word
        end = at
        while end > 0 and not lower[end - 1].isalnum():
            end -= 1
        start = end
        while start > 0 and (lower[start - 1].isalnum() or _inner_apostrophe(lower, start - 1)):
            start -= 1
        return lower[start:end]


def _named_bodies(actors: frozenset[str], lower: str, start: int, end: int) -> frozenset[str]:
    """*actors*, the actors named in ``lower[start:end]``, each body's written-out name read as one.

    ``local authorities`` -> ``councils`` is no change of who acts, nor is
    ``the Department for Work and Pensions`` -> ``DWP``; an authority of
    another kind (``combined``, ``housing``) stays one.
    """
    bodies = actors & _BODY_WORDS
    if not bodies or all(
        lower.find(last, start, end) < 0 for a in bodies for last in _BODY_ENDS_OF[a]
    ):
        return actors  # most subjects: checked in C, without a copy or the pattern
    stretch = lower[start:end]
    named = _body_pattern().sub(
        lambda m: f" {_BODY_OF[' '.join(m[1].replace(',', ' ').split())]} ", stretch
    )
    return frozenset(_ACTOR_FORMS[w] for w in _WORD.findall(named) if w in _ACTOR_FORMS)


def _inner_apostrophe(text: str, at: int) -> bool:
    """Whether the character at *at* is an apostrophe inside a word (``don't``)."""
    return (
        text[at] == "'"
        and 0 < at < len(text) - 1
        and text[at - 1].isalnum()
        and text[at + 1].isalnum()
    )


def _continues_before(text: str, at: int) -> bool:
    """Whether a word runs on before offset *at*: a letter, digit or inner apostrophe there."""
    return at > 0 and (text[at - 1].isalnum() or _inner_apostrophe(text, at - 1))


def _continues_after(text: str, at: int) -> bool:
    """Whether a word runs on from offset *at*: a letter, digit or inner apostrophe there."""
    return at < len(text) and (text[at].isalnum() or _inner_apostrophe(text, at))


def _amounts(text: _Text) -> list[_Feature]:
    """Dates, money, percentages and counts in *text*, references and ids left out.

    A text without a digit or currency sign (most statements) can only hold
    month names and counts in words, looked up among its words; the full
    pattern is only run over the others.
    """
    if _has_digit(text.text):
        return _written_amounts(text.text.replace("\u2019", "'"))
    found: list[_Feature] = []
    last = 0  # the end of the last amount: "eight" of "twenty-eight" is not one of its own
    for at, word in text.find(_AMOUNT_WORDS & text.words):
        if at < last:
            continue
        end = at + len(word)
        if word in _MONTHS:
            if word in _AMBIGUOUS_MONTHS and text.previous(at) not in _MONTH_CONTEXT:
                continue
            found.append(
                _Feature(Kind.DATE, (None, _MONTHS[word], None), at, end, text.text[at:end])
            )
        elif word in _ONE_OF:  # "a quarter", "within a year": from the article
            article = _ARTICLE_BEFORE.search(text.lower, max(last, at - 8), at)
            if article is None:
                if word == "half" and text.lower[end : end + 1] != "-":  # "Half of the fund"
                    value, end = _half(text.lower, end)
                    found.append(_Feature(Kind.NUMBER, value, at, end, text.text[at:end]))
                    last = end
                continue
            value, end = _counted(text.lower, 1.0, article.end(1))
            if not _unit_read(article[1], value, text.lower, article.start(1)):
                continue
            found.append(
                _Feature(
                    Kind.NUMBER, value, article.start(1), end, text.text[article.start(1) : end]
                )
            )
        else:
            number = _NUMBER_WORDS.get(word, 1)
            unit = _UNIT_AFTER.match(text.lower, end) if word in _TENS else None
            if unit is not None:  # twenty-eight
                number, end = number + _UNITS[unit[1]], unit.end()
            count, end = _times(text.lower, number, end)
            value, end = _counted(text.lower, count, end)
            if word in _COUNTED_ONLY and not _unit_read(word, value, text.lower, at):
                continue
            if word in _SCALES:  # "a thousand": the article is its "one"
                article = _ARTICLE_BEFORE.search(text.lower, max(last, at - 8), at)
                at = at if article is None else article.start(1)
            found.append(_Feature(Kind.NUMBER, value, at, end, text.text[at:end]))
        last = end
    return found


_DURATIONS = {
    "day": ("day", 1),
    "week": ("day", 7),
    "fortnight": ("day", 14),
    "month": ("month", 1),
    "year": ("month", 12),
    "hour": ("hour", 1),
}
"""Units of time, each in the unit it is counted in: weeks in days, years in months."""
_HALF = ("percent", 50.0)
"""``half`` on its own (``Half of the fund``, ``by half``): as ``a half`` and ``50%``."""
_HALF_OF = re.compile(r"\s+an?\s+(thousand|million|billion)(?![^\W_])", re.IGNORECASE)


def _half(text: str, end: int) -> tuple[tuple[object, ...], int]:
    """``half`` ending at *end*: 50%, or a count (``half a million``); and where it ends."""
    of = _HALF_OF.match(text, end)
    if of is None:
        return _HALF, end
    return _pounds(_MULTIPLIERS[of[1].lower()] / 2, text, of.end())


_POUNDS = re.compile(r"\s+(?:pounds?(?:\s+sterling)?|(?P<pence>pence))(?![^\W_])", re.IGNORECASE)


def _pounds(number: float, text: str, end: int) -> tuple[tuple[object, ...], int]:
    """The count *number* ending at *end*: money if ``pounds`` (or ``pence``) follows, else a count.

    ``a thousand pounds`` is ``£1,000``, ``half a million pounds`` ``£500,000``,
    ``50 pence`` ``£0.50``; with the period of a rate after it (:func:`_rate`).
    """
    pounds = _POUNDS.match(text, end)
    if pounds is None:
        return ("count", number), end
    amount = round(number / 100, 6) if pounds["pence"] else number
    return _rate(("money", "£", amount), text, pounds.end())


_FRACTIONS = {"half": 2, "halve": 2, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
_COUNTED = re.compile(
    r"""(?:\s*-\s*|\s+)
    (?: (?P<working>working\s+)?(?P<unit>day|week|fortnight|month|year|hour)s?
      | (?P<fraction>half|halve|third|quarter|fifth|tenth)s?
      | in\s+(?P<of>\d{1,3}(?![\d.,])|two|three|four|five|six|seven|eight|nine|ten)
    )(?![^\W_])""",
    re.IGNORECASE | re.VERBOSE,
)
"""What may follow a count and go with it: a unit of time (``28 days``, ``5-year``,
``28 working days``), a fraction (``two thirds``) or ``in N`` (``one in three``)."""
_ARTICLE_BEFORE = re.compile(r"(?<![^\W_])(an?)\s+\Z")
_COUNTED_ONLY = frozenset(["one", "a", "an"])
"""Words that are counts only with a unit or fraction after them (``one in three``,
``a quarter``, ``within a year``): else a pronoun or an article."""
_DURATION_BEFORE = frozenset(
    ["for", "within", "over", "after", "in", "than", "under", "every", "each", "per", "to"]
)
"""Words before ``a`` or ``an`` that make ``a year`` a length of time (``within a year``)."""


_TIMES = re.compile(r"\s+(hundred|thousand|million|billion)(?![^\W_])", re.IGNORECASE)


def _times(text: str, number: float, end: int) -> tuple[float, int]:
    """*number*, a count in words ending at *end*, times the words after it: ``two thousand``."""
    while (times := _TIMES.match(text, end)) is not None:
        number, end = number * _MULTIPLIERS.get(times[1].lower(), 100), times.end()
    return number, end


def _counted(text: str, number: float, end: int) -> tuple[tuple[object, ...], int]:
    """The value of the count *number* ending at *end* of *text*, read with what follows it.

    ``("duration", unit, size)`` for a length of time (``28 days`` and ``four
    weeks`` are both 28 days; ``12 months`` and ``a year`` both 12 months;
    working days are their own unit), ``("percent", value)`` for a fraction
    (``a quarter`` is 25 per cent, ``one in three`` a third), else ``("count",
    number)``; and where the amount ends.
    """
    match = _COUNTED.match(text, end)
    if match is None:
        return _pounds(number, text, end)
    if match["unit"]:
        unit, size = _DURATIONS[match["unit"].lower()]
        if match["working"]:
            unit = "working " + unit
        return ("duration", unit, number * size), match.end()
    if match["fraction"]:
        per = _FRACTIONS[match["fraction"].lower()]
        return ("percent", round(number / per * 100, 6)), match.end()
    of = match["of"].lower()
    per = int(of) if of.isdigit() else _NUMBER_WORDS[of]
    return ("percent", round(number / per * 100, 6)) if per else ("count", number), match.end()


def _unit_read(word: str, value: tuple[object, ...], text: str, at: int) -> bool:
    """Whether ``one``, ``a`` or ``an`` at *at* counts: before a fraction or a unit of time.

    A unit after ``a`` counts only after a word of :data:`_DURATION_BEFORE`
    (``within a year``); ``one year`` counts anywhere.
    """
    if value[0] == "percent":
        return True
    if value[0] != "duration":
        return False
    return word == "one" or _previous_word(text, at) in _DURATION_BEFORE


@functools.cache
def _rate_pattern() -> re.Pattern[str]:
    """Compiled on first need: importing the module costs no time for it."""
    return re.compile(
        r"\s+(?:(?:per|for\s+each|a|an)\s+(?:person|head|pupil|child|household|resident|place|bed|night)\s+)?"
        r"(?:(?:a|an|per|each|every)\s+(?P<per>year|annum|month|week|day|quarter|hour)"
        r"|(?P<ly>annually|yearly|monthly|weekly|daily|quarterly))(?![^\W_])",
        re.IGNORECASE,
    )


_PER = {
    "annum": "year",
    "annually": "year",
    "yearly": "year",
    "daily": "day",
    "quarterly": "quarter",
}


def _rate(value: tuple[object, ...], text: str, end: int) -> tuple[tuple[object, ...], int]:
    """*value* (money or a percentage ending at *end*) with the period it is a rate for, if any.

    ``£2m a year`` is not ``£2m a month``; ``per annum``, ``a year`` and
    ``annually`` are one period. Returns the value and where the amount ends.
    """
    rate = _rate_pattern().match(text, end)
    if rate is None:
        return value, end
    period = (rate["per"] or rate["ly"]).lower()
    period = _PER.get(period, period.removesuffix("ly"))
    if value[0] == "money" and period in _IN_YEARS:  # £2m a month is £24m a year
        value = (*value[:2], round(cast(float, value[2]) * _IN_YEARS[period], 6))
        period = "year"
    return (*value, period), rate.end()


_IN_YEARS = {"month": 12, "quarter": 4}
"""Periods of a rate that go a whole number of times into a year: money at those rates is
read per year (``£2m a month`` = ``£24m a year``). Weeks and days do not (a year is not 52
weeks), so ``£1m a week`` is not ``£52m a year``."""


def _written_amounts(text: str) -> list[_Feature]:
    """:func:`_amounts` of a text with digits: the full pattern."""
    found: list[_Feature] = []
    read_to = 0  # the end of the last amount: "3" of "1 in 3" is not one of its own
    for match in _amounts_pattern().finditer(text):
        group = match.lastgroup
        kind = Kind.NUMBER
        value: object
        end = match.end()
        if group == "iso":
            kind, value = Kind.DATE, (int(match["iy"]), int(match["im"]), int(match["id"]))
        elif group == "fy":  # 2025/26: a financial or school year
            first = int(match["fy1"])
            last = first // 100 * 100 + int(match["fy2"][-2:])
            kind, value = Kind.DATE, ("years", first, last + 100 if last < first else last)
        elif group == "slash":  # day first, as in the UK
            kind, value = Kind.DATE, (int(match["sy"]), int(match["sm"]), int(match["sd"]))
        elif group == "dmy":
            year = int(match["dy"]) if match["dy"] else None
            kind, value = Kind.DATE, (year, _MONTHS[match["dmon"].lower()], int(match["dd"]))
        elif group == "mdy":
            if not _is_month(text, match):
                continue
            year = int(match["my"]) if match["my"] else None
            day = int(match["md"]) if match["md"] else None
            kind, value = Kind.DATE, (year, _MONTHS[match["mmon"].lower()], day)
        elif group == "season":  # spring 2025: a date as precise as a board's timetable
            kind, value = Kind.DATE, ("season", int(match["sey"]), match["sea"].lower())
        elif group == "money":
            value, end = _rate(
                ("money", match["cur"], _value(match["mv"], match["mmul"])), text, end
            )
        elif group == "percent":
            value, end = _rate(("percent", _value(match["pv"], None)), text, end)
        elif group == "number":
            if _is_reference(text, match.start()) or _is_list_number(text, match.start()):
                continue
            number = _value(match["nv"], match["nmul"])
            if (
                match["nmul"] is None
                and _YEAR_LIKE.fullmatch(match["nv"])
                and _is_year(text, match.start(), match.end(), found)
            ):
                kind, value = Kind.DATE, (int(number), None, None)
            else:
                value, end = _counted(text, number, match.end())
        elif match["wv"].lower() == "half":
            if text[end : end + 1] == "-":
                continue  # "half-yearly": not an amount
            value, end = _half(text, end)
        else:
            word = match["wv"].lower()
            unit = _UNITS[match["wu"].lower()] if match["wu"] else 0
            number, end = _times(text, _NUMBER_WORDS.get(word, 1) + unit, match.end())
            value, end = _counted(text, float(number), end)
            if (
                word in _COUNTED_ONLY
                and number == 1  # "a thousand" counts
                and not _unit_read(word, value, text, match.start())
            ):
                continue
        if match.start() < read_to:
            continue  # the count of "one in three", read with the one before it
        found.append(_Feature(kind, value, match.start(), end, text[match.start() : end]))
        read_to = end
    return found


_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
_YEAR_BEFORE = frozenset(
    [
        *(m for m in _MONTHS if m not in _AMBIGUOUS_MONTHS),
        *_MONTH_CONTEXT - {"of"},
        "may",
        "march",
        "between",
        "year",
        "years",
        "fy",
        "spring",
        "summer",
        "autumn",
        "winter",
        "the",
        "this",
        "that",
        "its",
        "our",
        "their",
        "his",
        "her",
        "your",
    ]
)
"""Words after which a number from 1900 to 2099 is a year: ``by 2030``, ``the 2025 strategy``."""
_YEAR_AFTER = frozenset(
    [
        *("is", "was", "will", "saw", "sees", "has", "had", "marks", "marked"),
        *("target", "targets", "ambition", "goal", "goals", "deadline", "commitment", "pledge"),
    ]
)
"""Words before which such a number is a year: ``2025 will see``, ``2019 was``."""
_RANGE_WORDS = frozenset(["and", "or", "to", "until", "till"])
_NEXT_CHAR = re.compile(r"[ \t]*(\S?)")


def _is_year(text: str, start: int, end: int, found: list[_Feature]) -> bool:
    """Whether the number from 1900 to 2099 at ``text[start:end]`` is a year, not a count.

    A year after a word of :data:`_YEAR_BEFORE` (``by 2030``, ``since 2019``,
    ``the 2025 strategy``), after ``and``, ``or`` or ``to`` just after a year
    (``in 2025 and 2026``), before a word of :data:`_YEAR_AFTER` (``2025 will
    see``), or with no word after it in its clause (``replaces 2005.``); else a
    count: ``recruit 2000 more officers``, ``1500 homes``.
    """
    before = _previous_word(text, start)
    if before in _YEAR_BEFORE:
        return True
    if before in _RANGE_WORDS and found:
        last = found[-1]
        year = last.value[0] if isinstance(last.value, tuple) else None
        if last.kind is Kind.DATE and year is not None and start - last.end < 12:
            return True
    after = _NEXT_CHAR.match(text, end)
    char = after[1] if after is not None else ""
    if not char.isalnum():
        return True  # the end of the text or of a clause: "replaces 2005."
    following = _NEXT_WORD.match(text, end)
    return following is not None and following[1].lower() in _YEAR_AFTER


def _value(number: str, multiplier: str | None) -> float:
    return float(number.replace(",", "")) * _MULTIPLIERS.get((multiplier or "").lower(), 1.0)


def _previous_word(text: str, at: int) -> str:
    words = _WORD.findall(text[max(0, at - 40) : at])
    return words[-1].lower() if words else ""


_LIST_MARK = re.compile(r"\d{1,3}[.)][ \t]")


def _is_list_number(text: str, at: int) -> bool:
    """Whether the number at *at* numbers a list item (``2. `` first on its line): not an amount."""
    line = text.rfind("\n", 0, at) + 1
    return not text[line:at].strip(" \t") and _LIST_MARK.match(text, at) is not None


def _is_reference(text: str, at: int) -> bool:
    """Whether the number at *at* follows a reference word (``paragraph``) or ``§``.

    Or closes a range of references (``paragraphs 3.1 to 3.4``, ``sections 2
    and 5``, ``§ 4-6``): the first number after a reference word, the second
    after ``to``, ``and``, ``or`` or a dash.
    """
    before = text[max(0, at - 3) : at].rstrip()
    if before.endswith("§") or _previous_word(text, at) in _REFERENCE_WORDS:
        return True
    joined = _range_end_pattern().search(text, max(0, at - 60), at)
    return joined is not None and _is_reference(text, joined.start(1))


@functools.cache
def _range_end_pattern() -> re.Pattern[str]:
    """A number and ``to``, ``and``, ``or`` or a dash just before another: the range it opens."""
    return re.compile(
        r"(?<![\w.])(\d+(?:\.\d+)*)[a-z]?\s*(?:(?:to|and|or)\s+|[-\u2013]\s*)\Z", re.IGNORECASE
    )


def _is_month(text: str, match: re.Match[str]) -> bool:
    """Whether a month name is a month: ``May`` and ``March`` only next to a date's parts.

    Case is not looked at, so a change of case never turns a modal into a month:
    ``may`` and ``march`` are months after ``in``, ``by``, ``until`` and the like,
    or beside a day or a year; other month names always are.
    """
    if match["mmon"].lower() not in _AMBIGUOUS_MONTHS:
        return True
    if match["md"] or match["my"]:
        return True
    return _previous_word(text, match.start()) in _MONTH_CONTEXT


def _modals(
    text: _Text, skip: Sequence[_Feature], kept: tuple[int, int] | None = None
) -> list[_Modal]:
    """The modal phrases of *text* (longest first), each with the subject before it.

    The subject is the stretch before the modal back to the end of the previous
    clause (``.``, ``;``, ``:``) or the previous modal. A month (``in May``) is
    not a modal, nor a word after an article (``the will of``). With *kept*
    (how long the text kept before the first change and after the last is),
    only the modals of the clauses a change can touch (:func:`_reach`).
    """
    found: list[_Modal] = []
    boundary = 0
    whole, lower = text.text, text.lower
    after = 0  # the first offset not inside a modal found
    skip_starts = [f.start for f in skip]
    words = text.words
    wanted = _MODAL_WORDS & words
    if "'" in lower:  # "we'll": the modal is its "'ll", the subject before it
        wanted |= {w for w in words if w.endswith("'ll")}
    if not wanted:
        return found
    clauses = _clause_ends(whole)
    places = text.find(wanted, *_reach(clauses, len(whole), kept) if kept else (0, len(whole)))
    for start, word in places:
        if word.endswith("'ll"):
            start, word = start + len(word) - 3, "'ll"
        elif start < after or text.previous(start) in _NOT_MODAL_BEFORE:
            continue
        if skip_starts:
            # Dates are in text order and do not overlap: only the last
            # starting at or before the word can hold it.
            d = bisect.bisect_right(skip_starts, start) - 1
            if d >= 0 and start < skip[d].end:
                continue
        if word in _ASK_FIRST:
            ask = _ASK.match(lower, start)
            if ask is not None:
                clause_start = _clause_start(clauses, start)
                clause = max(boundary, clause_start)
                asked = ask.span("asked")
                if (
                    boundary <= clause_start  # no modal rules the clause before it
                    and not _subordinate(lower, clause, start)
                    and (text.actors(*asked) or _NAMED.search(whole, *asked) is not None)
                ):
                    found.append(
                        _Modal(
                            _ask_strength(ask["verb"]),
                            start,
                            ask.end("asked"),
                            whole[start : ask.end("verb")],
                            text,
                            clause,
                            asked,
                        )
                    )
                    boundary = after = ask.end("asked")
                    also = _also_asked(text, found[-1], ask.end(), places)
                    if also is not None:  # "... and councils to publish data"
                        found.append(also)
                        boundary = after = also.end
                    continue
            if word not in _MODAL_FIRST:
                continue
        end = start + len(word)
        longer = None if word in _CONTRACTED or word == "'ll" else _longer(word)
        match = longer.match(lower, end) if longer is not None else None
        if match is not None:
            end = match.end()
            strength = MODALS[" ".join(lower[start:end].split())]
        elif word in _CONTRACTED or word in MODALS:
            strength = MODALS[_CONTRACTED.get(word, word)]
        elif word == "'ll":
            strength = MODALS["will"]
        else:
            continue  # "is", "need": only the start of a phrase
        chained = _CHAINED.match(lower, end)
        if chained is not None:  # "may need to": as strong as its weaker half
            need = _CHAINED_STRENGTH[" ".join(chained[1].split())]
            strength = min(strength, need) if need else strength
            end = chained.end()
        clause_start = _clause_start(clauses, start)
        clause = max(boundary, clause_start)
        if word == "may" and end == start + 3:
            forbids = _MAY_NOT.match(lower, end)
            if (
                forbids is not None
                and forbids[2] not in PROHIBITIVE_MAY_NOT_BEFORE
                and text.actors(clause, start)
            ):  # "councils may not charge": as "must not"
                strength, end = MODALS["must"], forbids.end(1)
        subject = _coordinated(lower, _framed(lower, clause, start), start)
        if (
            (word in _POSSIBLE and _subordinate(lower, subject, start))
            or _asks_whether(lower, subject, start)
            or (found and boundary > clause_start and _describes(lower, clause, start))
            or (
                word in _NEED
                and found
                and boundary > clause_start
                and _needed(lower, clause, start)
            )
        ):
            # "consider how services can help", "should fund services that will
            # help": a description, not an ask.
            continue
        found.append(_Modal(strength, start, end, whole[start:end], text, subject))
        boundary = after = end
    return found


_CHAINED_STRENGTH = {
    "need to": 4,
    "have to": 4,
    "be required to": 4,
    "be expected to": 0,
    "be asked to": 0,
    "be requested to": 0,
    "be encouraged to": 0,
    "be invited to": 0,
}
"""What a modal phrase may take after it as one phrase (``may need to``), and the strength
of a need it adds (the phrase is as strong as its weaker half). A passive half (0:
``must be invited to``) asks nothing of its own: the first modal asks it of whoever
invites, so the phrase is as strong as that one."""
_CHAINED = re.compile(
    r"\s+(" + "|".join(p.replace(" ", r"\s+") for p in _CHAINED_STRENGTH) + r")(?![^\W_])"
)


_FRAME = re.compile(
    r"(?<![^\W_])(?:(?:believes?|thinks?|feels?)(?:\s+that)?"
    r"|(?:(?:is|are)\s+clear|recogni[sz]es?|agrees?|considers?|argues?|knows?|says?|maintains?"
    r"|accepts?|expects?|hopes?|understands?|(?:is|are)\s+concerned)\s+that)\s+"
)
"""Words by which the speaker frames what follows (``We believe that``): who is asked is
named after them (``councils should``), not before."""
_FRAME_WORDS = ("believ", "think", "feel")
"""What every frame without ``that`` holds."""


_COORDINATED = re.compile(r",\s+(?:and|but|or|while|whilst)\s+")
"""A comma and a joining word: where a second clause may start (``..., and devolution deals``)."""
_FINITE = re.compile(r"(?<![^\W_])(?:is|are|was|were|has|have|does|do)(?![^\W_])")
"""A verb that makes the words before a comma and a joining word a clause of their own."""


def _coordinated(lower: str, subject: int, start: int) -> int:
    """Where the subject of a modal at *start* begins, after a clause joined before it.

    ``Partnerships are the natural place to make it consistent, and devolution
    deals may offer another route``: the subject of ``may`` is ``devolution
    deals``, not the sentence up to it, whose words ("probation regions"
    added to the first clause) would read as a change of who is asked. Only
    where the words before the comma hold a verb of their own (``are``): in
    ``police, health services, and councils should`` all three are asked.
    """
    joins = list(_COORDINATED.finditer(lower, subject, start))
    if joins and _FINITE.search(lower, subject, joins[-1].start()):
        return joins[-1].end()
    return subject


def _framed(lower: str, clause: int, start: int) -> int:
    """Where the subject of a modal at *start* begins: after the last frame before it, if any."""
    if start - clause < 12:
        return clause  # "Councils should": too short to hold a frame and a subject
    that = lower.rfind(" that ", clause, start)
    if that >= 0:  # the pattern tried only just before the last "that"
        frame = _FRAME.search(lower, max(clause, that - 24), that + 6)
        if frame is not None and frame.end() == that + 6 and frame.end() < start:
            return frame.end()
    if all(lower.find(word, clause, start) < 0 for word in _FRAME_WORDS):
        return clause  # most subjects: told in C, without the pattern
    ends = [frame.end() for frame in _FRAME.finditer(lower, clause, start)]
    return ends[-1] if ends and ends[-1] < start else clause


def _clause_start(clauses: list[int], at: int) -> int:
    """Where the clause holding offset *at* starts, given *clauses* (:func:`_clause_ends`)."""
    before = bisect.bisect_right(clauses, at) - 1
    return clauses[before] if before >= 0 else 0


def _clause_ends(text: str) -> list[int]:
    """Where each clause of *text* ends: after each match of :data:`_CLAUSE_END`, in order.

    Found mark by mark with ``str.find``: a regular expression tries every
    character of the text, and a statement has a mark or two.
    """
    ends = []
    last = len(text) - 1
    for mark in ".;:!?":
        at = text.find(mark)
        while at >= 0:
            if at < last and text[at + 1].isspace():
                ends.append(at + 2)
            at = text.find(mark, at + 1)
    ends.sort()
    return ends


_POSSIBLE = frozenset(
    ["can", "cannot", "can't", "could", "couldn't", "might", "mightn't", "would", "wouldn't"]
)
"""Modals of what is possible or would happen: asks only as the main verb of a clause."""
_SUBORDINATE = re.compile(
    r"\b(?:how|whether|that|where|when|if|which|who|whom|whose|what|because|once|than)\b"
)
"""Words that open a subordinate clause: a :data:`_POSSIBLE` modal after one describes."""


def _asks_whether(lower: str, clause: int, start: int) -> bool:
    """Whether a modal at *start* is in a question: ``whether`` before it, after any comma.

    ``The Board asks whether councils should share data`` asks nothing of anyone.
    """
    begin = max(clause, lower.rfind(",", clause, start) + 1)
    at = lower.find("whether", begin, start)
    return at >= 0 and (at == 0 or not lower[at - 1].isalnum())


def _subordinate(lower: str, clause: int, start: int) -> bool:
    """Whether a word of :data:`_SUBORDINATE` stands between *clause* and *start*, after any comma.

    ``If funding allows, councils can refer`` is a main clause after its comma.
    """
    begin = max(clause, lower.rfind(",", clause, start) + 1)
    return _SUBORDINATE.search(lower, begin, start) is not None


def _describes(lower: str, clause: int, start: int) -> bool:
    """Whether a modal at *start*, after another ending at *clause*, is in a describing clause.

    As :func:`_subordinate`, but the reach ends at ``and``, ``or`` or ``but``
    (``should support people who leave prison and must publish data``: a
    second ask), and ``that`` after a verb of asking (:func:`_asking_pattern`:
    ``should make sure that providers must publish``) opens what is asked,
    not a description.
    """
    begin = max(clause, lower.rfind(",", clause, start) + 1)
    if _SUBORDINATE.search(lower, begin, start) is None:
        return False  # most modals: nothing describing before them
    begin = max(begin, *(lower.rfind(joint, begin, start) + len(joint) for joint in _JOINTS))
    for match in _SUBORDINATE.finditer(lower, begin, start):
        if match[0] != "that" or not _asking_pattern().search(lower, begin, match.start()):
            return True
    return False


_NEED = frozenset(["need", "needs", "have", "has"])
"""Modal words that, under an ask, often say what someone needs (``the funding they need to``)."""


def _needed(lower: str, clause: int, start: int) -> bool:
    """Whether ``need to`` at *start*, after a modal ending at *clause*, says what is needed.

    ``We call on the Government to give councils the funding they need to
    act``, ``the support people need to``: a pronoun (or ``people``) after
    another word, not after a joint (``and they need to publish`` asks).
    """
    words = lower[clause:start].split()
    return (
        len(words) >= 2
        and words[-1] in _NEEDING
        and words[-2] not in _JOINING
        and not words[-2].endswith((",", ";"))
    )


_NEEDING = frozenset(["they", "we", "you", "it", "he", "she", "people", "someone", "everyone"])


_JOINTS = (" and ", " or ", " but ")


@functools.cache
def _asking_pattern() -> re.Pattern[str]:
    """A verb of asking just before ``that``: what follows is the ask itself."""
    return re.compile(
        r"\b(?:ensur(?:e|es|ing)|make(?:s)?\s+sure|making\s+sure|make\s+clear|requir(?:e|es|ing)"
        r"|recommend(?:s|ing)?|ask(?:s|ing)?|insist(?:s|ing)?|expect(?:s|ing)?|demand(?:s|ing)?"
        r"|stipulat(?:e|es|ing)|agree(?:s|ing)?|decide(?:s)?|direct(?:s|ing)?)\s+\Z"
    )


@functools.cache
def _passive_pattern() -> re.Pattern[str]:
    """``be`` and a verb after a modal (``should not be jointly funded``): passive if participle."""
    return re.compile(
        r"(?:\s+(?:not|never|also|still|always|only|now|then|[a-z]+ly))*"
        r"\s+be\s+(?:[a-z]+ly\s+)?(?P<verb>[a-z]+)(?![\w'])(?P<to>\s+to\b)?"
    )


_PARTICIPLES = frozenset(
    [
        "paid",
        "made",
        "met",
        "set",
        "led",
        "held",
        "kept",
        "built",
        "brought",
        "sought",
        "taught",
        "bought",
        "sent",
        "spent",
        "lent",
        "run",
        "put",
        "cut",
        "done",
        "told",
        "sold",
        "shown",
        "known",
        "drawn",
        "grown",
        "won",
        "left",
        "found",
        "heard",
        "understood",
        "read",
        "let",
        "bound",
        "given",
        "taken",
        "written",
        "chosen",
        "driven",
        "broken",
        "spoken",
        "hidden",
        "proven",
        "seen",
        "beaten",
        "forgotten",
        "undertaken",
        "overseen",
        "overtaken",
    ]
)
"""Past participles not ending in ``-ed``."""
_NOT_PASSIVE = frozenset(
    [
        "involved",
        "committed",
        "engaged",
        "interested",
        "concerned",
        "prepared",
        "equipped",
        "placed",
        "determined",
        "dedicated",
        "satisfied",
        "minded",
        "entitled",
        "based",
        "located",
        "positioned",
    ]
)
"""Participles that describe the subject (``should be involved in``): it still acts."""


@functools.cache
def _agent_end_pattern() -> re.Pattern[str]:
    """Where an agent after ``by`` ends: punctuation or a preposition or conjunction."""
    return re.compile(
        r"[,;:.!?()]|\b(?:to|for|in|into|through|from|with|within|before|after|under|so|that|"
        r"which|who|where|when|if|unless|as|at|on|until|while|whilst|because)\b"
    )


_BY = re.compile(r"\bby\s+")


@functools.cache
def _company_pattern() -> re.Pattern[str]:
    """Words after which a subject names the company of who is asked, not who is asked."""
    return re.compile(
        r"(?<![^\W_])(?:with|alongside|as\s+well\s+as|supported\s+by|backed\s+by|helped\s+by)(?![^\W_])"
    )


@functools.cache
def _going_with_pattern() -> re.Pattern[str]:
    """Words before a company word that say how the asked go with it: ``working``, ``jointly``."""
    return re.compile(r"(?:\s+(?:[a-z]+ing|[a-z]+ly|together|in\s+partnership))+\s*\Z")


def _passive(lower: str, end: int) -> tuple[int, int] | None:
    """The agent after a passive verb from offset *end* (a modal's end), or None if not passive.

    ``should be funded by the council and the police`` gives the stretch
    ``the council and the police``; ``should be funded`` (or ``by 2025``: no
    actor) an empty stretch after the verb. A participle followed by ``to``
    (``should be prepared to``) or of :data:`_NOT_PASSIVE` is not a passive.
    """
    if lower.find(" be ", end, end + 40) < 0 and lower.find(" be\n", end, end + 40) < 0:
        return None  # most modals: no "be" after them ("before" is not "be")
    match = _passive_pattern().match(lower, end)
    if match is None or match["to"] is not None:
        return None
    verb = match["verb"]
    if verb in _NOT_PASSIVE or not (verb.endswith("ed") or verb in _PARTICIPLES):
        return None
    clause = _CLAUSE_END.search(lower, match.end())
    stop = clause.start() if clause is not None else len(lower)
    for by in _BY.finditer(lower, match.end(), stop):
        ends = _agent_end_pattern().search(lower, by.end(), stop)
        agent = (by.end(), ends.start() if ends is not None else stop)
        if _actors(lower[agent[0] : agent[1]]):
            return agent
    return match.end(), match.end()


def _actors(subject: str) -> frozenset[str]:
    """The actor nouns of :data:`ACTORS` in *subject*, singular."""
    return frozenset(_ACTOR_FORMS[w] for w in _ACTOR_FORMS.keys() & _WORD.findall(subject.lower()))


def _negations(text: _Text, changed: list[tuple[int, int, int]]) -> list[_Feature]:
    """The negations of *text*; *changed* are its changed pieces (:attr:`_Spans.changed_old`).

    A negating word that opens a phrase denying nothing (:data:`_NOT_NEGATING`:
    ``no later than``) is left out where the rest of the phrase changed too
    (``no later than`` -> ``by``: a synonym, or a rewording); where only the
    negating word changed (``no later than`` -> ``later than``), the bound is
    reversed, and that is a negation removed.
    """
    words = text.words
    wanted = (NEGATIONS & words) | {w for w in words if w.endswith("n't")}
    lower = text.lower
    found = []
    for at, word in text.find(wanted):
        end = at + len(word)
        phrase = _NOT_NEGATING[word].match(lower, end) if word in _NOT_NEGATING else None
        # The phrase's own words, not the space before them (a deleted "no "
        # takes its space along).
        if phrase is not None and _touching(
            changed, end + len(phrase[0]) - len(phrase[0].lstrip()), phrase.end()
        ):
            continue
        value = "not" if word.endswith("n't") or word == "cannot" else word
        found.append(_Feature(Kind.NEGATION, value, at, end, text.text[at:end]))
    return found


_CONDITION = re.compile(
    r"(?<![^\W_])(?:"
    + "|".join(
        r"\s+".join(map(re.escape, phrase.split()))
        for phrase in sorted(CONDITIONS, key=len, reverse=True)
    )
    + r")(?![^\W_])"
)
_CONDITION_WORDS = frozenset(word for phrase in CONDITIONS for word in phrase.split()) - {
    "where",
    "if",
    "as",
    "far",
    "so",
    "is",
    "to",
    "the",
    "of",
    "in",
    "when",
    "within",
}
"""Changed words that may change a condition: the words of :data:`CONDITIONS` but the
common ones (``where possible`` -> ``if possible`` is read as a rewording)."""


def _conditions(text: _Text) -> list[_Feature]:
    """The conditions of :data:`CONDITIONS` in *text*, each valued by its group.

    The pattern (forty phrases) is run only around the words that make a
    condition (:data:`_CONDITION_WORDS`, found with ``str.find``): tried at
    every place of a whole statement, it cost more than all the other rules.
    """
    lower = text.lower
    windows: list[tuple[int, int]] = []
    for word in _CONDITION_WORDS:
        at = lower.find(word)
        while at >= 0:
            end = lower.find(" ", at + len(word) + _CONDITION_REACH)
            windows.append((max(0, at - _CONDITION_REACH), len(lower) if end < 0 else end))
            at = lower.find(word, at + 1)
    found: dict[int, re.Match[str]] = {}
    for start, end in _union(windows)[1]:
        for match in _CONDITION.finditer(lower, start, end):
            found.setdefault(match.start(), match)
    return [
        _Feature(
            Kind.CONDITION,
            CONDITIONS[" ".join(match[0].split())],
            match.start(),
            match.end(),
            text.text[match.start() : match.end()],
        )
        for _, match in sorted(found.items())
    ]


_CONDITION_REACH = 50
"""How far a condition may run on either side of its word: the longest is 40 characters."""


_BOUND = r"(?:later|earlier|sooner|more|fewer|less|longer|greater|higher|lower)\s+than"
_NOT_NEGATING = {
    "no": re.compile(rf"\s+{_BOUND}(?![^\W_])"),
    "not": re.compile(rf"\s+(?:{_BOUND}|only|just|least)(?![^\W_])"),
    "without": re.compile(r"\s+delay(?![^\W_])"),
    "none": re.compile(r"\s+the\s+less(?![^\W_])"),
}
"""What after a negating word makes a phrase that denies nothing: a bound (``no
later than``, ``not more than``), ``not only`` (... but also), ``not least``,
``without delay``, ``none the less``."""


# --- reading the redline ----------------------------------------------------------------


class _Spans(NamedTuple):
    """Where each redline piece stands in the old and the new text, and which changed."""

    old: list[tuple[int, int, int]]  # (start, end, piece) of equal and deleted pieces
    new: list[tuple[int, int, int]]  # (start, end, piece) of equal and inserted pieces
    changed_old: list[tuple[int, int, int]]  # the deleted ones of old
    changed_new: list[tuple[int, int, int]]  # the inserted ones of new
    changed: list[int]  # the indices of the deleted and inserted pieces, in order

    @classmethod
    def of(cls, pieces: Sequence[Piece]) -> _Spans:
        # One pass, no attrs: this runs for every reworded statement of a diff.
        old: list[tuple[int, int, int]] = []
        new: list[tuple[int, int, int]] = []
        changed_old: list[tuple[int, int, int]] = []
        changed_new: list[tuple[int, int, int]] = []
        changed: list[int] = []
        at_old = at_new = 0
        equal, delete = Op.EQUAL, Op.DELETE
        for index, piece in enumerate(pieces):
            op = piece.op
            if op is equal:
                end_old, end_new = at_old + len(piece.text), at_new + len(piece.text)
                old.append((at_old, end_old, index))
                new.append((at_new, end_new, index))
                at_old, at_new = end_old, end_new
            elif op is delete:
                end_old = at_old + len(piece.text)
                old.append(span := (at_old, end_old, index))
                changed_old.append(span)
                changed.append(index)
                at_old = end_old
            else:
                end_new = at_new + len(piece.text)
                new.append(span := (at_new, end_new, index))
                changed_new.append(span)
                changed.append(index)
                at_new = end_new
        return cls(old, new, changed_old, changed_new, changed)


def _touching(spans: list[tuple[int, int, int]], start: int, end: int) -> tuple[int, ...]:
    """The pieces among *spans* overlapping ``[start, end)``, or at *start* if it is empty."""
    if start == end:
        return tuple(p for s, _, p in spans if s == start)
    # Pieces are in text order, none empty, and do not overlap: start at the
    # first ending after *start*, the last starting before it if it reaches
    # past, else the first starting at or after it. (Found on the spans
    # themselves: a key function would be a Python call per comparison.)
    first = bisect.bisect_left(spans, (start,))
    if first and spans[first - 1][1] > start:
        first -= 1
    out = []
    for s, e, p in spans[first:]:
        if s >= end:
            break
        if start < e:
            out.append(p)
    return tuple(out)


def _before_a_modal(old: str, new: str, pieces: Sequence[Piece], spans: _Spans) -> bool:
    """Whether a changed piece ends with a word of :data:`_MODAL_CONTEXT` just before a modal word.

    Only there does a change of ``the`` or ``in`` change what a modal word is
    (``the will of``, ``in May``); elsewhere in a text it is a rewording.
    """
    for changed, text in ((spans.changed_old, old), (spans.changed_new, new)):
        for _, end, k in changed:
            last = _WORD.findall(pieces[k].text.lower()[-40:])
            if last and last[-1] in _MODAL_CONTEXT:
                following = _NEXT_WORD.match(text, end)
                if following and following[1].lower() in _MODAL_WORDS | _AMBIGUOUS_MONTHS:
                    return True
    return False


_NEXT_WORD = re.compile(r"[\W_]*([^\W_]+(?:'[^\W_]+)?)")


def _plain(text: str) -> str:
    """The words of *text* run together, lower case: what case, spacing and punctuation keep.

    Kept too, as they change what a text says: comparisons and signs next to
    numbers (``<``, ``+``, a minus before a digit) and an apostrophe inside a
    word (``council's`` is not ``councils'``).
    """
    if "- " in text or "\u2212 " in text or "-\t" in text:
        text = _join_minus(text)
    lower = text.lower().replace("\u2019", "'")
    if lower.isascii() and "'" not in lower and "-" not in lower:
        # What the pattern keeps or drops by its neighbours is not there:
        # drop the rest a character table at a time, in C.
        return lower.translate(_ASCII_NOT_PLAIN)
    return _NOT_PLAIN.sub("", lower)


_ASCII_NOT_PLAIN = {c: None for c in range(128) if not chr(c).isalnum() and chr(c) not in "<>+$'-"}
"""The ASCII characters :data:`_NOT_PLAIN` drops wherever they stand."""


def _same_plain(old: str, new: str, pieces: Sequence[Piece], changed: list[int]) -> bool:
    """Whether ``_plain(old) == _plain(new)``, mostly told from the changed pieces alone.

    Lowering and dropping non-word characters go character by character, so
    the length of a text's plain form is the sum of its pieces'; the equal
    pieces add the same to both sides. When what was deleted and what was
    inserted have plain forms of different lengths (nearly every rewording),
    the texts differ without lowering and scanning both in full. The same
    holds for the characters themselves, counted: a word replaced by another
    of its length (``children`` -> ``reworded``) is told apart by sorting
    the two words' letters, not by reading both texts.
    """
    deleted = "".join(pieces[k].text for k in changed if pieces[k].op is Op.DELETE)
    inserted = "".join(pieces[k].text for k in changed if pieces[k].op is Op.INSERT)
    deleted, inserted = _plain(deleted), _plain(inserted)
    if len(deleted) != len(inserted) or sorted(deleted) != sorted(inserted):
        return False  # lengths first: most rewordings differ there, without a sort
    return _plain(old) == _plain(new)


def findings(
    old: str,
    new: str,
    pieces: Sequence[Piece],
    *,
    split: tuple[list[str], list[str]] | None = None,
) -> tuple[Finding, ...]:
    """The significance findings of the change from *old* to *new*.

    Args:
        old: the old text.
        new: the new text.
        pieces: the redline from *old* to *new* (:func:`policypos.redline.redline`).
        split: *old* and *new* as :func:`policypos.redline.split` splits them,
            if the caller has them (:func:`policypos.redline.compare_split`
            gives them with the redline); saves splitting them again.

    Returns:
        The findings, substantive ones first in the order of the rules in the
        module docstring, then editorial ones; empty when the texts are equal.
    """
    if old == new:
        return ()
    spans = _Spans.of(pieces)
    changed = spans.changed
    if not (old.isascii() and new.isascii()) and _nfc(old) == _nfc(new):
        # The same letters stored two ways (é as one character or as e and an
        # accent): nothing a reader can see changed.
        return (_editorial_only(pieces, changed),)
    # A rule can only fire where a changed piece holds one of its words (pieces
    # are cut at word boundaries): skip the rules no changed word can wake.
    changed_text = " ".join(pieces[k].text for k in changed).replace("\u2019", "'")
    words = set(_SPLIT.split(changed_text.lower())[1::2])
    # The redline cuts a word at an apostrophe, so a changed piece may hold
    # only part of a contraction ("won" of "won't"): texts with one are read.
    apostrophe = "'" in old or "'" in new or "\u2019" in old or "\u2019" in new
    read_modals = (
        apostrophe
        or not _MODAL_TRIGGERS.isdisjoint(words)
        or bool(_CLAUSE_MARK.search(changed_text))
        or (not _MODAL_CONTEXT.isdisjoint(words) and _before_a_modal(old, new, pieces, spans))
    )
    read_amounts = read_modals or _has_digit(changed_text)
    read_amounts = read_amounts or not _AMOUNT_TRIGGERS.isdisjoint(words)
    read_negations = apostrophe or not NEGATIONS.isdisjoint(words)
    read_conditions = not _CONDITION_WORDS.isdisjoint(words)
    if read_amounts or read_negations or read_conditions:
        old_split, new_split = split if split is not None else (None, None)
        old_text, new_text = _Text.of(old, old_split), _Text.of(new, new_split)
    old_amounts = _amounts(old_text) if read_amounts else []
    new_amounts = _amounts(new_text) if read_amounts else []
    same_amounts = [f.value for f in old_amounts] == [f.value for f in new_amounts]
    if (same_amounts or not _has_digit(changed_text)) and _same_plain(old, new, pieces, changed):
        # Case, punctuation and white space alone: never substantive, whatever
        # a rule would make of a moved full stop, or of a comma in "one in,
        # three" (a mark beside a digit may be its decimal point: "2.5%").
        return (_editorial_only(pieces, changed),)
    out: list[Finding] = []
    covered = _Covered([], [])
    if read_modals:
        kept = _kept_ends(spans, len(old), len(new))
        old_modals = _modals(old_text, [f for f in old_amounts if f.kind is Kind.DATE], kept)
        new_modals = _modals(new_text, [f for f in new_amounts if f.kind is Kind.DATE], kept)
        agents = (" be " in old or " be " in new) and not _ACTOR_FORMS.keys().isdisjoint(words)
        out += _modal_findings(old_modals, new_modals, spans, covered, agents)
    if read_negations:
        out += _paired(
            Kind.NEGATION,
            _negations(old_text, spans.changed_old),
            _negations(new_text, spans.changed_new),
            spans,
            covered,
        )
    if read_conditions:
        out += _paired(Kind.CONDITION, _conditions(old_text), _conditions(new_text), spans, covered)
    for kind in (Kind.NUMBER, Kind.DATE) if old_amounts or new_amounts else ():
        out += _paired(
            kind,
            [f for f in old_amounts if f.kind is kind],
            [f for f in new_amounts if f.kind is kind],
            spans,
            covered,
        )
    out += _leftovers(pieces, spans, covered)
    if "](" in old or "](" in new or "<" in old or "<" in new:  # else no link to read
        out = _links(out, pieces)
    if not out:  # every change explained away, yet the texts differ: never say nothing
        before, after = _side(pieces, changed, Op.DELETE), _side(pieces, changed, Op.INSERT)
        kind = Kind.EDITORIAL if _editorial(before or "", after or "") else Kind.WORDING
        out.append(Finding(kind, before, after, tuple(changed)))
    # Substantive first, rule order kept within each (a stable sort on
    # ``not f.substantive``, without a call per finding).
    return (
        *(f for f in out if f.kind is not Kind.EDITORIAL),
        *(f for f in out if f.kind is Kind.EDITORIAL),
    )


def _kept_ends(spans: _Spans, old: int, new: int) -> tuple[int, int]:
    """How long the text kept before the first change and after the last is (the same both sides).

    *old* and *new*: the texts' lengths. The side whose change comes first
    (last) has it at the kept text's end (start); the other's is further on.
    """
    first, last = [], []
    if spans.changed_old:
        first.append(spans.changed_old[0][0])
        last.append(old - spans.changed_old[-1][1])
    if spans.changed_new:
        first.append(spans.changed_new[0][0])
        last.append(new - spans.changed_new[-1][1])
    return min(first), min(last)


def _reach(clauses: list[int], size: int, kept: tuple[int, int]) -> tuple[int, int]:
    """The stretch of a text whose modals a change can touch: its clauses from the first change's.

    *clauses*: where the text's clauses end (:func:`_clause_ends`); *size*:
    its length; *kept*: as :func:`_kept_ends` gives it.

    From the start of the clause holding the first change to the start of
    the first clause wholly in the text kept after the last. **Why this
    gives the findings the whole text gives:** no modal phrase, subject,
    passive agent or second ask runs over a clause's end (:data:`_CLAUSE_END`),
    so the modals before the stretch are read the same in the old and new
    text (the same words, kept), paired with each other, and touch no
    change; nor do those after it. Reading only the stretch spares a long
    statement's untouched sentences (most of a real rewording's text).
    """
    k = bisect.bisect_right(clauses, kept[0]) - 1
    start = clauses[k] if k >= 0 else 0
    # A clause start whose mark (two characters before it) is in the kept end.
    k = bisect.bisect_left(clauses, size - kept[1] + 2)
    return start, clauses[k] if k < len(clauses) else size


def _links(found: list[Finding], pieces: Sequence[Piece]) -> list[Finding]:
    """*found* with a link's address changed said as such, not as the words of an address.

    ``[the note](https://a.example/x)`` to ``(https://b.example/y)`` changes no
    word a reader sees, so the rules' findings on the address's pieces
    (``reworded``, or a date in ``report-2024``) are replaced by one finding
    per link: kind ``wording`` (substantive: the tool cannot read where the
    link now goes, so a reviewer must), with :attr:`Finding.link` set.
    """
    from policypos.redline import link_changes

    changes = link_changes(pieces)
    if not changes:
        return found
    inside = {index for change in changes for index in change.pieces}
    kept = [f for f in found if not f.pieces or not set(f.pieces) <= inside]
    return kept + [
        Finding(Kind.WORDING, change.old, change.new, change.pieces, link=change.words)
        for change in changes
    ]


def _editorial_only(pieces: Sequence[Piece], changed: list[int]) -> Finding:
    """One editorial finding for the whole change: nothing in it has a meaning of its own."""
    return Finding(
        Kind.EDITORIAL,
        _side(pieces, changed, Op.DELETE),
        _side(pieces, changed, Op.INSERT),
        tuple(changed),
    )


def _nfc(text: str) -> str:
    """*text* in Unicode's composed form (NFC), as most keyboards type it."""
    return unicodedata.normalize("NFC", text)


def obligations(text: str) -> tuple[tuple[str, int], ...]:
    """The modal phrases of *text* as written, each with its strength on :data:`MODALS` (1-4).

    ``obligations("Councils should consider this; they must act.")`` is
    ``(("should consider", 1), ("must", 3))``. Months (``in May``) and nouns
    (``the will of``) are left out, as the rules leave them.
    """
    read = _Text.of(text)
    dates = [f for f in _amounts(read) if f.kind is Kind.DATE]
    return tuple((m.text, m.strength) for m in _modals(read, dates))


def significance(found: Sequence[Finding]) -> Significance | None:
    """The highest significance of *found*: substantive, editorial, or None for no findings."""
    if any(f.substantive for f in found):
        return Significance.SUBSTANTIVE
    return Significance.EDITORIAL if found else None


def _side(pieces: Sequence[Piece], indices: Iterable[int], op: Op) -> str | None:
    text = "".join(pieces[k].text for k in indices if pieces[k].op is op).strip()
    return text or None


def _modal_findings(
    old: list[_Modal], new: list[_Modal], spans: _Spans, covered: _Covered, agents: bool = False
) -> list[Finding]:
    """Obligation and actor findings for the modals a change touched (or whose subject it did).

    With *agents* (a text holds `` be `` and a changed actor noun), a modal
    whose own words and subject are kept is read too, for the agent of a
    passive after it (``by councils`` -> ``by government``).

    A modal kept in an unchanged piece is paired with the modal at its place
    in the new text (``should`` -> ``should consider``); the touched ones left
    over are paired in order.
    """
    at_new = {p: s for s, _, p in spans.new}
    old_ends = [e for _, e, _ in spans.old]
    new_starts = [n.start for n in new]
    paired: list[tuple[_Modal | None, _Modal | None]] = []
    taken: set[int] = set()  # the places in *new* of the modals paired so far
    left_old = []
    for modal in old:
        s, _, p = spans.old[bisect.bisect_right(old_ends, modal.start)]
        k = -1
        if p in at_new and s <= modal.start:  # it stands in a kept piece
            place = at_new[p] + modal.start - s
            k = bisect.bisect_right(new_starts, place) - 1
            if k < 0 or not new[k].start <= place < new[k].end or k in taken:
                k = -1
        else:  # its first word changed: "would need to" -> "need to" keeps the rest
            k = _kept_within(modal, spans, at_new, new, new_starts, taken)
        if k < 0:
            left_old.append(modal)
        else:
            taken.add(k)
            paired.append((modal, new[k]))
    left_new = [m for k, m in enumerate(new) if k not in taken]

    # Each modal's stretch (subject and modal) and the changes in it, in one
    # sweep a side: both run in text order and the stretches do not overlap.
    touched_old, own_of_old = _sweep(spans.changed_old, old)
    touched_new, own_of_new = _sweep(spans.changed_new, new)
    left_old = [m for m in left_old if m.start in touched_old]
    left_new = [m for m in left_new if m.start in touched_new]
    paired += _pair_left_over(left_old, left_new, spans)
    # A modal added or removed after another in its clause ("should fund
    # hostels and may publish data") changes what that one asked of its part.
    ruling_old = {m.end: m for m in old}
    ruling_new = {m.end: m for m in new}
    now_of = {a.start: b for a, b in paired if a and b}
    was_of = {b.start: a for a, b in paired if a and b}
    out = []
    for one, other in paired:
        who_old = who_new = None
        if not ((one and one.start in touched_old) or (other and other.start in touched_new)):
            if not agents or one is None or other is None:
                continue
            # Only the agent of a passive after it may have changed: "should be
            # housed by councils" -> "by government".
            who_old, who_new = one.who(), other.who()
            if not (
                _touching(spans.changed_old, *who_old) or _touching(spans.changed_new, *who_new)
            ):
                continue
        # A modal's own pieces are among those of its subject and itself: look there.
        own_old = own_of_old.get(one.start, ()) if one else ()
        own_new = own_of_new.get(other.start, ()) if other else ()
        modal_pieces = tuple(sorted({*own_old, *own_new})) if own_old or own_new else ()
        before, after, ruling = one, other, None
        if one is None and other is not None:  # added: what asked of its part before?
            ruling = _ruling(other, ruling_new)
            if ruling is not None:
                before = was_of.get(ruling.start, ruling)
                if _forbids(before):  # "may not charge rent": it ruled what it forbade
                    before, ruling = None, None
        elif other is None and one is not None:  # removed: what asks of its part now?
            ruling = _ruling(one, ruling_old)
            if ruling is not None:
                after = now_of.get(ruling.start, ruling)
                if _forbids(after):
                    after, ruling = None, None
        old_strength = before.strength if before else 0
        new_strength = after.strength if after else 0
        if (
            before
            and after
            and (_only_not(before.text, after.text) or _forbids(before) or _forbids(after))
        ):
            # "may not charge" -> "may charge": the negation's finding says it;
            # "may not" -> "should not" or "might not": left to be read, as
            # "may not" may forbid or say what may not happen
            old_strength = new_strength
        # Who is asked is read (a pattern over the subject) only where a finding needs it.
        new_actors = None
        if modal_pieces and old_strength != new_strength:
            direction = (
                Direction.SOFTENED if new_strength < old_strength else Direction.STRENGTHENED
            )
            if other is not None:
                who_new = other.who()
                asked = new_actors = other.actors(who_new)
            else:
                asked = one.actors(one.who()) if one is not None else frozenset()
            if not asked and ruling is not None:  # "... and may publish": the ruling one's
                asked = ruling.actors(ruling.who())
            out.append(
                Finding(
                    Kind.OBLIGATION,
                    before.text if before else None,
                    after.text if after else None,
                    modal_pieces,
                    direction,
                    tuple(sorted(asked)),
                    (old_strength, new_strength),
                )
            )
            covered.add(one, other)
        elif modal_pieces and ruling is not None:
            # As strong as the modal that asked of its part: "should fund
            # hostels and publish data" -> "... and should publish data".
            out.append(
                Finding(Kind.EDITORIAL, one and one.text, other and other.text, modal_pieces)
            )
            covered.add(one, other)
        elif (
            modal_pieces
            and one
            and other
            and one.text.lower() != other.text.lower()
            and not _only_not(one.text, other.text)
            and not (_forbids(one) or _forbids(other))
        ):  # "must not" -> "may not" is left to be read: "may not" may say what may not happen
            out.append(Finding(Kind.EDITORIAL, one.text, other.text, modal_pieces))
            covered.add(one, other)
        # Only named actors on both sides count: a subject with none ("help with
        # reading ... should follow") says nothing about who acts.
        if not (one and other):
            continue
        if (
            not agents
            and who_new is None
            and one.asked is None
            and other.asked is None
            and one.source.lower[one.subject_start : one.start].strip()
            == other.source.lower[other.subject_start : other.start].strip()
        ):
            continue  # the subject kept, and no agent of a passive can have changed
        if who_old is None:
            who_old = one.who()
        if who_new is None:
            who_new = other.who()
        subject_old, subject_new = one.words(who_old), other.words(who_new)
        if subject_old == subject_new or subject_old.lower() == subject_new.lower():
            continue
        old_actors = one.actors(who_old) or one.named(who_old)
        if not old_actors:
            continue
        if not new_actors:
            new_actors = other.actors(who_new) or other.named(who_new)
        if new_actors and old_actors == new_actors and len(new_actors) > 1:
            # "The Government, working with councils" -> "Councils, working
            # with the Government": the same bodies, but another is asked
            old_head, new_head = one.head(who_old), other.head(who_new)
            if old_head is not None and new_head is not None:
                old_actors, new_actors = one.actors(old_head), other.actors(new_head)
                if old_actors != new_actors:  # the finding names who is asked, not the company
                    subject_old, subject_new = one.words(old_head), other.words(new_head)
        if not new_actors:
            continue
        if old_actors != new_actors:
            kind = Kind.ACTOR
        elif _reordered(subject_old, subject_new):
            kind = Kind.EDITORIAL  # "Councils and the police" -> "The police and councils"
        else:
            continue
        subject_pieces = tuple(
            sorted(
                {
                    *_touching(spans.changed_old, *who_old),
                    *_touching(spans.changed_new, *who_new),
                }
                - set(modal_pieces)
            )
        )
        actors = tuple(sorted(new_actors)) if kind is Kind.ACTOR else ()
        out.append(Finding(kind, subject_old, subject_new, subject_pieces, actors=actors))
        covered.old.append(who_old)
        covered.new.append(who_new)
    return out


def _reordered(old: str, new: str) -> bool:
    """Whether *old* and *new* are the same words in another order, synonyms (``SYNONYMS``) aside.

    The words are compared first as written (case folded); the synonym
    pattern runs only when they differ by synonyms' words alone.
    """
    old_words, new_words = _WORD.findall(old.casefold()), _WORD.findall(new.casefold())
    if sorted(old_words) == sorted(new_words):
        return True
    if not set(old_words).symmetric_difference(new_words) <= _SYNONYM_WORDS:
        return False
    return sorted(_canonical(old)) == sorted(_canonical(new))


def _forbids(modal: _Modal) -> bool:
    """Whether *modal* is ``may not`` read as a prohibition (:data:`PROHIBITIVE_MAY_NOT_BEFORE`)."""
    return modal.text.lower().split()[-1] == "not"  # "cannot" is a modal of its own


def _only_not(one: str, other: str) -> bool:
    """Whether modal words *one* and *other* differ only by a ``not`` (``may not``, ``may``)."""
    a, b = one.lower().split(), other.lower().split()
    return a != b and [w for w in a if w != "not"] == [w for w in b if w != "not"]


def _ruling(modal: _Modal, by_end: dict[int, _Modal]) -> _Modal | None:
    """The modal that asks of *modal*'s part of the clause when *modal* is not there.

    The one before it in its clause (*by_end*: modals by their end), when
    only a joint stands between (``should fund hostels and may publish``: a
    comma, ``and``, ``or``, ``but``, ``then``, ``also``, ``so`` or an adverb
    in ``-ly`` just before it); not when a subject of its own does (``and
    prisons should share data``: an ask of prisons), nor when the one before
    is negated (``should not charge rent and should fund deposits``: without
    the second ``should``, the ``not`` may reach the deposits).
    """
    ruling = by_end.get(modal.subject_start)
    if ruling is None:
        return None
    lower = modal.source.lower
    stretch = lower[modal.subject_start : modal.start].rstrip()
    last = stretch.rsplit(None, 1)[-1] if stretch else ""
    if not (stretch.endswith(",") or last in _JOINING or (last.endswith("ly") and len(last) > 3)):
        return None
    if _NEGATED.match(lower, ruling.end) or ruling.text.lower().endswith("n't"):
        return None
    return ruling


_JOINING = frozenset(["and", "or", "but", "then", "also", "so", "nor"])
_NEGATED = re.compile(r"\s+(?:not|never)(?![^\W_])")


def _kept_within(
    modal: _Modal,
    spans: _Spans,
    at_new: dict[int, int],
    new: list[_Modal],
    new_starts: list[int],
    taken: set[int],
) -> int:
    """The index in *new* of the modal at the place of a kept piece of *modal*'s words, or -1.

    ``would need to`` -> ``need to`` deletes ``would`` but keeps ``need to``:
    the old phrase is paired with the new one there, as the other way round
    (``need to`` -> ``would need to``) it is, rather than called removed.
    """
    for p in _touching(spans.old, modal.start, modal.end):
        if p not in at_new:
            continue
        s = next(s for s, _, q in spans.old if q == p)
        place = at_new[p] + max(modal.start, s) - s
        k = bisect.bisect_right(new_starts, place) - 1
        if k >= 0 and new[k].start <= place < new[k].end and k not in taken:
            return k
    return -1


def _sweep(
    changed: list[tuple[int, int, int]], modals: list[_Modal]
) -> tuple[dict[int, tuple[int, ...]], dict[int, tuple[int, ...]]]:
    """The *changed* pieces under each modal's subject and itself, and under its own words.

    Both by the modal's start, for the modals a change touches (the others
    are left out); the modals and the changes both run in text order.
    """
    touched: dict[int, tuple[int, ...]] = {}
    own: dict[int, tuple[int, ...]] = {}
    first, count = 0, len(changed)
    for modal in modals:
        start, end = modal.subject_start, modal.end
        while first < count and changed[first][1] <= start:
            first += 1  # ends before this stretch, and so before every later one
        if first == count:
            break
        if changed[first][0] >= end:
            continue  # most modals: no change under them
        hits = []
        k = first
        while k < count and changed[k][0] < end:
            hits.append(changed[k])
            k += 1
        touched[modal.start] = tuple(p for _, _, p in hits)
        mine = tuple(p for _, e, p in hits if modal.start < e)  # each begins before its end
        if mine:
            own[modal.start] = mine
    return touched, own


def _pair_left_over(
    old: list[_Modal], new: list[_Modal], spans: _Spans
) -> list[tuple[_Modal | None, _Modal | None]]:
    """Pair the modals whose own words changed: within one change first, then in order.

    ``Councils must ... Probation should refer`` -> ``Probation may refer``
    pairs ``should`` with ``may`` (one change of the redline), not ``must``.
    """
    if not (old and new):
        return [(m, None) for m in old] + [(None, m) for m in new]
    change = _changes(spans)

    def where(modal: _Modal, changed: list[tuple[int, int, int]]) -> int | None:
        pieces = _touching(changed, modal.start, modal.end)
        return change[pieces[0]] if pieces else None

    # The new modals of each change, in order: looked up, not searched for
    # each old one (a long statement has thousands).
    within: dict[int | None, collections.deque[int]] = {}
    for k, modal in enumerate(new):
        within.setdefault(where(modal, spans.changed_new), collections.deque()).append(k)
    taken: set[int] = set()
    paired: list[tuple[_Modal | None, _Modal | None]] = []
    unpaired = []
    for modal in old:
        at = where(modal, spans.changed_old)
        same = within.get(at) if at is not None else None
        if same:
            k = same.popleft()
            taken.add(k)
            paired.append((modal, new[k]))
        else:
            unpaired.append(modal)
    left = [m for k, m in enumerate(new) if k not in taken]
    for k in range(max(len(unpaired), len(left))):
        paired.append(
            (unpaired[k] if k < len(unpaired) else None, left[k] if k < len(left) else None)
        )
    return paired


def _paired(
    kind: Kind,
    old: list[_Feature],
    new: list[_Feature],
    spans: _Spans,
    covered: _Covered,
) -> list[Finding]:
    """Findings for the features a change touched, matched by their place in the redline.

    At one place (sharing a kept piece or a change), equal values cancel (an
    editorial finding if written differently: ``£2m`` -> ``£2 million``) and
    the rest pair in order (``28`` -> ``56``), a feature the change touched
    with one it did not too (``2025`` -> ``2025/26``, where ``2025`` is kept).
    A value gone from one place and come in another has moved (``not`` from
    one clause to another: :attr:`Finding.moved`); the rest were removed or
    added.
    """
    change = _changes(spans)

    def read(
        feature: _Feature, changed: list[tuple[int, int, int]], side: list[tuple[int, int, int]]
    ) -> _Touched:
        # Where it stands in the redline: the kept pieces it is in, and its
        # changes (a deletion and the insertion beside it are one change).
        place = frozenset(
            -1 - change[p] if p in change else p
            for p in _touching(side, feature.start, feature.end)
        )
        return feature, _touching(changed, feature.start, feature.end), place

    all_old = [read(f, spans.changed_old, spans.old) for f in old]
    all_new = [read(f, spans.changed_new, spans.new) for f in new]
    left_old = [t for t in all_old if t[1]]
    left_new = [t for t in all_new if t[1]]
    kept_old = [t for t in all_old if not t[1]]
    kept_new = [t for t in all_new if not t[1]]
    out = []
    pairs: list[tuple[_Feature | None, _Feature | None, tuple[int, ...]]] = []

    def match(
        ones: list[_Touched],
        others: list[_Touched],
        key: Callable[[_Touched], Iterable[Hashable]],
        flip: bool,
        moved: bool = False,
    ) -> None:
        # Each of *ones* in turn takes the first of *others* left that shares a
        # key with it (a place, a value): looked up, not searched for, as a long
        # statement may hold thousands of features.
        index: dict[Hashable, collections.deque[int]] = {}
        for k, other in enumerate(others):
            for found in key(other):
                index.setdefault(found, collections.deque()).append(k)
        taken: set[int] = set()
        kept = []
        for one in ones:
            first = None
            for found in key(one):
                queue = index.get(found)
                while queue and queue[0] in taken:
                    queue.popleft()
                if queue and (first is None or queue[0] < first):
                    first = queue[0]
            if first is None:
                kept.append(one)
                continue
            taken.add(first)
            other = others[first]
            before, after = (other, one) if flip else (one, other)
            pieces = tuple(sorted({*before[1], *after[1]}))
            if before[0].value == after[0].value and not moved:
                covered.add(before[0], after[0])  # what changed around it is for the rest
                if before[0].text != after[0].text:
                    out.append(Finding(Kind.EDITORIAL, before[0].text, after[0].text, pieces))
            else:
                pairs.append((before[0], after[0], pieces))
        ones[:] = kept
        others[:] = [other for k, other in enumerate(others) if k not in taken]

    match(left_old, left_new, _place_and_value, flip=False)
    match(left_old, left_new, _place, flip=False)
    match(left_old, kept_new, _place, flip=False)
    match(left_new, kept_old, _place, flip=True)
    match(left_old, left_new, _same_value, flip=False, moved=True)
    pairs += [(f, None, t) for f, t, _ in left_old] + [(None, f, t) for f, t, _ in left_new]
    for before, after, pieces in pairs:
        shown = after if after is not None else before
        value = shown.value if shown is not None and kind is Kind.NUMBER else None
        out.append(
            Finding(
                kind,
                before.text if before else None,
                after.text if after else None,
                pieces,
                figure=_FIGURES.get(value[0]) if isinstance(value, tuple) else None,
            )
        )
        covered.add(before, after)
    return out


_FIGURES = {"money": "amount", "percent": "proportion", "duration": "period", "count": "number"}
"""A number's kind of value (:func:`_amounts`) in the word a clerk uses for it."""


_Touched = tuple[_Feature, tuple[int, ...], frozenset[int]]  # a feature, its changes, its place


def _place_and_value(touched: _Touched) -> Iterable[Hashable]:
    """At one place with the same value: a kept piece or change it shares, and its value."""
    return [(p, touched[0].value) for p in touched[2]]


def _place(touched: _Touched) -> Iterable[Hashable]:
    """At one place: the kept pieces and changes it stands in."""
    return touched[2]


def _same_value(touched: _Touched) -> Iterable[Hashable]:
    """The same value anywhere: a value gone from one place and come in another has moved."""
    return (touched[0].value,)


def _changes(spans: _Spans) -> dict[int, int]:
    """Each changed piece's change: the number of its run of changed pieces, from 0."""
    change: dict[int, int] = {}
    run = -1
    for k in spans.changed:
        if k - 1 not in change:
            run += 1
        change[k] = run
    return change


class _Covered(NamedTuple):
    """The stretches of the old and new text a rule's finding (or a feature kept) explains."""

    old: list[tuple[int, int]]
    new: list[tuple[int, int]]

    def add(self, one: _Modal | _Feature | None, other: _Modal | _Feature | None) -> None:
        if one is not None:
            self.old.append((one.start, one.end))
        if other is not None:
            self.new.append((other.start, other.end))


def _rest(
    pieces: Sequence[Piece],
    group: list[int],
    where: dict[int, tuple[int, _Union]],
) -> tuple[str, str] | None:
    """What *group* deleted and inserted outside the covered stretches; None if none touches it."""
    rest = {}
    for k in group:
        text = pieces[k].text
        start, (ends, covered) = where[k]
        end = start + len(text)
        for a, b in covered[bisect.bisect_right(ends, start) :]:
            if a >= end:
                break
            a, b = max(a, start) - start, min(b, end) - start
            text = text[:a] + " " * (b - a) + text[b:]
        rest[k] = text
    if all(rest[k] is pieces[k].text for k in group):
        return None
    return (
        "".join(rest[k] for k in group if pieces[k].op is Op.DELETE),
        "".join(rest[k] for k in group if pieces[k].op is Op.INSERT),
    )


_Union = tuple[list[int], list[tuple[int, int]]]  # stretches in order, apart; and their ends


def _union(stretches: list[tuple[int, int]]) -> _Union:
    """*stretches* (``[start, end)``) merged where they meet, in order, with their ends."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(stretches):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        elif start < end:
            merged.append((start, end))
    return [end for _, end in merged], merged


def _leftovers(pieces: Sequence[Piece], spans: _Spans, covered: _Covered) -> list[Finding]:
    """A finding for each change (deletion with its insertion) that no rule fully explained.

    Where a rule's finding explains part of a change (a modal, a date, an
    amount), the words around it are still read: ``must fund`` -> ``shall
    consider funding`` is a modal and a rewording, and an editorial date
    (``1 April 2025`` -> ``01/04/2025``) does not hide ``by`` -> ``from``.
    """
    out = []
    groups: list[list[int]] = []
    for k in spans.changed:
        if groups and groups[-1][-1] == k - 1:
            groups[-1].append(k)
        else:
            groups.append([k])
    where: dict[int, tuple[int, _Union]] = {}
    if covered.old or covered.new:
        # Looked up by bisection in their union: a long statement's findings
        # cover thousands of stretches.
        old_union, new_union = _union(covered.old), _union(covered.new)
        where = {p: (s, old_union) for s, _, p in spans.changed_old} | {
            p: (s, new_union) for s, _, p in spans.changed_new
        }
    for group in groups:
        # Most changes are a deletion, an insertion, or a deletion and the
        # insertion after it (a word replaced): read those without joining.
        first = pieces[group[0]]
        if len(group) == 1:
            before, after = (first.text, "") if first.op is Op.DELETE else ("", first.text)
        elif len(group) == 2 and first.op is Op.DELETE and pieces[group[1]].op is Op.INSERT:
            before, after = first.text, pieces[group[1]].text
        else:
            before = "".join(pieces[k].text for k in group if pieces[k].op is Op.DELETE)
            after = "".join(pieces[k].text for k in group if pieces[k].op is Op.INSERT)
        # The text just after and before a change is kept on both sides, and
        # tells a minus sign ("-" before "5%", "by - 5%") from a dash ("5 - 10").
        following = pieces[group[-1] + 1].text[:12] if group[-1] + 1 < len(pieces) else ""
        preceding = pieces[group[0] - 1].text[-40:] if group[0] else ""
        if group[0] > 1 and not preceding.strip(_STEPPED_OVER):  # " " between two changes
            preceding = _preceding(pieces, group[0])
        rest = _rest(pieces, group, where) if where else None
        if rest is not None:  # a rule explained part of it: read what it did not
            if _editorial(before, after, following, preceding):
                continue
            before, after = rest
            if not (
                _MEANING.search(before + after)
                or _marks(before, preceding, following)
                or _marks(after, preceding, following)
            ):
                continue
            before, after = " ".join(before.split()), " ".join(after.split())
        kind = Kind.EDITORIAL if _editorial(before, after, following, preceding) else Kind.WORDING
        out.append(Finding(kind, before.strip() or None, after.strip() or None, tuple(group)))
    return out


_STEPPED_OVER = " \t\"'\u201c\u2018(["
"""What :func:`_sentence_start` steps over: a kept piece of only these says nothing."""


def _preceding(pieces: Sequence[Piece], at: int) -> str:
    """Up to 40 characters of the old text before piece *at*: a change's kept context.

    Most often the kept piece just before it is enough; one of white space or
    quotes alone (``" "`` between two changes) is read with the pieces before
    it, so that what starts a sentence and what stands before a spaced minus
    can be told.
    """
    if at == 0:
        return ""
    text = pieces[at - 1].text
    if len(text) >= 40 or at == 1:  # most changes: one long kept piece before
        return text[-40:]
    k = at - 2
    while k >= 0 and len(text) < 40:
        if pieces[k].op is not Op.INSERT:
            text = pieces[k].text + text
        k -= 1
    return text[-40:]


_MEANING = re.compile(r"[^\W_]|[<>≤≥±+]")
"""What a change must touch to say something: a letter or digit, a comparison (or a
minus sign, which :func:`_marks` tells from a dash by its neighbours)."""


def _editorial(old: str, new: str, following: str = "", preceding: str = "") -> bool:
    """Whether *old* became *new* by case, punctuation, spacing, spelling or a listed synonym.

    Never when a comparison or sign (``<``, ``+``, ``-5``) or an apostrophe
    inside a word changed: those are in :func:`_plain` for that reason. The
    characters just before and after the change (the same on both sides)
    tell a minus sign from a dash.
    """
    if old.casefold() == new.casefold():
        return True
    if not (old.isascii() and new.isascii()):
        # The same letters stored another way (NFC, NFD) within a longer change.
        old, new = _nfc(old), _nfc(new)
        if old.casefold() == new.casefold():
            return True
    one, other = old.strip(), new.strip()
    if one.isalpha() and other.isalpha():
        # One word for another, as most changes are. A capitalised word not
        # first in its sentence is a name: never a typing slip ("Durham", "Dunham");
        # so is one first in its sentence that a capitalised word follows
        # ("Durham County Council").
        capital = one[0].isupper() or other[0].isupper()
        one, other = one.casefold(), other.casefold()
        if one not in _SYNONYM_OF and other not in _SYNONYM_OF:
            if one[0] != other[0]:  # no listed ending nor slip changes a first letter
                if (one, other) not in _VARIANT_PAIRS:
                    return (one in _STRADDLE_WORDS or other in _STRADDLE_WORDS) and _synonym_across(
                        [one], [other], following, preceding
                    )
            elif not _spelling(one, other):
                return False
            if capital and (not _sentence_start(preceding) or _name_goes_on(following)):
                return _spelling(one, other, frozenset((one, other)))  # asked only of a spelling
            return True
    else:
        one, other = one.casefold(), other.casefold()
    if (_MARK_CHAR.search(old) or _MARK_CHAR.search(new)) and _marks(
        old, preceding, following
    ) != _marks(new, preceding, following):
        return False
    a, b = _canonical(old), _canonical(new)
    if a == b or _the_before_a_body(a, b, following):
        return True
    if len(a) == len(b) and all(_spelling(x, y) for x, y in zip(a, b, strict=True)):
        names = _names(old, preceding) | _names(new, preceding)  # asked only of a spelling
        if not names or all(_spelling(x, y, names) for x, y in zip(a, b, strict=True)):
            return True
    if "".join(a) == "".join(b):  # a compound closed up: "re-offending", "reoffending"
        return True
    return _synonym_across(a, b, following, preceding)


def _the_before_a_body(old: list[str], new: list[str], following: str) -> bool:
    """Whether only a ``the`` that :func:`_canonical` drops before the next word came or went.

    ``the DWP`` -> ``DWP``: the word kept after the change is a body.
    """
    if sorted((old, new)) != [[], ["the"]]:
        return False
    next_word = _NEXT_WORD.match(following)
    return next_word is not None and _canonical(f"the {next_word[1]}") == _canonical(next_word[1])


def _synonym_across(old: list[str], new: list[str], following: str, preceding: str) -> bool:
    """Whether a listed synonym straddles the change and the words kept beside it.

    ``in order to`` -> ``to`` deletes ``in order`` and keeps ``to``: read
    with the kept word after it (or before it), the change is the synonym.
    """
    if _STRADDLE_WORDS.isdisjoint((*old[:1], *old[-1:], *new[:1], *new[-1:])):
        return False  # no changed word at either end that a listed phrase runs on from
    next_word = _NEXT_WORD.match(following)
    last_word = _LAST_WORD.search(preceding.rstrip(_STEPPED_OVER))
    after = [next_word[1].casefold()] if next_word else []
    before = [last_word[0].casefold()] if last_word else []
    # Only where a listed phrase runs from a changed word into a kept one.
    pairs = [(*side[-1:], *after) for side in (old, new)]
    pairs += [(*before, *side[:1]) for side in (old, new)]
    if _STRADDLES.isdisjoint(pairs):
        return False
    for left, right in ((before, []), ([], after), (before, after)):
        if left or right:
            joined_old = _canonical(" ".join([*left, *old, *right]))
            if joined_old == _canonical(" ".join([*left, *new, *right])):
                return True
    return False


_SENTENCE_END = frozenset(".!?")


def _name_goes_on(following: str) -> bool:
    """Whether the word after a change starts with a capital: the change is in a name."""
    match = _NEXT_WORD.match(following)
    return match is not None and following[:1] in " \t" and match[1][:1].isupper()


def _sentence_start(preceding: str) -> bool:
    """Whether a word after the text *preceding* is the first of its sentence.

    The start of the text, or after ``.``, ``!`` or ``?``, or after a bullet
    (``-``, ``*``, ``•``, ``2)``) first on its line; quotes, brackets, spaces
    and line breaks stepped over. A line break alone does not end a sentence:
    a literal block may break one anywhere.
    """
    before = preceding.rstrip(_STEPPED_OVER + "\n")
    if not before or before[-1] in _SENTENCE_END:
        return True
    line = before[before.rfind("\n") + 1 :].strip()
    return line in ("-", "*", "\u2022") or (line[:-1].isdigit() and line[-1] == ")")


def _names(text: str, preceding: str) -> frozenset[str]:
    """The capitalised words of *text* not first in their sentence, case folded: names."""
    if text.lower() == text:
        return frozenset()
    return frozenset(
        m.group().casefold()
        for m in _WORD.finditer(text)
        if m.group()[0].isupper() and not _sentence_start(preceding + text[: m.start()])
    )


_MARKS = re.compile(r"[<>≤≥±+]|(?<![^\W_])[-\u2212](?=[\d£$€])|(?<=[^\W_])'(?=[^\W_])(?!t\b)")
"""Marks that change what a text says: comparisons, a minus sign (not a dash
between two numbers), an apostrophe inside a word (not the ``n't`` of a contraction)."""


_MARK_CHAR = re.compile(r"[<>≤≥±+'\u2019\u2212-]")
"""A character :data:`_MARKS` may match: without one in either text, no need to look."""


def _marks(text: str, preceding: str = "", following: str = "") -> list[str]:
    """The :data:`_MARKS` in *text*, read with the text around it (which is not searched).

    A spaced minus (:func:`_spaced_minus`) is a ``-`` mark too, where it stands.
    """
    whole = (preceding + text + following).replace("\u2019", "'")
    start, end = len(preceding), len(preceding) + len(text)
    found = [(m.start(), m.group()) for m in _MARKS.finditer(whole) if start <= m.start() < end]
    if "-" in text or "\u2212" in text:
        found += [
            (m.start(), "-")
            for m in _SPACED_MINUS.finditer(whole)
            if start <= m.start() < end and _spaced_minus(whole, m.start())
        ]
        found.sort()
    return [mark for _, mark in found]


_SPACED_MINUS = re.compile(r"(?<![^\s(\[])[-\u2212](?=[ \t]+[\d£$€])")
"""A hyphen or minus standing alone before a number: a minus sign or a dash, by what precedes it."""
_MINUS_AFTER = frozenset(
    [
        "by",
        "of",
        "to",
        "at",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "from",
        "than",
        "between",
        "and",
        "or",
        "around",
        "about",
        "reach",
        "reaches",
        "reached",
    ]
)
"""Words after which a spaced ``-`` before a number is a minus sign (``by - 5%``)."""
_LAST_WORD = re.compile(r"[^\W_]+$")


def _spaced_minus(text: str, at: int) -> bool:
    """Whether the ``-`` at *at*, spaced from the number after it, is a minus sign, not a dash.

    A minus after the start of the text, an opening bracket, ``=`` or a word of
    :data:`_MINUS_AFTER` (``reduce by - 5%``); a dash after a number (``5 -
    10%``, a range) or any other word or mark (``the saving - 5% - is``).
    """
    before = text[:at].rstrip()
    if not before or before[-1] in "([=":
        return True
    word = _LAST_WORD.search(before)
    return word is not None and word.group().lower() in _MINUS_AFTER


def _join_minus(text: str) -> str:
    """*text* with each spaced minus sign closed up to its number (``by - 5%`` -> ``by -5%``)."""
    return _spaced_minus_space_pattern().sub(
        lambda m: m[1] if _spaced_minus(text, m.start()) else m.group(), text
    )


@functools.cache
def _spaced_minus_space_pattern() -> re.Pattern[str]:
    """Compiled on first need: importing the module costs no time for it."""
    return re.compile(r"(?<![^\s(\[])([-\u2212])[ \t]+(?=[\d£$€])")


_SYNONYM_OF = {phrase: group[0] for group in SYNONYMS for phrase in group}
_SYNONYM_WORDS = frozenset(w for phrase in _SYNONYM_OF for w in _WORD.findall(phrase)) | {"the"}
"""Every word of a phrase of ``SYNONYMS``, and ``the`` (dropped before a body)."""
_STRADDLES = frozenset(
    tuple(words[k : k + 2])
    for phrase in _SYNONYM_OF
    for words in [phrase.split()]
    for k in range(len(words) - 1)
)
"""Two words side by side in a listed synonym (``order``, ``to``): where one may be changed and
the other kept."""
_STRADDLE_WORDS = frozenset(word for pair in _STRADDLES for word in pair)


@functools.cache
def _synonym_pattern() -> re.Pattern[str]:
    return re.compile(
        r"(?<!\w)("
        + "|".join(re.escape(p) for p in sorted(_SYNONYM_OF, key=len, reverse=True) if p != "%")
        + r")(?!\w)|%"
    )


_CONTRACTION = re.compile(r"\b(?:can't|cannot|won't|shan't)\b|n't\b")
_EXPANDED = {"can't": "can not", "cannot": "can not", "won't": "will not", "shan't": "shall not"}


def _expand(match: re.Match[str]) -> str:
    return _EXPANDED.get(match.group(), " not")


def _canonical(text: str) -> list[str]:
    """The words of *text*, case folded, synonyms replaced by the first of their group.

    ``the`` before a body (``the DWP``, ``the Government``) is dropped: a body
    is named with or without it (``DWP``, ``the Department for Work and Pensions``).
    """
    if text.isascii() and text.isalpha():  # one plain word, as most changes are: no pattern
        word = text.lower()
        if word not in _SYNONYM_WORDS and word != "cannot":
            return [word]
    elif not text:
        return []
    text = text.casefold().replace("\u2019", "'")
    if "n't" in text or "cannot" in text:  # what every contraction the pattern reads holds
        text = _CONTRACTION.sub(_expand, text)
    plain = " ".join(_WORD.findall(text.replace("&", " and ").replace("%", " per cent ")))
    words = _synonym_pattern().sub(lambda m: _SYNONYM_OF.get(m.group(), m.group()), plain).split()
    if "the" not in words:
        return words
    last = len(words) - 1
    return [
        w for k, w in enumerate(words) if w != "the" or k == last or words[k + 1] not in _BODIES
    ]


_BODIES = frozenset(g[0] for g in SYNONYMS if g[0] in _ACTOR_FORMS) | {"government", "treasury"}
"""The actors a body's name folds to (:data:`SYNONYMS`), and the Government: named with or
without ``the``."""


_SPELLING_SPAN = max(1, *(abs(len(x) - len(y)) for x, y in SPELLINGS))
"""The most a listed ending (or a typo: 1) changes a word's length by."""


def _spelling(a: str, b: str, names: frozenset[str] = frozenset()) -> bool:
    """Whether two words are one spelt two ways: a listed ending, or a typo in a long word.

    A word in *names* (case folded: capitalised, not first in its sentence)
    is a proper noun, and a one-letter change to it is never taken for a slip.
    """
    if a == b or (a, b) in _VARIANT_PAIRS:
        return True
    if abs(len(a) - len(b)) > _SPELLING_SPAN:
        return False  # no listed ending, nor a typo, changes a length by more
    if a[:2] != b[:2]:
        return not (a in names or b in names) and _typo(a, b)
    for one, other in SPELLINGS:
        for x, y in ((a, b), (b, a)):
            if x.endswith(one) and y.endswith(other) and x[: -len(one)] == y[: -len(other)]:
                return True
    return not (a in names or b in names) and _typo(a, b)


def _typo(a: str, b: str) -> bool:
    """Whether *b* is *a* with a typing slip made or mended, in a long word.

    One letter added, dropped, changed or two swapped, and exactly one of the
    two an English word (:func:`_known`): ``goverment`` -> ``government`` is
    a slip mended; ``hostels`` -> ``hotels`` is one real word for another, and
    ``Halton`` -> ``Hatton`` or ``deprioritise`` -> ``reprioritise`` (neither
    in the list: names, coinages) may be too. A name (capitalised, not first
    in its sentence) is kept from here by :func:`_spelling`.
    """
    if a[0] != b[0] or abs(len(a) - len(b)) > 1:
        return False  # a prefix changed ("decentralise", "recentralise"), seldom a slip
    if min(len(a), len(b)) < 6 or a in MODALS or b in MODALS or a + "s" == b or b + "s" == a:
        return False  # a plural is not a typo: "council" and "councils" are different asks
    if "'" in a or "'" in b:
        return False  # an apostrophe moved: "council's" is not "councils'"
    return _distance()(a, b) <= 1 and _known(a) != _known(b)


@functools.cache
def _distance() -> Callable[[str, str], int]:
    """Rapidfuzz's Damerau-Levenshtein distance, imported on first need."""
    from rapidfuzz.distance import DamerauLevenshtein

    return DamerauLevenshtein.distance


@functools.cache
def _english() -> frozenset[str]:
    """English words, lower case: pyspellchecker's list (built from OpenSubtitles and others).

    Loaded on first need (about 0.2 s): only a one-letter change to a long word asks.
    """
    from spellchecker import SpellChecker

    return frozenset(SpellChecker(language="en", distance=1).word_frequency.words())


def _known(word: str) -> bool:
    """Whether *word* (lower case) is an English word, maybe with a British ending."""
    if word in _english():
        return True
    return any(word.endswith(gb) and word[: -len(gb)] + us in _english() for us, gb in SPELLINGS)


def labels(found: Sequence[Finding]) -> tuple[str, ...]:
    """What the views show of *found*: ``("softened: should -> may wish to consider",)``.

    The substantive findings a rule named, each once (``... (3 times)`` for a
    label that recurs); else ``reworded`` when only words no rule explains
    changed; else ``Unicode form only`` when every change keeps its letters
    and only stores them another way (NFC against NFD), which a reader shown
    ``[-café-]{+café+}`` could not otherwise tell; else ``editorial``;
    nothing for no findings.
    """
    named = collections.Counter(
        f.label() for f in found if f.substantive and (f.kind is not Kind.WORDING or f.link)
    )
    if named:
        return tuple(
            label if count == 1 else f"{label} ({count} times)" for label, count in named.items()
        )
    if any(f.kind is Kind.WORDING for f in found):
        return ("reworded",)
    if not found:
        return ()
    if all(_stored_differently(f) for f in found):
        return ("Unicode form only",)
    return ("editorial",)


def not_reworded(found: tuple[str, ...], *, moved_only: bool) -> tuple[str, ...]:
    """The :func:`labels` *found*, less ``reworded`` when the words only moved (*moved_only*).

    A statement changed only by text moved to or from another that stays
    (:attr:`policypos.changeset.StatementChange.text_moved_only`) was not
    reworded: the views say where its words went instead.
    """
    return tuple(label for label in found if label != "reworded") if moved_only else found


def _stored_differently(finding: Finding) -> bool:
    """Whether *finding* changed only how its letters are stored (NFC, NFD), none a reader sees."""
    old, new = finding.old or "", finding.new or ""
    return old != new and _nfc(old) == _nfc(new)
