"""Which of the classifier's languages (en, fr, ru, uk) a quote is in, when the file does not say.

Script first (Cyrillic or Latin letters), then the letters and short words only one of the two
languages of that script uses: Ukrainian і ї є ґ against Russian ы э ъ ё, French accents and articles
against English function words. Short, ambiguous Cyrillic falls back to Russian and Latin to English,
the more common language of each pair in official statements; the caller can always pass the
language instead.
"""

from __future__ import annotations

import re

LANGUAGES = ("en", "fr", "ru", "uk")

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]")
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)?")

_UK_LETTERS = set("іїєґІЇЄҐ")
_RU_LETTERS = set("ыэъёЫЭЪЁ")
_FR_LETTERS = set("éèêëàâçùûôîïœÉÈÊÀÇ")

# Function words, space-separated for reading (SIM905: a list literal would take 150 lines).
_UK_WORDS = frozenset(
    "що це та як від щодо або але тому які який яка було були буде є ми ви вони ні так "  # noqa: SIM905
    "також вже цей ця ці наш наші його її їх із зі не через після".split()
)
_RU_WORDS = frozenset(
    "что это как от для или но поэтому которые который которая было были будет мы вы они "  # noqa: SIM905
    "нет да также уже этот эта эти наш наши его ее их из со не через после".split()
)
_EN_WORDS = frozenset(
    "the is are was were and of to in we not this that it with for on be have has by an "  # noqa: SIM905
    "our they there no any will would from at as".split()
)
_FR_WORDS = frozenset(
    "le la les des est une un pas nous que qui dans pour sur il elle ce cette du au aux "  # noqa: SIM905
    "sont avec ne se et ont été".split()
)
# Words both lists share ('не', 'наш') weigh nothing: only what tells the two apart counts.
_UK_ONLY = _UK_WORDS - _RU_WORDS
_RU_ONLY = _RU_WORDS - _UK_WORDS


def detect_language(text: str) -> str:
    """'en', 'fr', 'ru' or 'uk' for `text` (empty or letterless text counts as English)."""
    cyrillic = len(_CYRILLIC.findall(text))
    latin = len(_LATIN.findall(text))
    words = [w.casefold().replace("’", "'") for w in _WORD.findall(text)]
    if cyrillic > latin:
        uk = sum(ch in _UK_LETTERS for ch in text) + 2 * sum(w in _UK_ONLY for w in words)
        ru = sum(ch in _RU_LETTERS for ch in text) + 2 * sum(w in _RU_ONLY for w in words)
        return "uk" if uk > ru else "ru"
    fr = sum(ch in _FR_LETTERS for ch in text) + 2 * sum(
        w in _FR_WORDS or w.startswith(("l'", "d'", "qu'", "n'", "c'", "s'", "j'")) for w in words
    )
    en = 2 * sum(w in _EN_WORDS for w in words)
    return "fr" if fr > en else "en"
