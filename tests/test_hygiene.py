"""The test suite leaves the project's own data alone: no test writes into
``data/curation.yaml`` or creates ``data/cache``.

``conftest.py`` checks it around every test (and for the whole run); these tests
check that the check itself sees such a write.
"""

from __future__ import annotations

from conftest import ROOT, changed_paths, project_data_state


def test_the_check_sees_a_curation_file_written(tmp_path):
    (tmp_path / "data").mkdir()
    before = project_data_state(tmp_path)
    (tmp_path / "data" / "curation.yaml").write_text("version: 1\nactions: []\n")
    assert changed_paths(before, project_data_state(tmp_path)) == ["data/curation.yaml"]


def test_the_check_sees_a_cache_created_or_changed(tmp_path):
    before = project_data_state(tmp_path)
    cache = tmp_path / "data" / "cache"
    cache.mkdir(parents=True)
    (cache / "extractions.sqlite").write_bytes(b"x")
    created = project_data_state(tmp_path)
    assert changed_paths(before, created) == ["data/cache", "data/cache/extractions.sqlite"]
    (cache / "extractions.sqlite").write_bytes(b"xy")
    assert changed_paths(created, project_data_state(tmp_path)) == ["data/cache/extractions.sqlite"]


def test_the_project_has_its_curation_file_and_no_cache_of_the_tests():
    state = project_data_state(ROOT)
    assert state["data/curation.yaml"] is not None
    assert changed_paths(state, project_data_state(ROOT)) == []
