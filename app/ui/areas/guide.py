"""The current interview guide: sections, questions and probes, with one question's details."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QStyle, QTreeWidget, QTreeWidgetItem

from app.core.guide import Question
from app.i18n import N_, _, ngettext
from app.store.project import Project
from app.ui.areas.base import Area, detail_browser, html_field, muted, RoomyRows, split
from app.ui.formatting import format_date, format_number
from app.ui.labels import INTENTS, label

QUESTION_ROLE = Qt.ItemDataRole.UserRole
RIGHT_ALIGNED = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class GuideArea(Area):
    key = "guide"
    title = N_("Interview guide")
    nav_label = N_("Guide")
    subtitle = N_("General questions come first and sensitive ones late; probes stay neutral.")
    icon = QStyle.StandardPixmap.SP_FileDialogDetailedView

    def __init__(self, parent=None):
        super().__init__(parent)
        self.summary_label = muted()
        self.body.addWidget(self.summary_label)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([_("Section, question, probe"), _("Intent"), _("Minutes"), _("Sensitive")])
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        font = QFont(header.font())
        font.setBold(True)
        header.setFont(font)
        self.tree.setItemDelegate(RoomyRows(self.tree))
        self.tree.currentItemChanged.connect(self._show_current)
        self.detail = detail_browser()
        self.body.addWidget(split(Qt.Orientation.Horizontal, (self.tree, 2), (self.detail, 1)), 1)
        self._project: Project | None = None
        self._warning_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)

    def load(self, project: Project) -> None:
        self._project = project
        self.tree.clear()
        self.detail.clear()
        guide = project.current_guide()
        if guide is None:
            self.summary_label.setText(_("No guide yet: the guide is written in the study design."))
            return
        questions_count = 0
        total_minutes = 0.0
        first_question_item = None
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for section in project.sections_of(guide.id):
            section_item = QTreeWidgetItem(self.tree, [section.title])
            section_item.setFont(0, bold)
            section_minutes = 0.0
            for question in project.questions_of(section.id):
                questions_count += 1
                section_minutes += question.estimated_minutes or 0
                item = self._question_item(section_item, question)
                first_question_item = first_question_item or item
            if section_minutes:
                section_item.setText(2, format_number(section_minutes, 1))
                section_item.setTextAlignment(2, RIGHT_ALIGNED)
            total_minutes += section_minutes
            section_item.setExpanded(True)
        if guide.is_frozen:
            state = _(
                "version {version}, frozen on {date}: it was used in interviews, editing makes a new version"
            ).format(version=guide.version, date=format_date(guide.frozen_at))
        else:
            state = _("version {version}, draft: it can still be edited").format(version=guide.version)
        count = ngettext("{n} question", "{n} questions", questions_count).format(n=questions_count)
        self.summary_label.setText(
            _("{title} — {state}. {count}, about {minutes} min.").format(
                title=guide.title, state=state, count=count, minutes=format_number(total_minutes)
            )
        )
        if first_question_item is not None:
            self.tree.setCurrentItem(first_question_item)

    def _question_item(self, parent: QTreeWidgetItem, question: Question) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [question.text, label(INTENTS, question.intent)])
        item.setData(0, QUESTION_ROLE, question)
        item.setToolTip(0, question.text)
        if question.estimated_minutes:
            item.setText(2, format_number(question.estimated_minutes, 1))
            item.setTextAlignment(2, RIGHT_ALIGNED)
        if question.is_sensitive:
            item.setIcon(3, self._warning_icon)
            item.setText(3, _("Sensitive"))
            item.setToolTip(3, _("A sensitive topic: ask it late and with care."))
        italic = QFont(self.tree.font())
        italic.setItalic(True)
        for probe in self._project.probes_of(question.id):
            probe_item = QTreeWidgetItem(item, [probe.text, _("Probe")])
            probe_item.setFont(0, italic)
            probe_item.setData(0, QUESTION_ROLE, question)
        return item

    def _show_current(self, current: QTreeWidgetItem | None, _previous=None) -> None:
        question = current.data(0, QUESTION_ROLE) if current is not None else None
        if question is None or self._project is None:
            self.detail.setHtml(f"<p>{escape(_('Select a question to see its probes and indicators.'))}</p>")
            return
        self.detail.setHtml(self.question_html(question))

    def question_html(self, question: Question) -> str:
        parts = [f"<h3>{escape(question.text)}</h3>"]
        facts = [label(INTENTS, question.intent)]
        if question.estimated_minutes:
            facts.append(_("about {minutes} min").format(minutes=format_number(question.estimated_minutes, 1)))
        parts.append(f"<p style='color:gray'>{escape(' · '.join(facts))}</p>")
        if question.is_sensitive:
            parts.append(
                "<p style='background-color:#fbe9c6'>&nbsp;⚠ "
                + escape(_("Sensitive question: ask it late in the interview, and let the person decline."))
                + "&nbsp;</p>"
            )
        parts.append(html_field(_("Reminder for the interviewer"), question.reminder))
        probes = self._project.probes_of(question.id)
        parts.append(f"<p><b>{escape(_('Neutral probes'))}</b></p>")
        if probes:
            parts.append("<ul>" + "".join(f"<li>{escape(p.text)}</li>" for p in probes) + "</ul>")
        else:
            parts.append(f"<p style='color:gray'>{escape(_('No probe for this question.'))}</p>")
        indicators = self._project.indicators_of_question(question.id)
        parts.append(f"<p><b>{escape(_('Indicators it informs'))}</b></p>")
        if indicators:
            parts.append(
                "<ul>" + "".join(f"<li>{escape(i.code)} — {escape(i.label)}</li>" for i in indicators) + "</ul>"
            )
        else:
            parts.append(f"<p style='color:gray'>{escape(_('Not linked to an indicator.'))}</p>")
        return "".join(parts)
