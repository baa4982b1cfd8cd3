"""Make the static fonts shipped in facilitator/exports/fonts (run by hand, never at run time).

Sources (all OFL-1.1); the first two fetched with `pip download --no-deps`:
  fontpkg-noto-sans 2.15     -> NotoSans[wdth,wght].ttf, instanced here to Regular and Bold
  pylopdf-fonts-zh-cn 0.1.1  -> NotoSansSC-Regular.otf, copied as it is
  Debian's fonts-noto-cjk    -> NotoSansCJK-Bold.ttc (apt-get install fonts-noto-cjk,
                                /usr/share/fonts/opentype/noto/): its Simplified Chinese face,
                                cut to the code points of NotoSansSC-Regular.otf, so Chinese is
                                bold where Latin is and both weights print the same characters
Only static instances ship: a variable font would be instanced at every export.
The copies are lean: layout tables (GSUB, GPOS, ...) and hinting only cost parse and subset
time at every export and change nothing in the scripts these documents print; they are dropped.
The Bold face is renamed "Noto Sans SC" Bold: a modified copy may not carry the OFL's reserved
name "Source", nor pretend to be the unmodified CJK collection.
Also writes coverage.json: the code points each font covers, as [first, last] ranges, so an
export can tell whether it needs the 8 MB Chinese font before loading it.

usage: python scripts/make_fonts.py NOTO_VARIABLE_TTF NOTO_SC_OTF NOTO_CJK_BOLD_TTC OUT_DIR
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont
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


SC_FACE = "NotoSansCJKsc-Bold"  # the collection's Simplified Chinese face, found by name
SC_BOLD_NAMES = {
    1: "Noto Sans SC",
    2: "Bold",
    3: "NotoSansSC-Bold;facilitator",
    4: "Noto Sans SC Bold",
    6: "NotoSansSC-Bold",
}


def sc_bold(collection: Path, regular: Path, out: Path) -> None:
    """The Simplified Chinese Bold face of the CJK collection, cut to the code points of the
    shipped Regular face and named as its Bold partner."""
    (font,) = [
        face for face in TTCollection(collection).fonts
        if face["name"].getDebugName(6) == SC_FACE
    ]  # fmt: skip
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=TTFont(regular).getBestCmap())
    subsetter.subset(font)
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (16, 17) or (record.nameID in SC_BOLD_NAMES and record.langID != 0x409):
            names.removeNames(nameID=record.nameID, langID=record.langID)
    for name_id, text in SC_BOLD_NAMES.items():
        names.setName(text, name_id, 3, 1, 0x409)
    font["CFF "].cff.fontNames = [SC_BOLD_NAMES[6]]
    top = font["CFF "].cff.topDictIndex[0]
    for key in ("FullName", "FamilyName"):
        if hasattr(top, key):
            setattr(top, key, SC_BOLD_NAMES[4] if key == "FullName" else SC_BOLD_NAMES[1])
    _lean(font).save(out)


def main(variable: str, sc_otf: str, cjk_bold_ttc: str, out_dir: str) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _instance(Path(variable), 400, "Regular", out / "NotoSans-Regular.ttf")
    _instance(Path(variable), 700, "Bold", out / "NotoSans-Bold.ttf")
    _lean(TTFont(sc_otf)).save(out / "NotoSansSC-Regular.otf")
    sc_bold(Path(cjk_bold_ttc), out / "NotoSansSC-Regular.otf", out / "NotoSansSC-Bold.otf")
    coverage = {
        name: _ranges(list(TTFont(out / name).getBestCmap()))
        for name in ("NotoSans-Regular.ttf", "NotoSansSC-Regular.otf")
    }
    (out / "coverage.json").write_text(json.dumps(coverage, separators=(",", ":")))


if __name__ == "__main__":
    main(*sys.argv[1:5])
