"""Interface words from `labels.yaml`, looked up by dotted key and page language."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from loaders import load_yaml

LANGUAGES = ("zh", "en")


@cache
def load_labels() -> dict:
    return load_yaml(Path(__file__).with_name("labels.yaml").read_text(encoding="utf-8"))


# the county's word for itself, which fills `{county}` (`{County}`: capitalised) in a label;
# set per build from county.toml by publish._macros (use_county_word)
_COUNTY_WORD = {"zh": "县", "en": "county"}


def use_county_word(words: dict[str, str]) -> None:
    """Make `{county}` in labels the county's own word (区 / district, 县 / county …)."""
    _COUNTY_WORD.update(words)


def label(key: str, lang: str) -> str:
    """Return the label at a dotted key ("level.primary") in the page language."""
    node = load_labels()
    for part in key.split("."):
        node = node[part]
    text = node[lang]
    if "{county}" in text or "{County}" in text:
        word = _COUNTY_WORD[lang]
        text = text.replace("{county}", word).replace("{County}", word[:1].upper() + word[1:])
    return text


def section_words(name: str, lang: str) -> str:
    """Return a register section name (本部, 小学部 …) in the page language.

    A compound (分校区初中部) or a list joined by 、 (小学部、初中部) is put together from the
    parts in labels.yaml `section_name`; a name that is not made of known parts stays as written,
    so a county's own section names are never guessed at.
    """
    if lang == "zh" or not name:
        return name
    parts = load_labels()["section_name"]
    words = []
    for item in name.split("、"):
        found = _known_parts(item, parts)
        if found is None:
            return name
        english = [parts[p][lang] for p in found]
        words.append(", ".join([english[0], *(w[0].lower() + w[1:] for w in english[1:])]))
    return ", ".join([words[0], *(w[0].lower() + w[1:] for w in words[1:])])


def _known_parts(name: str, parts: dict) -> list[str] | None:
    """Return `name` cut into known parts from the left (longest first), or None."""
    found = []
    while name:
        match = max((p for p in parts if name.startswith(p)), key=len, default=None)
        if match is None:
            return None
        found.append(match)
        name = name[len(match) :]
    return found
