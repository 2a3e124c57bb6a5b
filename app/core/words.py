"""Counting words the way every figure in Terrain does: runs of letters and digits."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+")


def count_words(text: str) -> int:
    return sum(1 for _match in _WORD.finditer(text))
