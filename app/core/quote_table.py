"""One row of the quote table: a coded passage with where it comes from, as plain data.

The service fills these rows; the writers (Word, spreadsheet, CSV) only lay them out. Every
string is already safe to print: the participant appears by code only, the text has been
pseudonymised, labels stand in for the stored keys, and the coder appears by initials.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QuoteRow:
    theme: str                                    # the main theme (top-level code) the passage falls under
    code: str                                     # the code actually applied: the theme or one of its sub-themes
    participant_code: str                         # "" for a transcript linked to no participant
    profile: str                                  # the profile's label
    territory: str                                # the territory's name
    wave: str                                     # the wave's label
    text: str                                     # the verbatim passage, pseudonymised
    quotable: bool                                # marked quotable and still allowed by the current consent
    coder: str                                    # the coder's initials
    memo: str = ""
    attributes: tuple[tuple[str, str], ...] = ()  # (name, value) of the participant, in a stable order

    def attribute(self, name: str) -> str:
        """The value of one attribute, "" when this participant has none by that name."""
        return next((value for key, value in self.attributes if key == name), "")


def attribute_names(rows: list[QuoteRow]) -> list[str]:
    """Every attribute name the rows carry, in the order they first appear: the extra columns."""
    names: dict[str, None] = {}
    for row in rows:
        for name, _value in row.attributes:
            names.setdefault(name, None)
    return list(names)
