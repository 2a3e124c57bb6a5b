"""Packing overlapping codings into side-by-side lanes for the margin bars."""

from __future__ import annotations

from collections.abc import Iterable


def pack_lanes(spans: Iterable[tuple[str, int, int]]) -> dict[str, int]:
    """Give each ``(key, start, end)`` span the lowest lane free over its whole extent.

    Longer spans go first among those starting together, so that a broad coding keeps the inner
    lane and the narrower ones nested in it sit beside it. Spans that only touch ([0, 5) and
    [5, 9)) share a lane.
    """
    lane_ends: list[int] = []
    lanes: dict[str, int] = {}
    for key, start, end in sorted(spans, key=lambda span: (span[1], -span[2], span[0])):
        for lane, busy_until in enumerate(lane_ends):
            if busy_until <= start:
                lane_ends[lane] = end
                lanes[key] = lane
                break
        else:
            lanes[key] = len(lane_ends)
            lane_ends.append(end)
    return lanes
