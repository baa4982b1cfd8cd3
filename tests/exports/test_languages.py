"""Printed in the group's languages: every fixed word from the catalogues, a bilingual group's
main language first, each run marked with its language, and HTML and Markdown saying the same."""

from __future__ import annotations

from datetime import date, datetime, time
from html.parser import HTMLParser

import pytest

from facilitator import outputs
from facilitator.core.documents import (
    Document,
    DoorSign,
    Heading,
    Paragraph,
    Title,
    door_sign_document,
    handout_document,
    signin_document,
)
from facilitator.core.model import Resource, ResourceKind
from facilitator.core.schedule import parse_recurrence
from facilitator.exports.catalogues import wording
from facilitator.exports.html import render_html
from facilitator.exports.markdown import render_markdown

RARE_ROOTS = "Rare Roots Family Group 罕见病家庭互助会"
BILINGUAL = wording(("en", "zh-Hans"))


class _Runs(HTMLParser):
    """Each element's text with the language it is in (inherited from its ancestors)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.runs: list[tuple[str, str]] = []  # (language, text)
        self.links: list[tuple[str, str]] = []  # (href, text)
        self._href: str | None = None

    def handle_starttag(self, tag, attrs) -> None:
        found = dict(attrs)
        if tag in ("br", "col", "meta"):
            return
        self.stack.append(found.get("lang") or (self.stack[-1] if self.stack else ""))
        if tag == "a":
            self._href = found.get("href")

    def handle_endtag(self, tag) -> None:
        if tag in ("br", "col", "meta"):
            return
        self.stack.pop()
        if tag == "a":
            self._href = None

    def handle_data(self, data) -> None:
        if data.strip() and self.stack:
            self.runs.append((self.stack[-1], data))
        if self._href is not None:
            self.links.append((self._href, data))


def runs_of(page: str) -> _Runs:
    parser = _Runs()
    parser.feed(page)
    return parser


def language_of(parser: _Runs, text: str) -> str:
    return next(language for language, data in parser.runs if data == text)


def rare_roots_agenda(store, fmt: str) -> str:
    group = store.groups.by_name(RARE_ROOTS)
    occurrence = store.documents.session_on(group, date(2026, 12, 5))
    return outputs.agenda(store, group, occurrence, outputs.Layout(fmt)).data.decode("utf-8")


def test_a_bilingual_groups_agenda_says_each_heading_in_both_languages_main_first(demo_store):
    group = demo_store.groups.by_name(RARE_ROOTS)
    occurrence = demo_store.documents.session_on(group, date(2026, 12, 5))
    doc = demo_store.documents.agenda(group, occurrence, wording(group.languages))
    headings = [(b.text, b.lang) for b in doc.blocks if isinstance(b, Heading)]
    assert headings[:2] == [("Agenda", ""), ("议程", "zh-Hans")]
    assert ("求助热线", "zh-Hans") in headings
    assert doc.language == "en" and doc.languages == ("en", "zh-Hans")


def test_a_bilingual_agendas_labels_and_column_headers_carry_both_languages(demo_store):
    page = rare_roots_agenda(demo_store, "md")
    assert "**When / 时间:**" in page
    assert "| Time / 时间 | Segment / 环节 | Read aloud / 朗读内容 |" in page


def test_an_english_groups_agenda_has_no_chinese_words(demo_store):
    group = demo_store.groups.by_name("Thyroid Cancer Peer Circle")
    occurrence = demo_store.documents.session_on(group, date(2026, 12, 8))
    doc = demo_store.documents.agenda(group, occurrence, wording(group.languages))
    assert doc.languages == ("en",)
    assert not any("议程" in text or "时间" in text for text in doc.texts())


def test_the_html_agenda_marks_the_chinese_runs_as_chinese(demo_store):
    page = rare_roots_agenda(demo_store, "html")
    assert '<html lang="en">' in page
    parser = runs_of(page)
    assert language_of(parser, "议程") == "zh-Hans"
    assert language_of(parser, "求助热线") == "zh-Hans"
    assert language_of(parser, "Agenda") == "en"


def test_each_half_of_a_bilingual_label_is_marked_in_its_own_language(demo_store):
    parser = runs_of(rare_roots_agenda(demo_store, "html"))
    assert language_of(parser, "时间") == "zh-Hans"  # "Time / 时间", a column header
    assert language_of(parser, "地点") == "zh-Hans"  # "Where / 地点", a label
    assert language_of(parser, "Where / ") == "en"


def test_a_chinese_first_groups_document_is_chinese_with_english_runs_marked():
    doc = handout_document([], wording(("zh-Hans", "en")))
    assert doc.language == "zh-Hans"
    titles = [(b.text, b.lang) for b in doc.blocks if isinstance(b, Title)]
    assert titles == [("获取支持的地方", ""), ("Where to find support", "en")]
    parser = runs_of(render_html(doc))
    assert language_of(parser, "获取支持的地方") == "zh-Hans"
    assert language_of(parser, "Where to find support") == "en"


def test_the_door_sign_says_it_is_cancelled_in_each_language():
    sign = DoorSign("Roots", cancelled=True, was="Saturday 5 December 2026, 14:00")
    doc = door_sign_document(sign, BILINGUAL)
    said = [(b.text, b.lang) for b in doc.blocks if isinstance(b, Title)]
    assert said == [("This session is cancelled", ""), ("本次活动已取消", "zh-Hans")]


def test_sign_in_slips_and_sheets_word_their_labels_in_each_language():
    start = datetime(2026, 12, 5, 14, 0)
    sheet = render_markdown(signin_document("Roots", start, words=BILINGUAL))
    assert "| First name or alias / 名字或称呼 | First time? / 第一次？ |" in sheet
    slips = render_html(signin_document("Roots", start, slips=True, lines=1, words=BILINGUAL))
    assert "这是我第一次参加" in slips and "名字或称呼" in slips


def test_the_privacy_notice_is_in_every_language_the_groups_print_in(demo_store):
    text = outputs.privacy_notice(demo_store, outputs.Layout("md")).data.decode()
    assert "# How this group keeps your information" in text
    assert "# 本小组如何保存您的信息" in text


def test_html_and_markdown_say_the_same_words(demo_store):
    html_words = "".join(data for _, data in runs_of(rare_roots_agenda(demo_store, "html")).runs)
    markdown = rare_roots_agenda(demo_store, "md")
    for said in ("议程", "求助热线", "朗读内容", "Help lines", "Where / 地点"):
        assert said in html_words and said in markdown


def test_html_makes_web_addresses_links(demo_store):
    page = rare_roots_agenda(demo_store, "html")
    links = runs_of(page).links
    assert ("https://chinese-care.example.org", "https://chinese-care.example.org") in links


def test_markdown_makes_web_addresses_autolinks(demo_store):
    assert "<https://chinese-care.example.org>" in rare_roots_agenda(demo_store, "md")


LINK_IN_TEXT = "See https://a.example.org/x_y?q=1&r=2. <b>not bold</b>"


def test_a_link_in_html_is_escaped_and_ends_before_a_sentences_full_stop():
    page = render_html(Document("t", (Paragraph(LINK_IN_TEXT),)))
    address = "https://a.example.org/x_y?q=1&r=2"
    assert runs_of(page).links == [(address, address)]
    assert 'href="https://a.example.org/x_y?q=1&amp;r=2"' in page
    assert "<b>" not in page and "&lt;b&gt;not bold&lt;/b&gt;" in page


@pytest.mark.parametrize("address", ["javascript:alert(1)", "ftp://files.example.org/a"])
def test_only_web_addresses_become_links(address):
    doc = Document("t", (Paragraph(f"see {address}"),))
    assert runs_of(render_html(doc)).links == []
    assert f"<{address}>" not in render_markdown(doc)


def test_a_markdown_autolink_keeps_the_address_as_typed_and_escapes_the_rest():
    doc = Document("t", (Paragraph("*call* https://a.example.org/x_y*z then"),))
    assert render_markdown(doc).strip() == r"\*call\* <https://a.example.org/x_y*z> then"


def test_the_html_footer_uses_the_documents_font():
    page = render_html(handout_document([]))
    footer = page[page.index("@bottom-center") : page.index("}", page.index("@bottom-center"))]
    assert '"Doc Sans", "Doc Sans SC"' in footer


def resource(title: str, *categories: str) -> Resource:
    return Resource(
        id=title,
        title=title,
        kind=ResourceKind.WEBSITE,
        url="https://x.example.org",
        categories=categories,
    )


def test_each_resource_is_printed_once_under_its_first_category_with_the_others_beside_it():
    doc = handout_document([resource("Forum", "rare disease", "family", "online community")])
    entries = [b for b in doc.blocks if b.__class__.__name__ == "Entry"]
    assert len(entries) == 1
    assert "Also under: Family, Online community" in entries[0].lines
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert headings == ["Rare disease"]


def test_categories_differing_only_in_case_are_one_category():
    doc = handout_document([resource("A", "Cancer"), resource("B", "cancer")])
    assert [b.text for b in doc.blocks if isinstance(b, Heading)] == ["Cancer"]


def test_the_demos_handout_sheet_prints_each_resource_once(demo_store):
    text = outputs.handouts(demo_store, outputs.Layout("md")).data.decode()
    for title in ("Northfield Cancer Support Line", "Rare Family Online Community"):
        assert text.count(f"**{title}**") == 1


def test_a_bilingual_agenda_keeps_a_help_line_in_each_language_when_the_list_is_full(store):
    for n in range(6):
        store.resources.add(title=f"Line {n}", kind="hotline", phone=f"01632 96000{n}")
    store.resources.add(title="华语关怀热线", kind="hotline", phone="01632 960009", language="zh")
    group = store.groups.create(name="Roots", timezone="UTC", languages="en, zh-Hans")
    store.schedule.add_series(
        group.id, parse_recurrence("weekly on sat"), date(2026, 11, 28), time(14, 0), 90
    )
    occurrence = store.documents.session_on(group, date(2026, 11, 28))
    help_lines = store.documents.agenda_facts(group, occurrence).help_lines
    assert [r.title for r in help_lines] == ["Line 0", "Line 1", "Line 2", "Line 3", "华语关怀热线"]
