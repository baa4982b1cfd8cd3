"""Keep the printed documents' gettext catalogues in step with the code.

    python scripts/catalogues.py            # extract the .pot, update every .po, compile .mo
    python scripts/catalogues.py --check    # exit 1 when the .pot or a .mo is out of date

The messages are the English strings the builders in facilitator/core pass to a Wording
(words.both, words.each, words.main_text, _each) and the agenda's placeholder words in
facilitator/store/documents.py. A new language is one more .po file: see the README.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "facilitator" / "exports" / "locale"
POT = LOCALE / "facilitator.pot"
SOURCES = [ROOT / "facilitator" / "core", ROOT / "facilitator" / "store" / "documents.py"]
KEYWORDS = ["-k", "both", "-k", "each", "-k", "main_text", "-k", "_each:3"]


def pybabel(*args: str) -> None:
    command = [sys.executable, "-m", "babel.messages.frontend", *args]
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)


def extract(target: Path) -> None:
    sources = [str(source.relative_to(ROOT)) for source in SOURCES]
    options = ["--no-default-keywords", *KEYWORDS, "--no-location", "--omit-header"]
    pybabel("extract", *options, "--sort-output", "-o", str(target), *sources)


def messages(path: Path) -> set[str]:
    """The message ids of a template (compared as a set: Babel versions wrap lines apart)."""
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return {message.id for message in read_po(handle) if message.id}


def main() -> int:
    if "--check" in sys.argv:
        with tempfile.TemporaryDirectory() as folder:
            fresh = Path(folder) / "fresh.pot"
            extract(fresh)
            missing, stale = messages(fresh) - messages(POT), messages(POT) - messages(fresh)
            if missing or stale:
                print(f"{POT} is out of date: run python scripts/catalogues.py")
                print(f"  new in the code: {sorted(missing)}\n  gone from it: {sorted(stale)}")
                return 1
        return 0
    extract(POT)
    pybabel("update", "-i", str(POT), "-d", str(LOCALE), "-D", "facilitator", "--no-fuzzy-matching")
    pybabel("compile", "-d", str(LOCALE), "-D", "facilitator", "--statistics")
    return 0


if __name__ == "__main__":
    sys.exit(main())
