"""What a username may be, and when two names are one: the rule every form, the CLI and the
database share, so that no one can take a name that reads like someone else's.

A name is NFKC-normalised first (fullwidth ``ａｌｉｃｅ`` is ``alice``), then must be 3 to 40
ASCII letters, digits, dots, dashes or underscores, the whole string (``re.fullmatch``: a ``$``
would let a trailing newline through). ASCII only, on purpose: rosters, gradebooks and CSV
files show names to teachers, and outside ASCII a name can look like another while being
different (Cyrillic ``е`` for Latin ``e``), or hold characters nobody sees (zero-width
joiners, direction overrides). Two names are the same account when their folded forms match
(``fold``: normalised and case-folded), and a new name is refused when it merely looks like
an existing one (``skeleton``: ``dem0-Student`` and ``demo_student`` read as ``demo-student``).
"""

from __future__ import annotations

import re
import unicodedata

MIN_LENGTH, MAX_LENGTH = 3, 40
RULE = "3 to 40 letters (a to z), digits, dots, dashes or underscores"
_ALLOWED = re.compile(r"[A-Za-z0-9_.-]+")

# Characters that show nothing or move text around: refused with their own message, since a
# person cannot see what is wrong with the name. Cc control, Cf format (zero-width joiners,
# bidi overrides and isolates, soft hyphen, BOM), Zl/Zp line and paragraph separators.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Co", "Cn", "Cs"}

# Look-alikes, after NFKC, mapped to the Latin letter they imitate: a short table of the
# Cyrillic and Greek letters that pass for Latin ones, from Unicode's confusables.txt. Names
# holding them are refused anyway (not ASCII); the skeleton of such a name is still right, so
# the module answers truthfully whatever a caller feeds it.
_LOOKALIKES = str.maketrans(
    {
        **dict.fromkeys("аАɑα", "a"), **dict.fromkeys("ВβЬ", "b"), **dict.fromkeys("сСϲ", "c"),
        **dict.fromkeys("ԁ", "d"), **dict.fromkeys("еЕεΕё", "e"), **dict.fromkeys("ϝ", "f"),
        **dict.fromkeys("ɡ", "g"), **dict.fromkeys("һНΗ", "h"),
        **dict.fromkeys("іІӀΙιї", "i"), **dict.fromkeys("јЈ", "j"),
        **dict.fromkeys("кКΚκ", "k"), **dict.fromkeys("ӏ", "l"), **dict.fromkeys("МΜ", "m"),
        **dict.fromkeys("ΝηпП", "n"), **dict.fromkeys("оОοΟσ", "o"),
        **dict.fromkeys("рРρΡ", "p"), **dict.fromkeys("ԛ", "q"), **dict.fromkeys("г", "r"),
        **dict.fromkeys("ѕЅ", "s"), **dict.fromkeys("тТΤτ", "t"), **dict.fromkeys("υս", "u"),
        **dict.fromkeys("νѵ", "v"), **dict.fromkeys("ԝѡ", "w"), **dict.fromkeys("хХΧχ", "x"),
        **dict.fromkeys("уУΥγ", "y"), **dict.fromkeys("ΖᴢΖ", "z"),
        # ASCII look-alikes, case kept: a capital I reads as a small l in most fonts.
        "I": "l", "1": "l", "|": "l", "0": "o",
        # Separators read alike on a crowded roster.
        "_": "-", ".": "-",
    }
)  # fmt: skip
# Pairs of letters that read as one (after case folding).
_DIGRAPHS = (("rn", "m"), ("vv", "w"))
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE")


def normalise(name: str) -> str:
    """The name as it is stored and shown: NFKC, so compatibility forms become plain ones."""
    return unicodedata.normalize("NFKC", name)


def fold(name: str) -> str:
    """The account key: names equal after normalising and case folding are one account."""
    return normalise(name).casefold()


def skeleton(name: str) -> str:
    """What the name looks like: look-alike letters, digits and separators made one."""
    shape = normalise(name).translate(_LOOKALIKES).casefold()
    for pair, single in _DIGRAPHS:
        shape = shape.replace(pair, single)
    return shape


def scripts(name: str) -> set[str]:
    """The scripts of the name's letters (LATIN, CYRILLIC, GREEK...), from Unicode names."""
    found = set()
    for char in normalise(name):
        if char.isalpha():
            words = unicodedata.name(char, "UNKNOWN").split()
            found.add(next((w for w in words if w in _SCRIPTS), words[0]))
    return found


def problem(name: str) -> str | None:
    """Why ``name`` cannot be a new username, or None if it can."""
    text = normalise(name)
    if any(unicodedata.category(c) in _INVISIBLE_CATEGORIES for c in text):
        return f"A username cannot hold line breaks, tabs or invisible characters. Use {RULE}."
    if any(c.isspace() for c in text):
        return f"A username cannot hold spaces. Use {RULE}."
    if len(scripts(text)) > 1:
        return f"A username cannot mix alphabets. Use {RULE}."
    if not text.isascii():
        return f"Use only {RULE}: no accents or other alphabets."
    if not MIN_LENGTH <= len(text) <= MAX_LENGTH or not _ALLOWED.fullmatch(text):
        return f"Use {RULE}."
    return None
