"""Nicknames people can tell apart.

A nickname names a guest on the DJ's console and in every request's askers, so two
guests must not look alike: "Bob" and "\\u0412\\u043eb" (Cyrillic Ve and o), "Bob\\u200b" (an
invisible space), "\\u202eboB" (a right-to-left override that shows "Bob"), "Bob\\u0301"
(a combining accent). A nickname is shown as typed, normalised (NFKC, single spaces),
and refused if it holds characters that do not show or that reorder the text; its
`lookalike_key` (Unicode's UTS #39 skeleton, simplified) is what must be unique at an
event. The confusables table is Unicode's, as shipped by confusable-homoglyphs.
"""

import functools
import unicodedata

from confusable_homoglyphs import categories, confusables

from liveparty.errors import Invalid

# Unicode categories that do not show as themselves: controls, formats (zero-width
# characters, bidi overrides and isolates), private use, surrogates, unassigned.
HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn"})
# Joins emoji into one (a family, a profession); anywhere else it hides.
ZERO_WIDTH_JOINER = "\u200d"
# Scripts whose letters are read as they are: Latin, and what every script shares.
PLAIN_SCRIPTS = frozenset({"LATIN", "COMMON"})


def clean_nickname(nickname: str) -> str:
    """The nickname as it will be shown: NFKC, single spaces, nothing hidden."""
    text = " ".join(unicodedata.normalize("NFKC", nickname).split())
    hidden = _first_hidden(text)
    if hidden is not None:
        raise Invalid(
            f"A nickname cannot hold invisible or text-direction characters (U+{ord(hidden):04X}); "
            "type it with letters, digits and emoji."
        )
    return text


def _first_hidden(text: str) -> str | None:
    for at, char in enumerate(text):
        if unicodedata.category(char) not in HIDDEN_CATEGORIES:
            continue
        if char == ZERO_WIDTH_JOINER and 0 < at < len(text) - 1 and _emoji(text[at - 1]) and _emoji(text[at + 1]):
            continue
        return char
    return None


def _emoji(char: str) -> bool:
    # A symbol, a skin tone, or the variation selector that makes the one before an emoji.
    return unicodedata.category(char) in {"So", "Sk"} or char == "\ufe0f"


def lookalike_key(nickname: str) -> str:
    """What nicknames that look alike share: letters of other scripts that look like
    Latin ones read as those, then case and accents dropped."""
    latin = "".join(_as_latin(char) for char in unicodedata.normalize("NFKC", nickname))
    decomposed = unicodedata.normalize("NFKD", latin.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@functools.cache
def _as_latin(char: str) -> str:
    if categories.alias(char) in PLAIN_SCRIPTS:
        return char
    for glyph in confusables.confusables_data.get(char, ()):
        if all(categories.alias(part) in PLAIN_SCRIPTS for part in glyph["c"]):
            return glyph["c"]
    return char
