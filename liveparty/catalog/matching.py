"""One key per song, so that the same song from two sources, or typed two ways, is one
request on the stack.

The key is the normalised title plus the normalised primary artist: the first name in
the credit, split at commas, `&`, "and", "x", "feat." and the like. A band whose name
holds such a word ("Earth, Wind & Fire") is keyed by its first part ("earth"): the same
for every release of that band, and another artist's song only collides if it has the
same title and a name that starts the same way, a price worth paying to match
"iLoveMakonnen, Drake" with "iLoveMakonnen". (The flip side: "Earth Wind and Fire",
typed without its comma, is keyed "earth wind".) Then:
- case, accents and punctuation do not count; `&` is `and`; a leading "The" of an artist
  does not count;
- featured artists do not count, wherever they are written: "Tuesday (feat. Drake)" by
  "iLoveMakonnen" and "Tuesday" by "iLoveMakonnen, Drake" are one song;
- release qualifiers do not count: "Remastered 2011", "Radio Edit", "Single Version",
  "Explicit", "Mono"... A remix, a live or an acoustic recording is another song, and so
  is the same title by another artist (a cover).
"""

import re
import unicodedata

FEATURING = r"(?:feat\.?|ft\.?|featuring|with)"
# Words in brackets or after " - " that name a release, not a different recording.
RELEASE = re.compile(
    r"^(?:"
    r"(?:\d{4} )?(?:digital(?:ly)? )?remaster(?:ed)?(?: version)?(?: \d{4})?"
    r"|radio (?:edit|version|mix)|single (?:version|edit)|album version|original (?:mix|version)"
    r"|explicit(?: version)?|clean(?: version)?|mono(?: version)?|stereo(?: version)?"
    r"|bonus track|deluxe(?: edition| version)?|\d{4} version"
    r")$"
)
BRACKETED = re.compile(r"\s*[(\[]([^)\]]*)[)\]]")
DASH_SUFFIX = re.compile(r"\s+-\s+(.*)$")
# Unbracketed, only the unambiguous words: "Dancing with Myself" keeps its "with".
FEATURED_IN_TITLE = re.compile(r"\s+(?:feat\.?|ft\.?|featuring)\s+.*$", re.IGNORECASE)
ARTIST_SEPARATORS = re.compile(rf"\s*(?:,|;|/|&|\band\b|\bx\b|\b{FEATURING}(?=\s))\s*", re.IGNORECASE)
# Naming the primary artist to a person, the same but for the slash: "AC/DC" is a band's name.
NAMED_SEPARATORS = re.compile(ARTIST_SEPARATORS.pattern.replace("/|", "", 1), re.IGNORECASE)


def song_key(title: str, artist: str) -> str:
    """The matching key of a song: `title|primary artist`, both normalised."""
    return f"{_words(_bare_title(title))}|{_primary_artist(artist)}"


def artist_key(artist: str) -> str:
    """The primary artist of a credit, normalised: the part of a song's key after `|`."""
    return _primary_artist(artist)


def artist_of(match_key: str) -> str:
    """The artist key within a song's key."""
    return match_key.rpartition("|")[2]


def primary_artist_name(artist: str) -> str:
    """The primary artist of a credit as written ("Drake" of "Drake feat. Rihanna"): the
    name a person reads for what `artist_key` keys."""
    return NAMED_SEPARATORS.split(artist.strip(), maxsplit=1)[0].strip() or artist.strip()


def _bare_title(title: str) -> str:
    text = _fold(title)

    # Bracketed parts: a featured artist or a release qualifier goes; anything else stays.
    def keep(match: re.Match) -> str:
        inside = _words(match.group(1))
        if re.match(rf"^{FEATURING}\b", inside) or RELEASE.match(inside):
            return ""
        return f" {inside}"

    text = BRACKETED.sub(keep, text)
    suffix = DASH_SUFFIX.search(text)
    if suffix and (RELEASE.match(_words(suffix.group(1))) or re.match(rf"^{FEATURING}\b", _words(suffix.group(1)))):
        text = text[: suffix.start()]
    return FEATURED_IN_TITLE.sub("", text)


def _primary_artist(artist: str) -> str:
    first = ARTIST_SEPARATORS.split(_fold(artist), maxsplit=1)[0]
    words = _words(first)
    return words[4:] if words.startswith("the ") else words


def plain_lower(text: str) -> str:
    """Lower case with the accents off ("Beyoncé" -> "beyonce"): the folding that
    matching and search share, so a song found one way is found the other."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def _fold(text: str) -> str:
    """Accents off, `&` as a separator word, typographic quotes as plain."""
    return plain_lower(text).replace("\u2019", "'").replace("&", " & ")  # typographic apostrophe


def _words(text: str) -> str:
    """Letters and digits only, single spaces; apostrophes join ("don't" -> "dont")."""
    text = text.replace("'", "").replace("&", " and ")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())
