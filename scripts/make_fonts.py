"""Make the static fonts shipped in facilitator/exports/fonts (run by hand, never at run time).

Sources (both OFL-1.1), fetched with `pip download --no-deps`:
  fontpkg-noto-sans 2.15     -> NotoSans[wdth,wght].ttf, instanced here to Regular and Bold
  pylopdf-fonts-zh-cn 0.1.1  -> NotoSansSC-Regular.otf, copied as it is
Variable fonts cost fpdf2 tens of seconds a document, so only static instances ship.
The copies are lean: fpdf2 does no text shaping, so layout tables (GSUB, GPOS, ...) and
hinting only cost parse and subset time at every export; they are dropped.
Also writes coverage.json: the code points each font covers, as [first, last] ranges, so an
export can tell whether it needs the 8 MB Chinese font before loading it.

usage: python scripts/make_fonts.py NOTO_VARIABLE_TTF NOTO_SC_OTF OUT_DIR
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import ttProgram
from fontTools.varLib.instancer import instantiateVariableFont

UNUSED_TABLES = (
    "GSUB", "GPOS", "GDEF", "BASE", "STAT", "DSIG", "VORG", "vhea", "vmtx",
    "fpgm", "prep", "cvt ", "gasp", "hdmx", "LTSH", "VDMX",
)  # fmt: skip


def _lean(font: TTFont) -> TTFont:
    for tag in UNUSED_TABLES:
        if tag in font:
            del font[tag]
    if "glyf" in font:
        for name in font.getGlyphOrder():
            glyph = font["glyf"][name]
            if hasattr(glyph, "program"):
                glyph.program = ttProgram.Program()
                glyph.program.fromBytecode(b"")
    return font


def _ranges(points: list[int]) -> list[list[int]]:
    ranges: list[list[int]] = []
    for point in sorted(points):
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return ranges


def _instance(source: Path, weight: int, style: str, out: Path) -> None:
    font = TTFont(source)
    static = instantiateVariableFont(font, {"wght": weight, "wdth": 100}, updateFontNames=False)
    names = static["name"]
    for record in names.names:
        if record.nameID in (2, 17):
            record.string = style
        elif record.nameID in (4,):
            record.string = f"Noto Sans {style}"
        elif record.nameID in (6,):
            record.string = f"NotoSans-{style}"
    _lean(static).save(out)


def main(variable: str, sc_otf: str, out_dir: str) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _instance(Path(variable), 400, "Regular", out / "NotoSans-Regular.ttf")
    _instance(Path(variable), 700, "Bold", out / "NotoSans-Bold.ttf")
    _lean(TTFont(sc_otf)).save(out / "NotoSansSC-Regular.otf")
    coverage = {
        name: _ranges(list(TTFont(out / name).getBestCmap()))
        for name in ("NotoSans-Regular.ttf", "NotoSansSC-Regular.otf")
    }
    (out / "coverage.json").write_text(json.dumps(coverage, separators=(",", ":")))


if __name__ == "__main__":
    main(*sys.argv[1:4])
