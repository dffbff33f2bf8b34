"""Text every form, import and API takes: no NUL, no control character but tab, carriage return and newline, and no
invisible character that can reorder or hide the text around it.

PostgreSQL refuses NUL in text and SQLite stores it; neither is ever meant. Attached to the models' text fields,
so the admin, the content import (which calls full_clean), ModelForms and services that validate all refuse them
with the same message.

Invisible characters ("Trojan Source", CVE-2021-42574): the bidirectional embeddings, overrides and isolates
(U+202A-U+202E, U+2066-U+2069) make a name or a note display in another order than it reads, so "Ana<U+202E>nimda"
shows as "Anaadmin"; the zero-width space, word joiner, invisible operators and the byte order mark
(U+200B, U+2060-U+2064, U+FEFF) make two names that look the same differ. None has a use in our text.
Allowed on purpose, in names and notes alike: the zero-width non-joiner and joiner (U+200C, U+200D), which Persian,
the Indic scripts and emoji sequences (👩‍💻) need to be spelled right, and the left-to-right, right-to-left and Arabic
letter marks (U+200E, U+200F, U+061C), which only set the direction of the neutral characters beside them and are
how mixed Hebrew or Arabic and Latin text is written; they cannot reverse a run of text.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
INVISIBLE_CHARACTERS = re.compile("[\u202a-\u202e\u2066-\u2069\u200b\u2060-\u2064\ufeff]")


@deconstructible
class NoControlCharacters:
    message = _("Remove the control character (%(code)s): only tab and line breaks are allowed in text.")
    code = "control_character"
    invisible_message = _("Remove the invisible character %(code)s (%(name)s): it can hide or reorder the text.")
    invisible_code = "invisible_character"

    def __call__(self, value):
        text = str(value)
        match = CONTROL_CHARACTERS.search(text)
        if match:
            raise ValidationError(self.message, code=self.code, params={"code": f"U+{ord(match.group()):04X}"})
        match = INVISIBLE_CHARACTERS.search(text)
        if match:
            character = match.group()
            raise ValidationError(
                self.invisible_message,
                code=self.invisible_code,
                params={"code": f"U+{ord(character):04X}", "name": unicodedata.name(character).lower()},
            )

    def __eq__(self, other):
        return isinstance(other, NoControlCharacters)


no_control_characters = NoControlCharacters()
