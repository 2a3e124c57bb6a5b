"""Coloured bars beside the transcript, one per coding, like coding stripes.

Codings whose lines overlap sit side by side in lanes. Next to the lanes, each bar's code name is
written small at the height where the coding starts, pushed down when the line is taken, and
left out (the tooltip still names it) when it would drift too far from its bar. A click on a bar
or on its name selects the coding's words.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import QToolTip, QWidget

from app.i18n import _
from app.ui.coding.lanes import pack_lanes
from app.ui.coding.marks import Mark

LANE_WIDTH = 9
FULL_LANES = 4  # lanes drawn at full width; more lanes share the same room
BAR_WIDTH = 5
PADDING = 6
LANES_WIDTH = LANE_WIDTH * FULL_LANES
LABEL_WIDTH = 104
WIDTH = PADDING + LANES_WIDTH + 6 + LABEL_WIDTH + PADDING

Extent = tuple[int, int]  # top and bottom of a coding's lines, in document pixels


class CodingMargin(QWidget):
    """Painted beside a text view; asks the view where each coding's lines are."""

    clicked = Signal(str)  # coding id

    def __init__(self, extent_of: Callable[[Mark], Extent], scroll_of: Callable[[], int], parent=None):
        super().__init__(parent)
        self._extent_of = extent_of
        self._scroll_of = scroll_of
        self._marks: dict[str, Mark] = {}
        self._extents: dict[str, Extent] = {}
        self._lanes: dict[str, int] = {}
        self._lane_count = 0
        self._labels: dict[str, QRectF] = {}  # where each name was last drawn, for clicks
        self._current: str | None = None
        self.setMouseTracking(True)
        self.setFixedWidth(WIDTH)
        self.setAccessibleName(_("Coding bars"))
        self._name_font = QFont(self.font())
        self._name_font.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.85))

    # content ----------------------------------------------------------------------------------------
    def set_marks(self, marks: dict[str, Mark]) -> None:
        self._marks = marks
        self._extents = {key: value for key, value in self._extents.items() if key in marks}
        self._lanes = {}
        self.update()

    def set_current(self, coding_id: str | None) -> None:
        if coding_id != self._current:
            self._current = coding_id
            self.update()

    def forget_geometry(self) -> None:
        """The text was laid out again (a resize): every bar's place is measured anew."""
        self._extents.clear()
        self._lanes = {}
        self.update()

    # geometry ---------------------------------------------------------------------------------------
    def _measure(self) -> None:
        for key, mark in self._marks.items():
            if key not in self._extents:
                self._extents[key] = self._extent_of(mark)
                self._lanes = {}
        if not self._lanes and self._marks:
            # By lines rather than characters: two codings on the same line must not share a lane.
            self._lanes = pack_lanes((key, top, bottom + 1) for key, (top, bottom) in self._extents.items())
        self._lane_count = max(self._lanes.values(), default=-1) + 1

    def _lane_width(self) -> float:
        return min(LANE_WIDTH, LANES_WIDTH / max(1, self._lane_count))

    def bar_rect(self, coding_id: str) -> QRectF:
        """Where a coding's bar is drawn, in this widget's coordinates."""
        self._measure()
        top, bottom = self._extents[coding_id]
        scroll = self._scroll_of()
        lane_width = self._lane_width()
        x = PADDING + self._lanes[coding_id] * lane_width
        return QRectF(x, top - scroll, min(BAR_WIDTH, lane_width - 1), max(4, bottom - top))

    def mark_at(self, point: QPoint) -> str | None:
        self._measure()
        lane_width = self._lane_width()
        for key, label in self._labels.items():
            if label.contains(QPointF(point)):
                return key
        for key in self._extents:
            rect = self.bar_rect(key)
            lane = QRectF(rect.left() - 1, rect.top() - 1, lane_width, rect.height() + 2)
            if lane.contains(QPointF(point)):
                return key
        return None

    # painting and the mouse ----------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        base = self.palette().color(QPalette.ColorRole.Base)
        painter.fillRect(self.rect(), base)
        painter.setPen(self.palette().color(QPalette.ColorRole.Midlight))
        painter.drawLine(0, 0, 0, self.height())
        self._measure()
        visible = event.rect()
        shown = [key for key in self._extents
                 if self.bar_rect(key).bottom() >= visible.top() - 40 and self.bar_rect(key).top() <= visible.bottom()]
        for key in shown:
            rect = self.bar_rect(key)
            if key == self._current:
                rect = rect.adjusted(-1, -1, 1, 1)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._marks[key].bar())
            painter.drawRoundedRect(rect, 2, 2)
        self._draw_names(painter, shown, base)
        painter.end()

    def _draw_names(self, painter: QPainter, keys: list[str], background: QColor) -> None:
        """Each bar's name beside the lanes, at its start, never over another name."""
        line = QFontMetrics(self._name_font).height()
        several_coders = len({mark.coder_name for mark in self._marks.values()}) > 1
        left = PADDING + LANES_WIDTH + 6
        taken_until = -1e9
        self._labels = {}
        for key in sorted(keys, key=lambda k: (self.bar_rect(k).top(), self._lanes[k])):
            rect = self.bar_rect(key)
            top = max(rect.top(), taken_until + 1)
            if top > rect.bottom() + line:  # too far from its bar to be read as its name
                continue
            mark = self._marks[key]
            font = QFont(self._name_font)
            font.setBold(key == self._current)
            metrics = QFontMetrics(font)
            # The coder's initials stay whole when the name is cut short: they tell two bars apart.
            suffix = f" · {mark.coder_initials}" if several_coders and mark.coder_initials else ""
            room = LABEL_WIDTH - metrics.horizontalAdvance(suffix)
            text = metrics.elidedText(mark.code_name, Qt.TextElideMode.ElideRight, room) + suffix
            label = QRectF(left, top, metrics.horizontalAdvance(text) + 2, line)
            painter.setFont(font)
            painter.setPen(_readable(mark.bar(), background))
            painter.drawText(label, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            self._labels[key] = label
            taken_until = label.bottom()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        key = self.mark_at(event.position().toPoint())
        if key is not None and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(key)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        over = self.mark_at(event.position().toPoint())
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            key = self.mark_at(event.pos())
            if key is None:
                QToolTip.hideText()
            else:
                mark = self._marks[key]
                QToolTip.showText(event.globalPos(), _("{code} — coded by {coder}").format(
                    code=mark.code_name, coder=mark.coder_name), self, QRect())
            return True
        return super().event(event)


def _readable(colour: QColor, background: QColor) -> QColor:
    """The bar's hue, dark enough (or light enough, on a dark theme) to read as small text."""
    hue, saturation, lightness, _alpha = colour.getHsl()
    if background.lightness() >= 128:
        return QColor.fromHsl(max(hue, 0), min(saturation, 200), min(lightness, 78))
    return QColor.fromHsl(max(hue, 0), min(saturation, 200), max(lightness, 190))
