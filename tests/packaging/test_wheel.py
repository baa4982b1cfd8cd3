"""The wheel a user installs carries everything the app needs: the demo's sample_data (kept at
the top of the repository) included."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("facilitator-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with only the wheel installed into it.

    Its dependencies are borrowed from the test environment through a .pth line (a plain path
    entry, so the editable install's finder there is not loaded): downloading them again would
    test the package index, not the wheel."""
    env = tmp_path_factory.mktemp("venv")
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
    )
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(site) / "borrowed_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return env


def test_the_wheel_ships_the_sample_data_inside_the_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for data in ("groups.toml", "templates.toml", "members.csv", "resources.csv", "history.toml"):
        assert f"facilitator/sample_data/{data}" in names


def test_the_wheel_ships_every_package_of_the_source_tree(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    packages = [p.relative_to(ROOT).as_posix() for p in (ROOT / "facilitator").rglob("__init__.py")]
    assert packages
    assert [p for p in packages if p not in names] == []


def test_the_wheel_ships_every_print_template_and_font(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    exports = ROOT / "facilitator" / "exports"
    shipped = [*(exports / "templates").glob("*.typ"), *(exports / "fonts").iterdir()]
    assert len(shipped) > 10
    assert [p.name for p in shipped if p.relative_to(ROOT).as_posix() not in names] == []


def test_the_installed_wheel_prints_an_agenda_pdf(installed, tmp_path):
    db = tmp_path / "demo.db"
    app = str(installed / "bin" / "facilitator")
    subprocess.run([app, "demo", "--no-open", "--db", str(db)], check=True, capture_output=True)
    out = tmp_path / "agenda.pdf"
    group = "Rare Roots Family Group 罕见病家庭互助会"
    result = subprocess.run(
        [app, "export", "agenda", "--db", str(db), "--group", group, "--next", "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")


def test_the_installed_wheel_builds_the_demo_from_its_own_files(installed, tmp_path):
    db = tmp_path / "demo.db"
    result = subprocess.run(
        [str(installed / "bin" / "facilitator"), "demo", "--no-open", "--db", str(db)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert db.stat().st_size > 0
    where = subprocess.run(
        [str(installed / "bin" / "python"), "-c", "import facilitator as f; print(f.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    ).stdout
    assert str(installed) in where


def test_the_demo_files_live_at_the_top_of_the_repository():
    assert (ROOT / "sample_data" / "groups.toml").is_file()
    assert not (ROOT / "facilitator" / "sample_data").exists()


def test_the_wheel_ships_every_languages_catalogue_source_and_compiled(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    locale = ROOT / "facilitator" / "exports" / "locale"
    shipped = [p.relative_to(ROOT).as_posix() for p in locale.rglob("*.[mp]o")]
    assert {"facilitator/exports/locale/zh_Hans/LC_MESSAGES/facilitator.mo"} <= set(shipped)
    assert [p for p in shipped if p not in names] == []
    assert "facilitator/exports/locale/facilitator.pot" in names
