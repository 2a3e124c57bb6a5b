"""The coder profile: chosen or created in a form, remembered per project."""

from __future__ import annotations

from app.services import coders
from app.ui.coder_profile import CoderProfileForm
from app.ui.settings import Settings

from fixtures.small_study import build_small_study


def test_settings_remember_a_coder_per_project(tmp_path):
    settings = Settings(tmp_path / "settings.ini")
    first, second = tmp_path / "a.terrain", tmp_path / "b.terrain"
    assert settings.coder_for(first) == ""
    settings.set_coder_for(first, "Claire")
    settings.set_coder_for(second, "Yanis")
    again = Settings(tmp_path / "settings.ini")
    assert again.coder_for(first) == "Claire"
    assert again.coder_for(second) == "Yanis"
    assert again.coder_for(None) == ""


def test_choosing_an_existing_profile(qtbot, tmp_path):
    project = build_small_study(tmp_path / "s.terrain")
    names = [coder.name for coder in coders.coders(project)]
    form = CoderProfileForm(project, suggested=names[1])
    qtbot.addWidget(form)
    with qtbot.waitSignal(form.chosen) as signal:
        chosen = form.choose()
    assert chosen.name == names[1] == signal.args[0].name
    assert project.coders.count() == len(names)
    project.close()


def test_creating_a_profile_and_refusing_a_duplicate(qtbot, tmp_path):
    project = build_small_study(tmp_path / "s.terrain")
    existing = coders.coders(project)[0].name
    form = CoderProfileForm(project)
    qtbot.addWidget(form)
    form.new_button.setChecked(True)
    form.name_edit.setText(existing)
    assert form.choose() is None
    assert "existe déjà" in form.error.text()
    form.name_edit.setText("Inès Dubois")
    made = form.choose()
    assert made.initials == "ID"
    assert coders.coder_named(project, "Inès Dubois").id == made.id
    project.close()
