"""The attendance CSV reads right in a spreadsheet, and says what it hides."""

from __future__ import annotations

import csv
import io

from facilitator import outputs
from tests.conftest import FROZEN_NOW

RARE = "Rare Roots Family Group 罕见病家庭互助会"


def test_the_attendance_csv_starts_with_a_byte_order_mark_so_excel_reads_it_as_utf8(demo_store):
    for named in (False, True):
        group = demo_store.groups.by_name(RARE if not named else "Caring Together")
        data = outputs.attendance(demo_store, group, FROZEN_NOW, named=named).data
        assert data.startswith(b"\xef\xbb\xbf")
        assert data.decode("utf-8-sig").splitlines()[0].startswith("group,")
    counts = outputs.attendance(demo_store, None, FROZEN_NOW).data.decode("utf-8-sig")
    assert RARE in [row[0] for row in csv.reader(io.StringIO(counts))]


def test_the_attendance_csv_says_what_it_hides_as_the_privacy_notice_does(demo_store):
    csv_text = outputs.attendance(demo_store, None, FROZEN_NOW).data.decode("utf-8-sig")
    [note] = list(csv.reader(io.StringIO(csv_text)))[-1]
    assert note.startswith("Counts from 1 to 4 are hidden")  # k is 5
    notice = outputs.privacy_notice(demo_store, outputs.Layout("md")).data.decode()
    assert note.replace(" ", "") in notice.replace("\n", "").replace(" ", "")
    demo_store.settings.set("k", "7")
    csv_text = outputs.attendance(demo_store, None, FROZEN_NOW).data.decode("utf-8-sig")
    assert "Counts from 1 to 6 are hidden" in csv_text
