"""The stance classifier on trap sentences written for these tests (none is taken from the seed).

Each trap of the issue is checked in each language: one sentence, the stance it must get (or must
not get), and the words that must be among the deciding cues.
"""

from __future__ import annotations

import pytest

from stancewatch.classify import DEFAULT_THRESHOLD, classify, topic_party
from stancewatch.classify_cues import CueFileError, _cue, language_cues, parties
from stancewatch.classify_language import LANGUAGES, detect_language

# id: (sentence, language, expected stance, words that must be a counted cue's text)
TRAPS = {
    # "neither confirm nor deny" contains "deny" but is no_comment
    "en-ncnd": (
        "We will neither confirm nor deny these reports.",
        "en",
        "no_comment",
        "neither confirm nor deny",
    ),
    "fr-ncnd": (
        "Nous ne pouvons ni confirmer ni démentir cette information.",
        "fr",
        "no_comment",
        "ni confirmer ni démentir",
    ),
    "fr-ncnd-infirmer": (
        "Le ministère ne veut ni confirmer ni infirmer.",
        "fr",
        "no_comment",
        "ni confirmer ni infirmer",
    ),
    "ru-ncnd": (
        "Мы не можем ни подтвердить, ни опровергнуть эти сведения.",
        "ru",
        "no_comment",
        "ни подтвердить, ни опровергнуть",
    ),
    "uk-ncnd": (
        "Ми не можемо ні підтвердити, ні спростувати ці дані.",
        "uk",
        "no_comment",
        "ні підтвердити, ні спростувати",
    ),
    # referrals and non-answers
    "en-referral": (
        "Ask the Defence Ministry about that.",
        "en",
        "no_comment",
        "Ask the Defence Ministry",
    ),
    "en-no-comment": ("No comment at this stage.", "en", "no_comment", "No comment"),
    "en-nothing-to-add": (
        "I have nothing to add to yesterday's statement.",
        "en",
        "no_comment",
        "nothing to add",
    ),
    "en-speculation": ("We do not comment on speculation.", "en", "no_comment", "do not comment"),
    "en-no-information": (
        "I have no information about this.",
        "en",
        "no_comment",
        "have no information",
    ),
    "fr-referral": (
        "Adressez-vous au ministère des Armées.",
        "fr",
        "no_comment",
        "Adressez-vous au ministère",
    ),
    "fr-no-comment": ("Pas de commentaire sur ce point.", "fr", "no_comment", "Pas de commentaire"),
    "fr-nothing-to-add": ("Je n'ai rien à ajouter.", "fr", "no_comment", "rien à ajouter"),
    "ru-referral": ("Это вопрос не к нам, а к военным.", "ru", "no_comment", "вопрос не к нам"),
    "ru-no-comment": ("Без комментариев.", "ru", "no_comment", "Без комментариев"),
    "ru-no-information": ("У нас нет информации об этом.", "ru", "no_comment", "нет информации"),
    "uk-referral": (
        "Звертайтеся до Міністерства оборони.",
        "uk",
        "no_comment",
        "Звертайтеся до Міністерства",
    ),
    "uk-no-comment": ("Без коментарів.", "uk", "no_comment", "Без коментарів"),
    "uk-nothing-to-add": ("Мені нічого додати.", "uk", "no_comment", "нічого додати"),
    # denials
    "en-fake": ("The video is a fake.", "en", "deny", "fake"),
    "en-lies": ("These are lies from start to finish.", "en", "deny", "lies"),
    "en-nothing-to-do-with": (
        "Our country has nothing to do with the explosion.",
        "en",
        "deny",
        "nothing to do with",
    ),
    "fr-dement": ("Le gouvernement dément catégoriquement.", "fr", "deny", "dément"),
    "fr-faux": ("C'est faux, et tout le monde le sait.", "fr", "deny", "faux"),
    "ru-fake": ("Это очередной фейк.", "ru", "deny", "фейк"),
    "ru-not-involved": ("Наша страна не причастна к взрыву.", "ru", "deny", "не причастна"),
    "uk-no-relation": (
        "Україна не має жодного стосунку до цієї атаки.",
        "uk",
        "deny",
        "не має жодного стосунку",
    ),
    "uk-fake": ("Це черговий фейк.", "uk", "deny", "фейк"),
    # confirmations
    "en-can-confirm": (
        "We can confirm that the delegation arrived on Monday.",
        "en",
        "confirm",
        "confirm",
    ),
    "en-yes-contacts": ("Yes, contacts took place.", "en", "confirm", "took place"),
    "fr-confirm": (
        "Nous pouvons confirmer que la rencontre a eu lieu.",
        "fr",
        "confirm",
        "confirmer",
    ),
    "ru-indeed": (
        "Действительно, такие контакты были, мы это подтверждаем.",
        "ru",
        "confirm",
        "Действительно",
    ),
    "uk-confirmed": ("Речник підтвердив, що зустріч відбулася.", "uk", "confirm", "підтвердив"),
}


@pytest.mark.parametrize(
    ("sentence", "language", "stance", "words"), TRAPS.values(), ids=TRAPS.keys()
)
def test_trap(sentence: str, language: str, stance: str, words: str) -> None:
    suggestion = classify(sentence, language=language)
    assert suggestion.stance == stance, suggestion.reason
    assert suggestion.confidence >= DEFAULT_THRESHOLD
    counted = [c.text for c in suggestion.cues if c.effect == "counts" and c.stance == stance]
    assert any(words in text for text in counted), suggestion.cues


# id: (sentence, language, the stance it must NOT get)
NEGATED = {
    "en-did-not-confirm": ("The ministry did not confirm the transfer.", "en", "confirm"),
    "en-has-not-been-confirmed": ("The figure has not been confirmed.", "en", "confirm"),
    "fr-pas-confirme": ("Le porte-parole n'a pas confirmé ces informations.", "fr", "confirm"),
    "fr-ne-confirme-pas": ("Paris ne confirme pas la livraison.", "fr", "confirm"),
    "ru-ne-podtverdil": ("Представитель не подтвердил эти сообщения.", "ru", "confirm"),
    "uk-ne-pidtverdyv": ("Генштаб не підтвердив цих повідомлень.", "uk", "confirm"),
    "en-do-not-deny": ("We do not deny that the envoys met.", "en", "deny"),
    "fr-ne-dement-pas": ("Nous ne démentons pas l'existence de ces échanges.", "fr", "deny"),
    "ru-ne-otritsaem": ("Мы не отрицаем, что переговоры идут.", "ru", "deny"),
    "uk-ne-zaperechuiemo": ("Ми не заперечуємо, що консультації тривають.", "uk", "deny"),
}


@pytest.mark.parametrize(
    ("sentence", "language", "not_stance"), NEGATED.values(), ids=NEGATED.keys()
)
def test_negated_verb_is_not_that_stance(sentence: str, language: str, not_stance: str) -> None:
    suggestion = classify(sentence, language=language)
    assert suggestion.stance != not_stance, suggestion.reason
    assert not [c for c in suggestion.cues if c.stance == not_stance and c.effect == "counts"]


def test_we_do_not_deny_concedes() -> None:
    assert classify("We do not deny that the envoys met.", "en").stance == "confirm"


def test_did_not_confirm_is_a_non_answer() -> None:
    assert classify("The ministry did not confirm the transfer.", "en").stance == "no_comment"


# Someone else's claim, reported, is not the speaker's stance.
REPORTED = {
    "en": ("Western claims that Moscow confirmed the deal are absurd.", "en", "deny", "confirmed"),
    "en-kremlin": (
        "The Kremlin's claim that Kyiv admitted the strike is false.",
        "en",
        "deny",
        "admitted",
    ),
    "ru": (
        "Заявления о том, что Киев подтвердил удар, не соответствуют действительности.",
        "ru",
        "deny",
        "подтвердил",
    ),
    "uk": (
        "Твердження про те, що ми підтвердили ці дані, не відповідають дійсності.",
        "uk",
        "deny",
        "підтвердили",
    ),
}


@pytest.mark.parametrize(
    ("sentence", "language", "stance", "inside"), REPORTED.values(), ids=REPORTED.keys()
)
def test_reported_claim_does_not_count(
    sentence: str, language: str, stance: str, inside: str
) -> None:
    suggestion = classify(sentence, language=language)
    assert suggestion.stance == stance, suggestion.reason
    effects = {c.text: c.effect for c in suggestion.cues}
    assert effects.get(inside) == "reported speech", suggestion.cues


# ---- blame depends on who speaks about whom ---------------------------------------------------

SYNTHETIC_TOPIC = "Russian strike on a synthetic test depot"


def test_topic_names_its_actor_not_places() -> None:
    assert topic_party(SYNTHETIC_TOPIC) == "Moscow"
    assert topic_party("Ukrainian drones over a synthetic test town") == "Kyiv"
    assert topic_party("Synthetic envoy's visit to Moscow") is None
    assert topic_party("France-Russia synthetic contacts") is None
    assert topic_party(None) is None


def test_provocation_denies_when_the_accused_side_says_it() -> None:
    said = "This is a provocation, staged to blame us."
    assert classify(said, "en", SYNTHETIC_TOPIC, "Moscow").stance == "deny"


def test_provocation_confirms_when_the_accuser_says_it() -> None:
    said = "This strike was a cynical provocation by Russia."
    suggestion = classify(said, "en", SYNTHETIC_TOPIC, "Kyiv")
    assert suggestion.stance == "confirm", suggestion.reason


def test_blame_without_topic_or_capital_does_not_count() -> None:
    suggestion = classify("A cynical provocation.", "en")
    assert suggestion.stance is None
    assert {c.effect for c in suggestion.cues} == {"needs topic and capital"}


def test_counter_accusation_in_russian() -> None:
    said = "Это теракт, спланированный украинскими спецслужбами."
    topic = "Ukrainian sabotage of a synthetic test bridge"
    assert classify(said, "ru", topic, "Moscow").stance == "confirm"
    assert classify("Это провокация российских спецслужб.", "ru", topic, "Kyiv").stance == "deny"


# ---- abstention ------------------------------------------------------------------------------


def test_abstains_without_any_cue() -> None:
    suggestion = classify("The weather in the capital was mild on Tuesday.", "en")
    assert suggestion.stance is None
    assert suggestion.confidence == 0.0
    assert suggestion.reason.startswith("abstained")


def test_abstains_on_one_weak_cue() -> None:
    suggestion = classify("Drones attacked the port at night.", "en")
    assert suggestion.stance is None
    assert 0 < suggestion.confidence < DEFAULT_THRESHOLD
    assert "leaning confirm" in suggestion.reason


def test_abstains_when_cues_conflict() -> None:
    suggestion = classify("It is fake, although we can confirm part of it.", "en")
    assert suggestion.stance is None, suggestion.reason


def test_threshold_is_tunable() -> None:
    said = "Indeed, the envoys met."
    assert classify(said, "en").stance == "confirm"
    stricter = classify(said, "en", threshold=0.9)
    assert stricter.stance is None
    assert stricter.confidence == classify(said, "en").confidence


def test_empty_quote_abstains() -> None:
    assert classify("   ").stance is None


# ---- language detection ------------------------------------------------------------------------

DETECT = {
    "en": "The minister said the talks would continue next week.",
    "fr": "Le ministre a déclaré que les discussions se poursuivraient la semaine prochaine.",
    "ru": "Министр заявил, что переговоры продолжатся на следующей неделе.",
    "uk": "Міністр заявив, що переговори триватимуть наступного тижня.",
}


@pytest.mark.parametrize(("language", "text"), DETECT.items(), ids=DETECT.keys())
def test_detects_language(language: str, text: str) -> None:
    assert detect_language(text) == language
    assert classify(text).language == language


def test_short_cyrillic_answers() -> None:
    assert detect_language("Нет.") == "ru"
    assert detect_language("Ні.") == "uk"


def test_given_language_wins_and_unknown_is_detected() -> None:
    assert classify("Без комментариев.", language="RU").language == "ru"
    assert classify("Без комментариев.", language="de").language == "ru"


# ---- explanations ------------------------------------------------------------------------------


def test_cue_offsets_point_into_the_original_text() -> None:
    text = "Nous ne pouvons l’affirmer : c’est faux, nous démentons."
    suggestion = classify(text, "fr")
    assert suggestion.stance == "deny"
    assert suggestion.cues
    for cue in suggestion.cues:
        assert text[cue.start : cue.end] == cue.text


def test_every_language_has_cues_of_every_stance() -> None:
    for code in LANGUAGES:
        stances = {cue.stance for cue in language_cues(code).cues}
        assert {"confirm", "deny", "no_comment", "accuse"} <= stances, code
    assert set(parties().mentions) == {"Paris", "Moscow", "Kyiv"}


def test_bad_cue_entries_are_refused_with_their_place() -> None:
    with pytest.raises(CueFileError, match=r"x\.toml, cue 1: stance must be one of"):
        _cue({"stance": "maybe", "pattern": "x"}, "x.toml, cue 1")
    with pytest.raises(CueFileError, match="not a valid regex"):
        _cue({"stance": "deny", "pattern": "(unclosed"}, "x.toml, cue 2")
    with pytest.raises(CueFileError, match="lower case"):
        _cue({"stance": "deny", "pattern": r"\bFake\b"}, "x.toml, cue 3")
