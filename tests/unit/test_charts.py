"""The dashboards' charts: each builds from hand-made data (full, empty, odd), writes its numbers
in the reader's language, and saves to PNG and SVG files that carry its title and alt text."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import matplotlib.text
import pytest

from app.core.dashboards import DashboardData, LikertItem, QuotaBar, ThemeShares, WavePoint, WaveSeries
from app.core.indicators import IndicatorResult
from app.exports.charts import (FORMATS, Chart, build_charts, indicator_dashboard, sample_vs_quotas, save_chart,
                                survey_items, theme_frequency, wave_comparison)
from app.i18n import set_language

AGREEMENT = ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree")
KEYS = ["indicators", "sample-quotas", "themes-profile", "themes-territory", "survey-items", "waves"]


def result(code, label, level, value, target, unit, n, *, direction="higher", small_n=False, reason="",
           source_kind="survey_item") -> IndicatorResult:
    return IndicatorResult(indicator_id=code.lower(), code=code, label=label, level=level, dimension="social",
                           dimension_label="Social", unit=unit, target=target, direction=direction,
                           source_kind=source_kind, source="", value=value, n=n, reason=reason, small_n=small_n)


def sample_data(language: str = "fr") -> DashboardData:
    """A study like the demo's, with every case a chart must handle."""
    results = [
        result("OUT1", "Interviews held", "output", 12, 18, "interviews", None, source_kind="count"),
        result("OUT2", "People met", "output", 16, 15, "people", None, source_kind="count"),
        result("OUT3", "Collective events organised", "output", 44, 12, "events", None, source_kind="manual"),
        result("OC1", "Perceived autonomy in organising one's work", "outcome", 3.8, 4, "score /5", 14),
        result("OC2", "Sense of belonging to the collective", "outcome", 57.14, 60, "%", 14, source_kind="theme"),
        result("OC3", "Perceived security of the status", "outcome", 66.7, 70, "%", 3, small_n=True),
        result("OC4", "Professional isolation", "outcome", 21.4, 25, "%", 14, direction="lower", source_kind="theme"),
        result("IMP1", "Continuity of the members' activities", "impact", 77, 75, "%", None, source_kind="manual"),
        result("IMP2", "Commitment to the cooperative's membership", "impact", None, 50, "%", 0,
               reason="No transcript has been coded here yet.", source_kind="theme"),
        result("IMP3", "Share of turnover made locally", "impact", 48.25, None, "%", 11),
    ]
    quotas = [
        QuotaBar("Lyon", "Member entrepreneur", 4, 4), QuotaBar("Lyon", "Permanent staff", 1, 1),
        QuotaBar("Lyon", "Client", 1, 0), QuotaBar("Drôme", "Member entrepreneur", 3, 4),
        QuotaBar("Drôme", "Permanent staff", 1, 1), QuotaBar("Drôme", "Partner", 1, 1),
        QuotaBar("Brussels", "Member entrepreneur", 3, 2), QuotaBar("Brussels", "Permanent staff", 1, 1),
        QuotaBar("Brussels", "Client", 1, 0),
    ]
    themes = ("Belonging to the collective", "Isolation",
              "Becoming a member-partner of the cooperative and taking part in its governance",
              "Income security", "Balance between work and private life")
    by_profile = ThemeShares("profile", ("Member entrepreneur", "Permanent staff", "Partner", "Client"),
                             (9, 3, 1, 0),
                             themes, ((6, 2, 1, 0), (3, 0, 0, 0), (4, 1, 0, 0), (7, 1, 1, 0), (2, 3, 0, 0)))
    by_territory = ThemeShares("territory", ("Lyon", "Drôme", "Brussels"), (6, 5, 2),
                               themes, ((4, 4, 1), (1, 2, 0), (3, 1, 1), (5, 2, 2), (3, 1, 1)))
    likert = [
        LikertItem("autonomy", "I feel free to organise my work as I see fit.", AGREEMENT, (0, 1, 2, 6, 5)),
        LikertItem("security", "My status in the cooperative gives me enough security.", AGREEMENT, (1, 0, 1, 1, 0)),
        LikertItem("balance", "I manage to balance my work and my private life.", AGREEMENT, (2, 4, 3, 3, 2)),
        LikertItem("silent", "Nobody answered this one yet.", AGREEMENT, (0, 0, 0, 0, 0)),
    ]
    waves = [
        WaveSeries("OC1", "Perceived autonomy", "outcome", "score /5", 4, "higher",
                   (WavePoint("2025", 3.6, 9), WavePoint("2026", 3.85, 14))),
        WaveSeries("OC3", "Perceived security of the status", "outcome", "%", 70, "higher",
                   (WavePoint("2025", 50.0, 4, small_n=True), WavePoint("2026", 66.7, 12))),
        WaveSeries("OC4", "Professional isolation", "outcome", "%", 25, "lower",
                   (WavePoint("2025", 33.3, 9), WavePoint("2026", 21.4, 14))),
        WaveSeries("IMP2", "Commitment to membership", "impact", "%", 50, "higher",
                   (WavePoint("2025", 44.4, 9), WavePoint("2026", None, 0))),
        WaveSeries("OUT1", "Interviews held", "output", "interviews", 18, "higher",
                   (WavePoint("2025", 9, None), WavePoint("2026", 12, None))),
    ]
    return DashboardData(
        study_title="What the cooperative changes at work", wave_label="2026", territory_label="All territories",
        results=results, quotas=quotas, themes_by_profile=by_profile, themes_by_territory=by_territory,
        likert=likert, waves=waves, small_n_threshold=5, language=language, participants=14, interviews=12)


def empty_data(language: str = "fr") -> DashboardData:
    nothing = ThemeShares("profile", (), (), (), ())
    return DashboardData(study_title="Empty study", wave_label="2025", territory_label="All territories",
                         results=[], quotas=[], themes_by_profile=nothing,
                         themes_by_territory=ThemeShares("territory", (), (), (), ()), likert=[], waves=[],
                         language=language)


@pytest.fixture(params=["fr", "en"])
def language(request) -> str:
    """Charts drawn in each language (interface strings and number formatting together)."""
    set_language(request.param)
    yield request.param
    set_language("en")


def drawn(chart: Chart) -> list[str]:
    """Every text drawn in the chart, tick labels included (they exist once the figure is drawn)."""
    chart.figure.draw_without_rendering()
    return [t.get_text() for t in chart.figure.findobj(matplotlib.text.Text) if t.get_text()]


def bars(chart: Chart) -> list:
    """The filled rectangles drawn as data (bars, segments), not the axes' backgrounds."""
    from matplotlib.patches import Rectangle
    return [p for axes in chart.figure.axes for p in axes.patches if isinstance(p, Rectangle)]


NBSP = "\u00a0"


# building ---------------------------------------------------------------------------------------
def test_build_charts_returns_every_chart_in_reading_order(language):
    charts = build_charts(sample_data(language))
    assert [c.key for c in charts] == KEYS
    for chart in charts:
        assert chart.title and chart.alt_text and chart.caption
        assert chart.size_inches[0] == pytest.approx(16 / 2.54)
        # Every chart names its scope and its n in the figure itself.
        texts = "\n".join(drawn(chart))
        assert chart.title in texts
        assert "2026" in texts


def test_empty_data_still_gives_every_chart_with_a_message(language):
    charts = build_charts(empty_data(language))
    assert [c.key for c in charts] == KEYS
    messages = {
        "fr": ["Pas encore d’indicateur", "Pas encore de quota", "Le livre de codes n’a pas encore de thème",
               "Le livre de codes n’a pas encore de thème", "Le questionnaire n’a pas encore",
               "Pas encore d’indicateur"],
        "en": ["No indicator yet", "No quota set yet", "The codebook has no theme yet",
               "The codebook has no theme yet", "No five-point item", "No indicator yet"],
    }[language]
    for chart, message in zip(charts, messages):
        texts = " ".join(drawn(chart)).replace("\n", " ")
        assert message in texts, chart.key
        assert bars(chart) == []
        assert chart.alt_text


def test_themes_with_groups_but_nothing_coded_say_so():
    data = sample_data("en")
    data.themes_by_profile = ThemeShares("profile", ("Client",), (0,), ("Isolation",), ((0,),))
    chart = theme_frequency(data, "profile")
    assert any("No transcript has been coded yet" in text for text in drawn(chart))


def test_theme_frequency_refuses_an_unknown_attribute():
    with pytest.raises(ValueError, match="gender"):
        theme_frequency(sample_data("en"), "gender")


# the indicator dashboard ------------------------------------------------------------------------
def test_indicator_values_are_written_with_the_reader_s_decimal_mark(language):
    texts = drawn(indicator_dashboard(sample_data(language)))
    if language == "fr":
        assert "3,8 / 4\u00a0score /5" in texts
        assert f"57 / 60{NBSP}%" in texts
        assert f"0{NBSP}%" in texts and f"150{NBSP}%" in texts  # the axis, through FuncFormatter
        assert not any("3.8" in text for text in texts)
    else:
        assert "3.8 / 4\u00a0score /5" in texts
        assert "57 / 60%" in texts
        assert "150%" in texts
        assert not any("3,8" in text for text in texts)


def test_indicator_bars_are_the_attainment_of_the_target_capped_at_150():
    chart = indicator_dashboard(sample_data("en"))
    widths = sorted(round(bar.get_width(), 2) for bar in bars(chart) if bar.get_height() < 1)
    # Worked by hand: 12/18, 16/15, 44/12 (capped), 3.8/4, 57.14/60, 66.7/70, lower is better
    # 25/21.4, 77/75; IMP2 has no value and IMP3 no target, so no bar.
    assert widths == sorted([66.67, 106.67, 150.0, 95.0, 95.23, 95.29, 116.82, 102.67])


def test_small_sample_is_hatched_and_said(language):
    chart = indicator_dashboard(sample_data(language))
    hatched = [bar for bar in bars(chart) if bar.get_hatch()]
    assert [round(bar.get_width(), 2) for bar in hatched] == [95.29]  # OC3, n = 3
    word = {"fr": "effectif faible", "en": "small sample"}[language]
    assert any(word in text and "n\u00a0=\u00a03" in text for text in drawn(chart))
    assert word in chart.alt_text


def test_missing_value_lower_is_better_and_no_target_are_said(language):
    texts = drawn(indicator_dashboard(sample_data(language)))
    joined = "\n".join(texts)
    if language == "fr":
        assert "non calculable — No transcript has been" in joined
        assert "(plus c’est bas, mieux c’est)" in joined
        assert "pas de cible : valeur à droite".replace(" :", "\u00a0:") in joined
        assert f"48{NBSP}%" in texts  # IMP3: its value alone
    else:
        assert "not computable — No transcript has been" in joined
        assert "(lower is better)" in joined
        assert "no target: value on the right" in joined
        assert "48%" in texts


def test_indicator_alt_text_gives_the_key_figures():
    set_language("fr")
    chart = indicator_dashboard(sample_data("fr"))
    # Targets: OUT1 no, OUT2 yes, OUT3 yes, OC1 no, OC2 no, OC3 no, OC4 yes (lower), IMP1 yes.
    assert "Cibles atteintes\u00a0: 4 sur 8." in chart.alt_text
    assert "Perceived autonomy in organising one's work\u00a0: 3,8\u00a0score /5 pour une cible de 4\u00a0score /5" \
        in chart.alt_text
    assert "non calculable (No transcript has been coded here yet)" in chart.alt_text
    assert "Réalisations" in chart.alt_text and "Résultats" in chart.alt_text
    assert "14 participant·e·s" in chart.caption and "12 entretiens" in chart.caption


def test_an_empty_level_is_still_shown():
    data = sample_data("en")
    data.results = [r for r in data.results if r.level != "impact"]
    texts = drawn(indicator_dashboard(data))
    assert "Impact" in texts and "No indicator at this level." in texts


# sample against quotas --------------------------------------------------------------------------
def test_quota_chart_draws_target_and_achieved_with_their_numbers():
    chart = sample_vs_quotas(sample_data("en"))
    texts = drawn(chart)
    assert "4 / 3" in texts and "0 / 1" in texts
    assert "Drôme: 6 of 5 met" in texts
    widths = [bar.get_width() for bar in bars(chart)]
    # Per quota, the target (outline) then the achieved bar.
    assert sorted(widths) == sorted([4, 1, 1, 3, 1, 1, 3, 1, 1] + [4, 1, 0, 4, 1, 1, 2, 1, 0])
    assert "14 of 16 participants met" in chart.caption
    assert "Overall, 14 of 16 participants met (88%)." in chart.alt_text


# themes -----------------------------------------------------------------------------------------
def test_theme_cells_say_k_of_n_and_the_share(language):
    chart = theme_frequency(sample_data(language), "profile")
    texts = drawn(chart)
    assert "6/9" in texts and "2/3" in texts and "0/1" in texts
    assert ("67\u00a0%" if language == "fr" else "67%") in texts
    # The group nobody of which has a coded transcript: a dash, and its n in the column label.
    assert "—" in texts
    assert any(text.endswith("(n\u00a0=\u00a00)") and "Client" in text for text in texts)


def test_long_theme_names_are_wrapped():
    texts = drawn(theme_frequency(sample_data("en"), "territory"))
    label = next(t for t in texts if t.startswith("Becoming a member-partner"))
    assert "\n" in label and max(len(line) for line in label.splitlines()) <= 34


def test_theme_alt_text_names_the_most_frequent_group():
    chart = theme_frequency(sample_data("en"), "territory")
    assert "Belonging to the collective: 9 of 13 participants overall, most often among Drôme (4 of 5, 80%)." \
        in chart.alt_text


def test_a_report_s_theme_chart_keeps_the_most_carried_themes():
    data = sample_data("en")
    # 30 themes, theme k carried by k participants of the first profile (k of 9 at most).
    themes = tuple(f"Theme {k:02d}" for k in range(30))
    carriers = tuple((min(k, 9), 0, 0, 0) for k in range(30))
    data.themes_by_profile = ThemeShares("profile", data.themes_by_profile.groups, (9, 3, 1, 0), themes, carriers)
    whole = theme_frequency(data, "profile")
    assert [label.get_text() for label in whole.figure.axes[0].get_yticklabels()] == list(themes)
    kept = theme_frequency(data, "profile", max_themes=12)
    labels = [label.get_text() for label in kept.figure.axes[0].get_yticklabels()]
    # The most carried first; between equals (themes 09 to 29, 9 each), the codebook's order.
    assert labels == [f"Theme {k:02d}" for k in range(9, 21)]
    note = "Only the 12 themes carried by the most participants are shown, of 30."
    assert note in kept.caption and note in kept.alt_text and note not in whole.caption
    assert "A table of 12 themes" in kept.alt_text
    assert kept.figure.get_size_inches()[1] < whole.figure.get_size_inches()[1]


# survey items -----------------------------------------------------------------------------------
def test_likert_bars_diverge_around_zero():
    chart = survey_items(sample_data("en"))
    first_row = sorted((bar for bar in bars(chart) if bar.get_y() < 0.5 and bar.get_width() > 0),
                       key=lambda bar: bar.get_x())
    # (0, 1, 2, 6, 5) of 14: disagree 1/14, neutral 2/14 split across zero, agree 11/14.
    assert first_row[0].get_x() == pytest.approx(-100 * 2 / 14)
    assert max(bar.get_x() + bar.get_width() for bar in first_row) == pytest.approx(100 * 12 / 14)
    texts = drawn(chart)
    assert "79%" in texts and "7%" in texts
    assert any("(n\u00a0=\u00a014)" in text for text in texts)
    assert "no answer yet" in texts


def test_likert_text_in_french(language):
    chart = survey_items(sample_data(language))
    texts = drawn(chart)
    if language == "fr":
        assert f"43{NBSP}%" in texts and f"100{NBSP}%" in texts
        assert "effectif faible" in "\n".join(texts)
    else:
        assert "43%" in texts
    assert chart.alt_text.count("(n\u00a0=\u00a014)") == 2


# wave after wave --------------------------------------------------------------------------------
def test_wave_panels_write_values_targets_and_missing_values(language):
    chart = wave_comparison(sample_data(language))
    texts = drawn(chart)
    if language == "fr":
        assert "3,6" in texts and "3,9" in texts and "cible 4" in texts
        assert "non\ncalculable" in texts
    else:
        assert "3.6" in texts and "3.9" in texts and "target 4" in texts
        assert "not\ncomputable" in texts
    assert "2025\nn\u00a0=\u00a04" in texts
    hatched = [bar for bar in bars(chart) if bar.get_hatch()]
    assert [bar.get_height() for bar in hatched] == [50.0]
    panels = [axes for axes in chart.figure.axes if axes.get_title(loc="left")]
    assert len(panels) == 5


# saving -----------------------------------------------------------------------------------------
def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    chunks, position = [], 8
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        chunks.append((kind, data[position + 8:position + 8 + length]))
        position += 12 + length
    return chunks


def png_text(chunks) -> dict[str, str]:
    texts = {}
    for kind, body in chunks:
        if kind == b"tEXt":
            key, value = body.split(b"\0", 1)
            texts[key.decode("latin-1")] = value.decode("latin-1")
        elif kind == b"zTXt":
            key, value = body.split(b"\0", 1)
            texts[key.decode("latin-1")] = zlib.decompress(value[1:]).decode("latin-1")
        elif kind == b"iTXt":
            key, rest = body.split(b"\0", 1)
            compressed, rest = rest[0], rest[2:]
            _language, _translated, value = rest.split(b"\0", 2)
            texts[key.decode("latin-1")] = (zlib.decompress(value) if compressed else value).decode("utf-8")
    return texts


def test_png_is_200_dpi_report_width_with_title_and_alt_text(tmp_path):
    set_language("fr")
    chart = indicator_dashboard(sample_data("fr"))
    path = save_chart(chart, tmp_path / "chart.png")
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks = png_chunks(data)
    width, height = struct.unpack(">II", chunks[0][1][:8])
    # The report's size at 200 dpi (matplotlib drops the fraction of a pixel).
    assert width == int(16 / 2.54 * 200)
    assert height == int(chart.size_inches[1] * 200)
    physical = next(body for kind, body in chunks if kind == b"pHYs")
    x_per_metre, y_per_metre, unit = struct.unpack(">IIB", physical)
    assert unit == 1 and round(x_per_metre * 0.0254) == 200 and round(y_per_metre * 0.0254) == 200
    texts = png_text(chunks)
    assert texts["Title"] == "Indicateurs par niveau, au regard de leurs cibles"
    assert texts["Description"] == chart.alt_text
    assert [p.name for p in tmp_path.iterdir()] == ["chart.png"]  # no temporary file left behind


def test_svg_carries_title_and_description(tmp_path):
    chart = survey_items(sample_data("en"))
    path = save_chart(chart, tmp_path / "chart.svg", "svg")
    root = ET.parse(path).getroot()
    svg = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{svg}title").text == "Survey answers"
    assert root.find(f"{svg}desc").text == chart.alt_text
    dublin_core = "{http://purl.org/dc/elements/1.1/}"
    assert root.find(f".//{dublin_core}title").text == "Survey answers"
    assert root.find(f".//{dublin_core}description").text == chart.alt_text
    assert root.get("width").endswith("pt") and float(root.get("width")[:-2]) == pytest.approx(16 / 2.54 * 72)


def test_save_goes_back_to_report_size_after_a_screen_resized_the_figure(tmp_path):
    chart = sample_vs_quotas(sample_data("en"))
    chart.figure.set_size_inches(11, 7)  # as a wide canvas would
    path = save_chart(chart, tmp_path / "quotas.png")
    width, _height = struct.unpack(">II", png_chunks(path.read_bytes())[0][1][:8])
    assert width == int(16 / 2.54 * 200)
    assert tuple(chart.figure.get_size_inches()) == (11, 7)


def test_a_failed_save_leaves_the_previous_file_untouched(tmp_path, monkeypatch):
    chart = wave_comparison(sample_data("en"))
    path = tmp_path / "waves.png"
    path.write_bytes(b"the previous chart")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(chart.figure, "savefig", broken)
    with pytest.raises(OSError, match="disk full"):
        save_chart(chart, path)
    assert path.read_bytes() == b"the previous chart"
    assert [p.name for p in tmp_path.iterdir()] == ["waves.png"]


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="png, svg"):
        save_chart(indicator_dashboard(sample_data("en")), tmp_path / "chart.pdf", "pdf")
    assert FORMATS == ("png", "svg")


def test_building_charts_leaves_matplotlib_and_qt_alone():
    """No pyplot (its global list of figures), no change of rcParams, no Qt: checked in a fresh
    interpreter, since the test process itself may have loaded them."""
    import subprocess
    import sys
    code = (
        "import sys, matplotlib\n"
        "before = matplotlib.rcParams.copy()\n"
        "sys.path.insert(0, 'tests/unit')\n"
        "from test_charts import sample_data, empty_data\n"
        "from app.exports.charts import build_charts\n"
        "for data in (sample_data('fr'), empty_data('en')):\n"
        "    for chart in build_charts(data):\n"
        "        chart.figure.draw_without_rendering()\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot'\n"
        "assert not any(name.startswith('PySide6') for name in sys.modules), 'Qt'\n"
        "assert matplotlib.rcParams.copy() == before, 'rcParams'\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# the service ------------------------------------------------------------------------------------
def test_charts_of_the_demo_study(demo):
    from app.services.charts import charts
    built = charts(demo)
    assert [c.key for c in built] == KEYS
    texts = "\n".join(drawn(built[0]))
    for code in ("OUT1", "OC1", "IMP1"):
        assert code in texts
    wave = demo.waves.find(order_by="position")[0]
    one_wave = charts(demo, wave_id=wave.id)
    assert f"Wave: {wave.label}" in "\n".join(drawn(one_wave[0]))


def test_write_charts_writes_one_numbered_file_per_chart(demo, tmp_path):
    from app.services.charts import write_charts
    out = tmp_path / "charts" / "2026"
    paths = write_charts(demo, out)
    assert [p.name for p in paths] == [f"{i:02d}-{key}.png" for i, key in enumerate(KEYS, start=1)]
    assert sorted(p.name for p in out.iterdir()) == [p.name for p in paths]
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in paths)
    svgs = write_charts(demo, tmp_path / "svg", "svg")
    assert [p.suffix for p in svgs] == [".svg"] * len(KEYS)
    ET.parse(svgs[0])


def test_write_charts_refuses_an_unknown_format_before_writing(demo, tmp_path):
    from app.services.charts import write_charts
    with pytest.raises(ValueError, match="png, svg"):
        write_charts(demo, tmp_path / "out", "jpg")
    assert not (tmp_path / "out").exists()
