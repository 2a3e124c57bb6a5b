"""The background database writer: in order, on its own connection, failures reported, nothing lost."""

from __future__ import annotations

import threading
import time

import pytest

from app.core.coding import Memo
from app.store.errors import ProjectError
from app.ui.workers import DatabaseWriter


@pytest.fixture
def writer(project):
    writer = DatabaseWriter(project.path)
    yield writer
    writer.stop()


def memo(project, title: str) -> Memo:
    return Memo(study_id=project.study().id, target_kind="project", written_on="2025-06-03", title=title)


def titles(project) -> list[str]:
    return [row.title for row in project.memos.find("title LIKE 'n%'", order_by="rowid")]


def test_tasks_run_in_the_order_submitted_on_another_thread(qtbot, project, writer):
    seen_threads = set()
    done: list[tuple[int, object]] = []
    writer.done.connect(lambda token, result: done.append((token, result)))

    def write(number):
        def task(background):
            seen_threads.add(threading.get_ident())
            background.memos.insert(memo(background, f"n{number:02d}"))
            return number
        return task

    tokens = [writer.submit(write(number)) for number in range(20)]
    assert writer.wait_idle(10)
    assert [token for token, _result in done] == tokens
    assert [result for _token, result in done] == list(range(20))
    assert titles(project) == [f"n{number:02d}" for number in range(20)]  # the GUI connection sees them
    assert threading.get_ident() not in seen_threads and len(seen_threads) == 1


def test_a_failure_is_reported_rolled_back_and_the_next_tasks_still_run(qtbot, project, writer):
    failures: list[tuple[int, str]] = []
    writer.failed.connect(lambda token, message: failures.append((token, message)))
    called_back: list[str] = []

    def half_then_refuse(background):
        with background.transaction():
            background.memos.insert(memo(background, "n-half"))
            raise ValueError("refused for a reason the person can read")

    def outside_a_transaction_then_fail(background):
        # Straight on the sqlite3 connection: an implicit transaction stays open until rolled back.
        background.db.conn.execute("INSERT INTO memo (id, study_id, target_kind, written_on, title, body, author, "
                              "created_at, updated_at) VALUES ('m-x', ?, 'project', '2025-01-01', 'n-loose', '', "
                              "'', '2025-01-01', '2025-01-01')", [background.study().id])
        raise RuntimeError("disk on fire")

    writer.submit(lambda background: background.memos.insert(memo(background, "n-before")))
    refused = writer.submit(half_then_refuse, on_failed=called_back.append)
    broken = writer.submit(outside_a_transaction_then_fail)
    writer.submit(lambda background: background.memos.insert(memo(background, "n-after")))
    assert writer.wait_idle(10)

    assert failures[0] == (refused, "refused for a reason the person can read")
    assert called_back == ["refused for a reason the person can read"]
    assert failures[1][0] == broken and "disk on fire" in failures[1][1]
    assert titles(project) == ["n-before", "n-after"]  # nothing half-written, nothing lost


def test_a_missing_record_is_a_failure_with_its_message(qtbot, project, writer):
    failures = []
    writer.submit(lambda background: background.codings.get("no-such-id"), on_failed=failures.append)
    assert writer.wait_idle(10)
    assert len(failures) == 1 and "no-such-id" in failures[0]


def test_reads_on_the_gui_connection_see_each_write_once_done(qtbot, project, writer):
    seen = []
    before = project.memos.count()
    for number in range(5):
        # The writer may already be further on when a result arrives: each write is seen, at least.
        writer.submit(lambda background, n=number: background.memos.insert(memo(background, f"n{n}")),
                      on_done=lambda written: seen.append((project.memos.get(written.id).title,
                                                           project.memos.count())))
    assert writer.wait_idle(10)
    assert [title for title, _count in seen] == ["n0", "n1", "n2", "n3", "n4"]
    assert all(count >= before + number + 1 for number, (_title, count) in enumerate(seen))
    assert project.memos.count() == before + 5


def test_wait_idle_gives_up_after_its_timeout_and_the_work_still_completes(qtbot, project, writer):
    writer.submit(lambda background: time.sleep(0.4))
    assert writer.pending() == 1
    assert writer.wait_idle(0.05) is False
    assert writer.wait_idle(10) is True
    assert writer.is_idle()


def test_idle_is_signalled_when_the_queue_empties(qtbot, project, writer):
    with qtbot.waitSignal(writer.idle, timeout=5000):
        writer.submit(lambda background: background.memos.count())


def test_stop_finishes_the_queue_then_refuses_more_work(qtbot, project):
    writer = DatabaseWriter(project.path)
    writer.submit(lambda background: (time.sleep(0.1), background.memos.insert(memo(background, "n-last"))))
    writer.stop()
    assert titles(project) == ["n-last"]
    assert not writer._thread.is_alive()
    with pytest.raises(RuntimeError):
        writer.submit(lambda background: None)
    writer.stop()  # a second stop is harmless


def test_a_file_that_cannot_be_opened_is_refused_at_once(qtbot, tmp_path):
    with pytest.raises(ProjectError):
        DatabaseWriter(tmp_path / "missing.terrain")
