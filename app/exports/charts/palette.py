"""Colours of the charts: Paul Tol's colour-blind-safe schemes, picked so that the colours that
must be told apart also differ clearly in lightness (the report may be printed in greyscale).

The values are those of Paul Tol's "high-contrast" and "BuRd" schemes (SRON technical note
"Colour schemes", 2021).
"""

from __future__ import annotations

from matplotlib.colors import LinearSegmentedColormap, to_hex, to_rgb

# Tol's high-contrast scheme: dark blue, medium red, light yellow read as three greys.
DARK_BLUE = "#004488"
RED = "#BB5566"
YELLOW = "#DDAA33"

INK = "#222222"          # text and reference lines
MUTED = "#555555"        # secondary text (n, notes); still 7:1 on white
GRID = "#D9D9D9"
OUTLINE = "#4D4D4D"      # outlines of a quota's target
PALE = "#E4EAF2"         # the inside of an outline bar
NO_VALUE = "#E2E2E2"     # a cell with no participant

# Attainment of a target: reached (dark) and not yet reached (light), never colour alone: the
# reference line at 100 % and the written value say the same.
REACHED = DARK_BLUE
NOT_REACHED = YELLOW

# Five answers of an agreement scale, from "strongly disagree" to "strongly agree" (Tol's BuRd,
# the neutral answer a light grey so that it stands out from the white page). The two strong
# answers are dark, the two mild ones light, neutral lightest: greyscale keeps the order.
LIKERT_5 = ("#B2182B", "#F4A582", "#DDDDDD", "#92C5DE", "#2166AC")

# Theme shares: one hue from white to dark blue, its lightness falling evenly.
# It starts just off white, so that a cell at 0 % still shows as a cell.
SHARE_MAP = LinearSegmentedColormap.from_list("terrain_share", ["#F3F6FA", "#BBCCEE", "#4477AA", DARK_BLUE])


def likert_colours(count: int) -> tuple[str, ...]:
    """Colours for ``count`` ordered answers, disagreement to agreement."""
    if count == 5:
        return LIKERT_5
    if count <= 1:
        return (LIKERT_5[2],) * count
    # Any other length: sample the same scheme evenly.
    ramp = LinearSegmentedColormap.from_list("terrain_likert", list(LIKERT_5))
    return tuple(to_hex(ramp(i / (count - 1))) for i in range(count))


def wave_colours(count: int) -> tuple[str, ...]:
    """One colour per wave, earlier waves lighter: the latest reads darkest, also in grey."""
    if count <= 1:
        return (DARK_BLUE,) * count
    ramp = LinearSegmentedColormap.from_list("terrain_waves", ["#99BBDD", DARK_BLUE])
    return tuple(to_hex(ramp(i / (count - 1))) for i in range(count))


def text_colour_on(background) -> str:
    """Black or white text, whichever reads better on ``background``."""
    red, green, blue = to_rgb(background)
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return "white" if luminance < 0.5 else INK


def hatch_colour_on(background) -> str:
    """A hatching that shows on ``background`` without drowning it: light on dark, dark on light."""
    return "#FFFFFF99" if text_colour_on(background) == "white" else "#00000066"
