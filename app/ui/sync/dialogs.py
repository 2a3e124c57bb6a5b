"""The dialogs of the analyst's side: preparing a study package, registering a laptop, and the
result of a bundle import."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, ngettext
from app.services.sync.devices import DeviceCard
from app.services.sync.importer import BundleOutcome, summary
from app.store.project import Project
from app.ui.areas.base import detail_browser, heading, muted, wrapped
from app.ui.sync.identity import fingerprint_label
from app.ui.sync.texts import counted


def interviewer_choices(project: Project, combo: QComboBox, none_text: str) -> None:
    """The study's interviewers, each with how many interviews are assigned to them."""
    combo.addItem(none_text, None)
    for interviewer in project.interviewers.find(order_by="name"):
        count = project.interviews.count("interviewer_id = ?", [interviewer.id])
        combo.addItem(_("{name} ({interviews})").format(
            name=interviewer.name,
            interviews=counted("interview", count)), interviewer.id)


class PackageDialog(QDialog):
    """Which interviewer the package is for, and where it is saved."""

    def __init__(self, project: Project, folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Prepare a study package"))
        self.setMinimumWidth(620)
        self.folder = folder
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Prepare a study package"), 2))
        layout.addWidget(muted(_(
            "The package carries the study definition (guide, codebook, indicators, quotas) and, for the "
            "interviewer you choose, the participants to meet with their consents and interviews. Names and "
            "contact details never leave this computer.")))
        form = QFormLayout()
        self.interviewer = QComboBox()
        interviewer_choices(project, self.interviewer, _("Nobody: the study definition only"))
        form.addRow(_("For"), self.interviewer)
        where = QHBoxLayout()
        self.folder_label = wrapped(str(folder))
        change = QPushButton(_("Change…"))
        change.clicked.connect(self.choose_folder)
        where.addWidget(self.folder_label, 1)
        where.addWidget(change)
        form.addRow(_("Save in"), where)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Prepare the package"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def interviewer_id(self) -> str | None:
        return self.interviewer.currentData()

    def choose_interviewer(self, interviewer_id: str | None) -> None:
        self.interviewer.setCurrentIndex(max(self.interviewer.findData(interviewer_id), 0))

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _("Where to save the study package"), str(self.folder))
        if chosen:
            self.folder = Path(chosen)
            self.folder_label.setText(chosen)


class RegisterDeviceDialog(QDialog):
    """Who wrote a bundle, with its fingerprint to compare against the one the laptop shows."""

    def __init__(self, project: Project, card: DeviceCard, bundle: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Register a field laptop"))
        self.setMinimumWidth(620)
        self.card = card
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Register a field laptop"), 2))
        layout.addWidget(wrapped(_("{file} was written by the laptop named {name}. Its fingerprint:").format(
            file=bundle.name, name=card.name or "?")))
        self.fingerprint = fingerprint_label(card.fingerprint, scale=1.8)
        layout.addWidget(self.fingerprint)
        layout.addWidget(muted(_(
            "Ask the person who uses this laptop to read the fingerprint shown in its Sync area, by phone for "
            "instance. Register the laptop only if the two are the same: otherwise this bundle does not come "
            "from their laptop.")))
        form = QFormLayout()
        self.interviewer = QComboBox()
        interviewer_choices(project, self.interviewer, _("Not linked to an interviewer"))
        form.addRow(_("Interviewer using it"), self.interviewer)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("The fingerprints match: register"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def interviewer_id(self) -> str | None:
        return self.interviewer.currentData()

    def choose_interviewer(self, interviewer_id: str | None) -> None:
        self.interviewer.setCurrentIndex(max(self.interviewer.findData(interviewer_id), 0))


def outcomes_html(outcomes: list[BundleOutcome]) -> str:
    """One paragraph per bundle: imported with its counts and where its receipt is, or refused and why."""
    paragraphs = []
    for outcome in outcomes:
        name = f"<b>{escape(outcome.path.name)}</b>"
        if outcome.ok:
            text = _("imported from {device}: {summary}.").format(device=outcome.device_name or "?",
                                                                  summary=summary(outcome.counts))
            lines = [f"✔ {name} — {escape(text)}"]
            if outcome.receipt is not None:
                lines.append(escape(_("Receipt for the laptop: {path}").format(path=outcome.receipt)))
            else:
                lines.append(escape(_("No receipt could be written: the laptop keeps its data until one reaches it.")))
        else:
            lines = [f"✘ {name} — {escape(_('refused: {reason}').format(reason=outcome.reason))}"]
            if outcome.quarantined is not None:
                lines.append(escape(_("A copy is kept in quarantine: {path}").format(path=outcome.quarantined)))
        paragraphs.append("<p>" + "<br>".join(lines) + "</p>")
    return "".join(paragraphs)


def outcomes_heading(outcomes: list[BundleOutcome]) -> str:
    imported = sum(outcome.ok for outcome in outcomes)
    refused = len(outcomes) - imported
    text = ngettext("{n} bundle imported", "{n} bundles imported", imported).format(n=imported)
    if refused:
        text += ", " + ngettext("{n} refused", "{n} refused", refused).format(n=refused)
    return text


class ImportResultDialog(QDialog):
    def __init__(self, outcomes: list[BundleOutcome], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Field bundles imported"))
        self.resize(760, 420)
        self.outcomes = outcomes
        layout = QVBoxLayout(self)
        self.heading = heading(outcomes_heading(outcomes), 2)
        layout.addWidget(self.heading)
        if any(not outcome.ok for outcome in outcomes):
            layout.addWidget(muted(_(
                "A refused bundle changed nothing in the project. It waits in the Quarantine tab, where it can be "
                "tried again once the cause is dealt with.")))
        self.browser = detail_browser()
        self.browser.setHtml(outcomes_html(outcomes))
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def text(self) -> str:
        return self.browser.toPlainText()


