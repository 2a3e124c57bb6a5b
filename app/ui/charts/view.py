"""One chart on screen: the figure on a Qt canvas, its caption under it, its alternative text on
hover and behind a small expander, and the buttons that save it as PNG or SVG.

The canvas resizes the figure to the widget, and the layout of every chart adapts to that; a
chart taller than the room it gets scrolls rather than squashing its rows. A saved file is laid
out at the report's size whatever the size on screen (see ``save_chart``).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from matplotlib.backend_bases import FigureCanvasBase
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.exports.charts import Chart, save_chart
from app.exports.charts.style import SCREEN_DPI
from app.i18n import N_, _
from app.ui.areas.base import muted, wrapped

FILTERS = {"png": N_("PNG image (*.png)"), "svg": N_("SVG image (*.svg)")}
# Below this share of its report height a chart scrolls instead of shrinking further.
SQUEEZE = 0.9


class ChartView(QWidget):
    """Shows one ``Chart`` (or a short message when there is none)."""

    saved = Signal(Path)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.chart: Chart | None = None
        self.canvas: FigureCanvasQTAgg | None = None
        # The folder of the last file saved, proposed for the next one.
        self.folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                           or Path.home())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        self.stack = QStackedWidget()
        self.placeholder = muted(_("No chart to show."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.scroll)
        layout.addWidget(self.stack, 1)

        self.caption_label = muted()
        self.caption_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.caption_label)

        self.alt_label = wrapped()
        self.alt_label.setVisible(False)
        self.alt_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.alt_label.setContentsMargins(8, 6, 8, 6)

        row = QHBoxLayout()
        self.alt_button = QToolButton()
        self.alt_button.setText(_("Alternative text"))
        self.alt_button.setCheckable(True)
        self.alt_button.setArrowType(Qt.ArrowType.RightArrow)
        self.alt_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.alt_button.setAutoRaise(True)
        self.alt_button.setToolTip(_("What the chart shows, in words, as the report gives it to readers who "
                                     "cannot see it."))
        self.alt_button.toggled.connect(self._show_alt_text)
        row.addWidget(self.alt_button)
        row.addStretch(1)
        self.png_button = QPushButton(_("Save as PNG…"))
        self.png_button.clicked.connect(lambda: self.ask_and_save("png"))
        self.svg_button = QPushButton(_("Save as SVG…"))
        self.svg_button.clicked.connect(lambda: self.ask_and_save("svg"))
        row.addWidget(self.png_button)
        row.addWidget(self.svg_button)
        layout.addLayout(row)
        layout.addWidget(self.alt_label)

        self.show_chart(None)

    # showing ---------------------------------------------------------------------------------------
    def show_chart(self, chart: Chart | None) -> None:
        """Show ``chart`` in place of the one shown before, whose canvas is let go."""
        self._release_canvas()
        self.chart = chart
        has_chart = chart is not None
        for button in (self.png_button, self.svg_button, self.alt_button):
            button.setEnabled(has_chart)
        if chart is None:
            self.stack.setCurrentWidget(self.placeholder)
            self.caption_label.clear()
            self.alt_label.clear()
            self.alt_button.setChecked(False)
            return
        self.canvas = FigureCanvasQTAgg(chart.figure)
        height = (chart.size_inches or tuple(chart.figure.get_size_inches()))[1]
        self.canvas.setMinimumHeight(int(height * SCREEN_DPI * SQUEEZE))
        # Rich text, so that the tooltip wraps instead of running off the screen.
        self.canvas.setToolTip(f"<p>{escape(chart.alt_text)}</p>")
        self.canvas.setAccessibleName(chart.title)
        self.canvas.setAccessibleDescription(chart.alt_text)
        self.scroll.setWidget(self.canvas)
        self.stack.setCurrentWidget(self.scroll)
        self.caption_label.setText(chart.caption)
        self.alt_label.setText(chart.alt_text)

    def _release_canvas(self) -> None:
        if self.canvas is None:
            return
        canvas = self.scroll.takeWidget()
        figure = self.canvas.figure
        self.canvas = None
        if canvas is not None:
            canvas.deleteLater()
        # The figure gets a plain canvas back: it no longer points at a widget being deleted (which
        # would keep both alive), and it can still be saved or shown again.
        FigureCanvasBase(figure)

    def _show_alt_text(self, shown: bool) -> None:
        self.alt_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.alt_label.setVisible(shown)

    # saving ----------------------------------------------------------------------------------------
    def save_to(self, path: Path, fmt: str) -> Path:
        """Write the chart shown to ``path``; errors are raised to the caller."""
        if self.chart is None:
            raise ValueError(_("There is no chart to save."))
        written = save_chart(self.chart, Path(path), fmt)
        if self.canvas is not None:
            self.canvas.draw_idle()
        return written

    def ask_and_save(self, fmt: str) -> Path | None:
        """Ask where to save the chart as ``fmt``, then save it there; says so if it cannot."""
        if self.chart is None:
            return None
        start = self.folder / f"{self.chart.key}.{fmt}"
        chosen, _filter = QFileDialog.getSaveFileName(self, _("Save the chart"), str(start), _(FILTERS[fmt]))
        if not chosen:
            return None
        path = Path(chosen) if chosen.lower().endswith(f".{fmt}") else Path(f"{chosen}.{fmt}")
        return self.save_as(path, fmt)

    def save_as(self, path: Path, fmt: str) -> Path | None:
        """Save to ``path``, telling the person when the file cannot be written."""
        try:
            written = self.save_to(path, fmt)
        except (OSError, ValueError) as error:
            QMessageBox.critical(self, _("The chart was not saved"),
                                 _("{path} could not be written: {reason}").format(path=path, reason=_reason(error)))
            return None
        self.folder = written.parent
        self.saved.emit(written)
        return written


def _reason(error: Exception) -> str:
    """The system's words for a failed write, without the file name the message already gives."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)
