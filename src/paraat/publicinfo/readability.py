"""Readability of advice texts for residents, without Django: a score and plain warnings.

Dutch: Flesch–Douma (Douma 1960), 206.835 − 0.93 · words/sentence − 77 · syllables/word.
English: Flesch Reading Ease (Flesch 1948), 206.835 − 1.015 · words/sentence − 84.6 · syllables/word.
Syllables are counted as vowel groups (Dutch: a diaeresis such as in "ideeën" starts a new
syllable; English: a silent final "e" does not count). Numbers count as one word of one syllable.
Every line of a list is a sentence of its own, as a reader takes it.

B1 thresholds used by the advice library (docs/public.md), a text passes when:

- score ≥ 60 (Dutch "redelijk makkelijk" and up; English "plain English");
- on average at most 12 words per sentence;
- no sentence longer than 15 words (Dutch) or 20 words (English);
- at most 2 long words (Dutch ≥ 5 syllables, English ≥ 5 syllables) per 100 words.

``paraat.alerts`` may ship its own readability module for alert texts; this one is the same
method, kept here so the advice library does not depend on alerts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MIN_SCORE = 60.0
MAX_AVERAGE_WORDS = 12.0
MAX_SENTENCE_WORDS = {"nl": 15, "en": 20}
LONG_WORD_SYLLABLES = {"nl": 5, "en": 5}
MAX_LONG_WORDS_PER_100 = 2.0

_WORD = re.compile(r"[0-9]+(?:[-.,:][0-9]+)*|[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_VOWELS = "aeiouyáàâéèêíìîóòôúùûäëïöü"
_DIAERESIS = "äëïöü"


@dataclass(frozen=True)
class Warning:
    """A problem a writer can fix: kind is long_sentence, long_word, score or average."""

    kind: str
    detail: str = ""


@dataclass
class Report:
    language: str
    score: float
    words: int
    sentences: int
    syllables: int
    warnings: list[Warning] = field(default_factory=list)

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def passes(self) -> bool:
        return not self.warnings


def syllables_nl(word: str) -> int:
    """Vowel groups in a Dutch word; a vowel with a diaeresis starts a new group."""
    count, previous_vowel = 0, False
    for ch in word.lower():
        is_vowel = ch in _VOWELS
        if is_vowel and (not previous_vowel or ch in _DIAERESIS):
            count += 1
        previous_vowel = is_vowel
    return max(count, 1)


def syllables_en(word: str) -> int:
    """Vowel groups in an English word, less a silent final 'e' (but 'table' keeps its 'le')."""
    text = word.lower().strip("'’")
    groups = re.findall(r"[aeiouy]+", text)
    count = len(groups)
    if text.endswith("e") and not text.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    if text.endswith("ed") and count > 1 and not text.endswith(("ted", "ded")):
        count -= 1
    return max(count, 1)


def sentences(text: str) -> list[str]:
    parts = (part.strip(" -–•\t") for part in _SENTENCE_END.split(text))
    return [part for part in parts if _WORD.search(part)]


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def assess(text: str, language: str) -> Report:
    """Score a text and list what makes it hard to read."""
    counter = syllables_nl if language == "nl" else syllables_en
    parts = sentences(text)
    all_words: list[str] = []
    warnings: list[Warning] = []
    limit = MAX_SENTENCE_WORDS.get(language, 20)
    for sentence in parts:
        found = words(sentence)
        all_words.extend(found)
        if len(found) > limit:
            warnings.append(Warning("long_sentence", sentence))
    syllables = [1 if w[0].isdigit() else counter(w) for w in all_words]
    n_words, n_sentences, n_syllables = len(all_words), len(parts), sum(syllables)
    if not n_words:
        return Report(language, 100.0, 0, 0, 0, [])
    per_sentence = n_words / max(n_sentences, 1)
    per_word = n_syllables / n_words
    if language == "nl":
        score = 206.835 - 0.93 * per_sentence - 77 * per_word
    else:
        score = 206.835 - 1.015 * per_sentence - 84.6 * per_word
    long_limit = LONG_WORD_SYLLABLES.get(language, 4)
    long_words = sorted(
        {w for w, s in zip(all_words, syllables, strict=True) if s >= long_limit}, key=str.lower
    )
    long_count = sum(1 for s in syllables if s >= long_limit)
    if long_count * 100 / n_words > MAX_LONG_WORDS_PER_100:
        warnings.extend(Warning("long_word", w) for w in long_words)
    if per_sentence > MAX_AVERAGE_WORDS:
        warnings.append(Warning("average", f"{per_sentence:.1f}"))
    if score < MIN_SCORE:
        warnings.append(Warning("score", f"{score:.0f}"))
    return Report(language, round(score, 1), n_words, n_sentences, n_syllables, warnings)
