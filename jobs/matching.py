"""Reading a job ad against the curated terms: pure functions, no database.

How a term matches (the rules the tests name):
- Text and terms are normalised alike: Unicode NFKC, lower case, and every character that is not a letter, a digit,
  "+" or "#" becomes a space, except "." and "&" between two letters or digits ("node.js", "R&D", "C++" and "C#"
  stay one word; "scikit-learn" reads as "scikit learn", "CI/CD" as "ci cd").
- A term matches whole words only: "Java" is not found in "JavaScript", "SQL" not in "PostgreSQL".
- A case-sensitive term (an editor's choice, for short words such as "R") matches only in its own case.
- Where terms overlap, the longest wins ("machine learning engineer" over "machine learning"), then the earliest.

What is not asked for: the lines under a heading about the employer ("About us", "Benefits", "Why join") and
phrases that contain a term but name no skill ("regression testing", "go-to-market"): the longest match wins, and
such a phrase matches nothing.

Required or nice to have: an ad's lines are read in order. A heading (a short line ending in ":" or without
sentence punctuation) that says "nice to have", "preferred", "bonus", "a plus"... makes the lines under it nice to
have until the next heading; any other heading makes them required again. A line or sentence that carries such a
marker itself is nice to have on its own. Everything else is required, which is how ads read.

The searching itself is pyahocorasick's (one pass over the ad for all terms); the word boundaries are ours.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import ahocorasick

from roadmap.terms import normalised, term_words

NICE_MARKERS = re.compile(
    r"nice[\s-]to[\s-]have|good[\s-]to[\s-]have|preferred|\bbonus\b|\ba plus\b|is a plus|are a plus|desirable|"
    r"\bideally\b|would be great|would be nice|not required|\boptional\b|plus points?|extra credit",
    re.IGNORECASE,
)
BULLET = re.compile(r"^\s*(?:[-*\u2022\u00b7\u2013\u2014\u25aa\u25e6]|\d{1,2}[.)])\s+")
ASKING = re.compile(
    r"\b(?:experience|knowledge|familiar|familiarity|proficien\w*|skills?|understanding|ability|background|"
    r"degree|years?|fluent|expertise|comfortable|hands-on|track record)\b",
    re.IGNORECASE,
)
HEADING_WORDS = re.compile(
    r"requirement|qualification|nice|preferred|bonus|plus|about|responsibilit|you will|you'll|what we|what you|"
    r"skills|benefits|we offer|the role|must|who you are|your profile|the team|apply|why join|perks|desirable",
    re.IGNORECASE,
)
ASKING_SECTION = re.compile(
    r"requirement|qualification|nice|preferred|bonus|plus|skills|must|who you are|your profile|what you bring|"
    r"you have|you'll bring|you will bring|looking for|desirable|need",
    re.IGNORECASE,
)
# Sections that describe the employer, not the candidate: what they name is not asked for ("our Go-to-market team").
ABOUT_SECTION = re.compile(
    r"^(?:about\b|who we are|our (?:company|mission|story|team)|the company|why join|benefits|perks|what we offer|"
    r"we offer)",
    re.IGNORECASE,
)
# Phrases that contain a curated term but name no skill; the longest match wins, so they absorb the term.
NOT_A_SKILL = (
    "regression test", "regression tests", "regression testing", "go-to-market", "business model", "business models",
    "data classification", "customer service agents", "support agents", "sales agents",
)  # fmt: skip
COMMON_ENGLISH = frozenset(
    "the and of to for with you we our is are will your this that be have from by who what which".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class Term:
    """One curated name of an item: its words, whether its case matters, and the item it names."""

    text: str
    item_id: int
    case_sensitive: bool = False


@dataclass(frozen=True)
class Found:
    """One place in the ad where a term was found: the ad's own words, their line, and whether it is required."""

    item_id: int
    term: str
    words: str
    line: str
    required: bool


@dataclass
class Reading:
    """What an ad asks for: the items found (first place each was found, required wins over nice to have), the
    ad's asking lines that name nothing we curate, and whether the text reads as English at all."""

    found: dict[int, Found] = field(default_factory=dict)
    not_covered: list[str] = field(default_factory=list)
    looks_english: bool = True


class Matcher:
    """All curated terms in two automatons (case-insensitive and case-sensitive), built once per content version."""

    def __init__(self, terms: list[Term]):
        self.terms = terms
        self._automatons = {}
        for case_sensitive in (False, True):
            automaton = ahocorasick.Automaton()
            if not case_sensitive:
                for phrase in NOT_A_SKILL:
                    automaton.add_word(term_words(phrase), (term_words(phrase), None))
            for term in terms:
                if term.case_sensitive != case_sensitive:
                    continue
                words = term_words(term.text, case_sensitive=case_sensitive)
                if words and words not in automaton:  # the first curated owner of a term keeps it
                    automaton.add_word(words, (words, term))
            if len(automaton):
                automaton.make_automaton()
                self._automatons[case_sensitive] = automaton

    def _hits(self, text: str) -> list[tuple[int, int, Term]]:
        """(start, end, term) of every whole-word occurrence, in the NFKC text's indexes."""
        hits = []
        for case_sensitive, automaton in self._automatons.items():
            normal, origin = _collapsed(normalised(text, lower=not case_sensitive))
            for end, (words, term) in automaton.iter(normal):
                start = end - len(words) + 1
                before_ok = start == 0 or normal[start - 1] == " "
                after_ok = end == len(normal) - 1 or normal[end + 1] == " "
                if before_ok and after_ok:
                    hits.append((origin[start], origin[end] + 1, term))
        hits.sort(key=lambda hit: (hit[0], -(hit[1] - hit[0])))
        chosen, reached = [], -1
        for start, end, term in hits:
            if start >= reached:
                chosen.append((start, end, term))
                reached = end
        return [hit for hit in chosen if hit[2] is not None]  # a phrase that names no skill took its place

    def read(self, ad: str) -> Reading:
        text = unicodedata.normalize("NFKC", ad)
        reading = Reading(looks_english=_looks_english(text))
        nice_section = asking_section = about_section = False
        for raw_line in text.splitlines():
            line = " ".join(raw_line.split())
            if not line:
                continue
            heading = _is_heading(line)
            if heading:
                nice_section = bool(NICE_MARKERS.search(line))
                asking_section = bool(ASKING_SECTION.search(line))
                about_section = bool(ABOUT_SECTION.search(line))
            if about_section:
                continue
            for sentence in _sentences(line):
                hits = self._hits(sentence)
                required = not (nice_section or NICE_MARKERS.search(sentence))
                for start, end, term in hits:
                    found = Found(term.item_id, term.text, sentence[start:end], BULLET.sub("", sentence), required)
                    earlier = reading.found.get(term.item_id)
                    if earlier is None or (required and not earlier.required):
                        reading.found[term.item_id] = found
                if not hits and not heading and len(sentence) <= 200 and (asking_section or ASKING.search(sentence)):
                    reading.not_covered.append(BULLET.sub("", sentence).strip())
        return reading


def _collapsed(normal: str) -> tuple[str, list[int]]:
    """Runs of spaces made one ("CI / CD" reads "ci cd", like the term), with each character's place in the text."""
    out, origin = [], []
    for index, char in enumerate(normal):
        if char == " " and out and out[-1] == " ":
            continue
        out.append(char)
        origin.append(index)
    return "".join(out), origin


def _is_heading(line: str) -> bool:
    """A section's title: short, not a bullet, and ending in ":" or naming a part of an ad ("Requirements")."""
    if len(line) > 60 or BULLET.match(line):
        return False
    return line.endswith(":") or (not re.search(r"[.,;!?]", line) and bool(HEADING_WORDS.search(line)))


def _sentences(line: str) -> list[str]:
    """A line split where a sentence ends (". " before a capital), so one marker does not spread over a paragraph."""
    return [part for part in re.split(r"(?<=[.!?])\s+(?=[A-Z])", line) if part]


def _looks_english(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 8:
        return True  # too short to tell; the matches speak for themselves
    common = sum(word in COMMON_ENGLISH for word in words)
    return common / len(words) >= 0.1
