"""The interview's clock: total and per-section time, from a monotonic clock.

Wall-clock differences would be wrong whenever the laptop's clock is changed during an
interview; time.monotonic() only ever moves forward. The clock starts from what the database
remembers (an interview resumed after a pause or a crash goes on from its saved time).
"""

from __future__ import annotations

import time
from collections.abc import Callable


class InterviewClock:
    def __init__(self, elapsed_ms: int = 0, section_ms: dict[str, int] | None = None,
                 now: Callable[[], float] = time.monotonic):
        self._now = now
        self._settled_ms = max(0, int(elapsed_ms))
        self._sections = {key: max(0, int(value)) for key, value in (section_ms or {}).items()}
        self._section: str | None = None
        self._since: float | None = None  # monotonic seconds when the current run began

    @property
    def running(self) -> bool:
        return self._since is not None

    @property
    def section(self) -> str | None:
        return self._section

    def _run_ms(self) -> int:
        if self._since is None:
            return 0
        return max(0, int((self._now() - self._since) * 1000))

    def _settle(self) -> None:
        """Fold the current run into the totals and start counting again from now."""
        run = self._run_ms()
        self._settled_ms += run
        if self._section is not None:
            self._sections[self._section] = self._sections.get(self._section, 0) + run
        if self._since is not None:
            self._since = self._now()

    def start(self) -> None:
        if self._since is None:
            self._since = self._now()

    def pause(self) -> None:
        self._settle()
        self._since = None

    def set_section(self, section_id: str | None) -> None:
        if section_id == self._section:
            return
        self._settle()
        self._section = section_id

    def elapsed_ms(self) -> int:
        return self._settled_ms + self._run_ms()

    def section_ms(self, section_id: str | None = None) -> int:
        section_id = section_id if section_id is not None else self._section
        if section_id is None:
            return 0
        extra = self._run_ms() if section_id == self._section else 0
        return self._sections.get(section_id, 0) + extra

    def sections(self) -> dict[str, int]:
        """Time per section so far, the running one included."""
        totals = dict(self._sections)
        if self._section is not None:
            totals[self._section] = totals.get(self._section, 0) + self._run_ms()
        return totals
