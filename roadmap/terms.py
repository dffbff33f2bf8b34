"""How a job-ad term reads: the words matching compares, the same for a curated term and for an ad's text.

Unicode NFKC, lower case (unless the term matches case), and every character that is not a letter, a digit, "+" or
"#" becomes a space, except "." and "&" between two letters or digits: "node.js", "R&D", "C++" and "C#" stay one
word; "scikit-learn" reads as "scikit learn" and "CI/CD" as "ci cd". Each character maps to exactly one character,
so a place found in the normalised text is the same place in the text.
"""

import unicodedata

KEPT = frozenset("+#")
JOINERS = frozenset(".&")


def normalised(text: str, *, lower: bool = True) -> str:
    """`text` (already NFKC) with the same length, each character mapped as the module says."""
    out = []
    last = len(text) - 1
    for index, char in enumerate(text):
        if char.isalnum() or char in KEPT:
            low = char.lower() if lower else char
            out.append(low if len(low) == 1 else char)  # "İ" lowers to two characters: keep places aligned
        elif char in JOINERS and 0 < index < last and text[index - 1].isalnum() and text[index + 1].isalnum():
            out.append(char)
        else:
            out.append(" ")
    return "".join(out)


def term_words(term: str, *, case_sensitive: bool = False) -> str:
    """A term's words as matching compares them, one space between words ("" when nothing is left)."""
    return " ".join(normalised(unicodedata.normalize("NFKC", term), lower=not case_sensitive).split())
