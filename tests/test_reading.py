"""Reading real files: encodings that fool naive decoders, non-regular paths, Word and PDF edge cases."""

from __future__ import annotations

import io
import os
import shutil
import socket
import struct
from pathlib import Path

import pytest

from hwgraph.errors import DecodeError, InputError, UnsupportedError
from hwgraph.reading import decode_bytes, read_source
from hwgraph.reading._doc import word97_text
from hwgraph.reading._pdf import read_pdf, unify_cjk

DATA = Path(__file__).resolve().parent / "data"
SIMPLIFIED = "2024年卫生健康工作要点\n一、加强党的建设\n（一）加强组织建设。落实“三会一课”制度，开展主题党日活动。\n"
TRADITIONAL = (
    "衛生福利部2024年工作要點\n一、強化基層醫療服務體系\n"
    "（一）推動家庭醫師整合照護計畫，提升民眾就醫便利性與醫療品質。\n"
    "（二）加強長期照顧服務，擴大社區照顧關懷據點，落實預防及延緩失能。\n"
)


# ---- encodings ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,codec,expected",
    [
        (SIMPLIFIED, "utf-8", "utf-8"),
        (SIMPLIFIED, "gbk", "gb18030"),
        (SIMPLIFIED, "utf-16-le", "utf-16-le"),  # no byte-order mark
        (SIMPLIFIED, "utf-16-be", "utf-16-be"),
        (TRADITIONAL, "big5", "big5"),  # GB18030 also "decodes" these bytes, into nonsense
        (TRADITIONAL, "utf-16-le", "utf-16-le"),
    ],
)
def test_reading_decode_recognises_encoding(text: str, codec: str, expected: str) -> None:
    assert decode_bytes(text.encode(codec)) == (text, expected)


def test_reading_big5_is_not_gb18030_garbage() -> None:
    data = TRADITIONAL.encode("big5")
    assert data.decode("gb18030") != TRADITIONAL  # the trap: GB18030 accepts the bytes
    text, encoding = decode_bytes(data)
    assert encoding == "big5" and "醫療" in text


@pytest.mark.parametrize(
    "data,words",
    [
        (SIMPLIFIED.encode("utf-8") + "二、深化医改".encode("gbk") * 20, "no known Chinese encoding"),  # two encodings mixed
        (bytes(range(0x80, 0x100)) * 8, "no known Chinese encoding"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01", "binary"),
    ],
)
def test_reading_undecodable_text_is_one_line_error(data: bytes, words: str) -> None:
    with pytest.raises(DecodeError) as info:
        decode_bytes(data, "plan.txt")
    assert str(info.value).startswith("plan.txt: ") and words in str(info.value) and "\n" not in str(info.value)


def test_reading_utf8_cut_inside_last_character_keeps_the_rest() -> None:
    data = SIMPLIFIED.encode("utf-8") + "医".encode()[:2]
    assert decode_bytes(data) == (SIMPLIFIED, "utf-8")


def test_reading_html_declared_charset_is_used(tmp_path: Path) -> None:
    page = "<html><head><meta charset='big5'></head><body><h1>衛生福利部2024年工作要點</h1><p>一、強化基層醫療服務體系</p></body></html>"
    p = tmp_path / "page.htm"
    p.write_bytes(page.encode("big5"))
    src = read_source(p)
    assert src.encoding == "big5" and src.text.splitlines() == ["衛生福利部2024年工作要點", "一、強化基層醫療服務體系"]


# ---- paths that are not regular files, and other bad input ---------------------------------------


def test_reading_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(UnsupportedError, match="not a regular file"):
        read_source(fifo)  # opening a FIFO with no writer would block forever


def test_reading_refuses_a_socket(tmp_path: Path) -> None:
    path = tmp_path / "sock.txt"
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.bind(str(path))
        with pytest.raises(UnsupportedError, match="not a regular file"):
            read_source(path)
    finally:
        s.close()


def test_reading_refuses_a_device() -> None:
    with pytest.raises(UnsupportedError, match="not a regular file"):
        read_source("/dev/null")


def test_reading_permission_denied_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "plan.txt"
    p.write_text(SIMPLIFIED, encoding="utf-8")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)  # root reads anything: simulate the refusal
    with pytest.raises(InputError, match=r"permission denied\); check its permissions"):
        read_source(p)


@pytest.mark.parametrize(
    "name,data,error,words",
    [
        ("notes.rtf", b"{\\rtf1 text}", UnsupportedError, "unsupported file type '.rtf'"),
        ("plan.doc", b"{\\rtf1\\ansi text}", UnsupportedError, "RTF file with a Word name"),
        ("plan.doc", b"just some bytes that are no Word file", DecodeError, "not a Word 97-2003 file"),
        ("plan.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, DecodeError, "damaged container"),
    ],
)
def test_reading_bad_files_name_file_and_fix(tmp_path: Path, name: str, data: bytes, error: type, words: str) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(error) as info:
        read_source(p)
    msg = str(info.value)
    assert msg.startswith(str(p)) and words in msg and "\n" not in msg and "; " in msg


def test_reading_doc_named_web_page_is_read_as_html(tmp_path: Path) -> None:
    p = tmp_path / "plan.doc"  # Word's "save as web page" with the old name, common on government sites
    p.write_bytes("<html><body><h1>2024年工作要点</h1><p>一、加强党的建设</p></body></html>".encode("gbk"))
    src = read_source(p)
    assert src.format.value == "html" and src.text.splitlines() == ["2024年工作要点", "一、加强党的建设"]


# ---- DOCX -------------------------------------------------------------------------------------------


def _docx(build) -> bytes:
    import docx

    d = docx.Document()
    build(d)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_reading_docx_keeps_tables_where_they_stand(tmp_path: Path) -> None:
    def build(d) -> None:
        d.add_paragraph("某县卫生健康局职责清单")
        d.add_paragraph("一、主要职责")
        t = d.add_table(rows=2, cols=2)
        for row, (a, b) in zip(t.rows, [("部门", "职责"), ("医政股", "负责医疗机构监督管理。")], strict=True):
            row.cells[0].text, row.cells[1].text = a, b
        d.add_paragraph("二、内设机构")

    p = tmp_path / "duties.docx"
    p.write_bytes(_docx(build))
    assert read_source(p).text.splitlines() == [
        "某县卫生健康局职责清单", "一、主要职责", "部门\t职责", "医政股\t负责医疗机构监督管理。", "二、内设机构",
    ]


def test_reading_docx_of_one_table_is_not_empty(tmp_path: Path) -> None:
    def build(d) -> None:
        body = d.element.body
        body.remove(body[0]) if len(body) and body[0].tag.endswith("}p") else None
        t = d.add_table(rows=3, cols=2)
        rows = [("部门", "职责"), ("疾控科", "负责传染病防控。"), ("", "负责免疫规划。")]
        for row, (a, b) in zip(t.rows, rows, strict=True):
            row.cells[0].text, row.cells[1].text = a, b
        t.cell(1, 0).merge(t.cell(2, 0))  # 疾控科 spans two rows: its name is given once

    p = tmp_path / "table.docx"
    p.write_bytes(_docx(build))
    lines = read_source(p).text.splitlines()
    assert lines == ["部门\t职责", "疾控科\t负责传染病防控。", "\t负责免疫规划。"]


def test_reading_docx_with_broken_relationship_falls_back_to_xml(tmp_path: Path) -> None:
    import zipfile

    good = _docx(lambda d: [d.add_paragraph(line) for line in SIMPLIFIED.splitlines()])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/_rels/document.xml.rels":  # a part Word ignores, python-docx cannot
                data = data.replace(b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="NULL"/></Relationships>')
            zout.writestr(item, data)
    p = tmp_path / "broken.docx"
    p.write_bytes(out.getvalue())
    src = read_source(p)
    assert src.encoding == "docx-xml" and src.text.splitlines() == SIMPLIFIED.splitlines()


# ---- DOC (Word 97-2003) -----------------------------------------------------------------------------

PLAN_2024 = """某县卫生健康局2024年工作要点
为深入推进健康某县建设，不断提升人民群众健康水平，现提出2024年全县卫生健康工作要点如下。
一、加强党的建设
（一）落实全面从严治党主体责任。严格执行“三会一课”制度，开展主题党日活动12次。
（二）加强干部队伍建设。举办业务培训班4期，培训基层卫生人员300人次。
二、深化医药卫生体制改革
（一）推进紧密型县域医共体建设。以县人民医院为龙头，整合乡镇卫生院和村卫生室资源，实现“县乡一体、乡村一体”。
（二）完善分级诊疗制度。县域内就诊率达到90%以上，基层首诊率达到65%。
1.做实家庭医生签约服务，重点人群签约率不低于75%。
2.推广“互联网+医疗健康”，远程会诊覆盖全部乡镇卫生院。
三、提升公共卫生服务能力
（一）做好传染病防控。落实“四早”要求，报告及时率100%。
（二）加强妇幼健康服务。孕产妇系统管理率达到90%，儿童健康管理率达到92%。
附件：重点任务分工表
序号\t重点任务\t责任单位
1\t推进紧密型县域医共体建设\t医政医管股、县人民医院
2\t做好传染病防控\t疾控中心
3\t加强妇幼健康服务\t妇幼保健院
某县卫生健康局办公室2024年1月15日印发"""


@pytest.mark.parametrize(
    "name,lines",
    [
        ("plan-2024.doc", PLAN_2024.splitlines()),
        (
            "duties-table.doc",
            [
                "关于印发某市卫生健康委员会职责清单的通知",
                "详见市卫生健康委门户网站政务公开栏目。",  # the HYPERLINK field code is gone, its text stays
                "部门\t职责",
                "医政医管处\t拟订医疗机构管理制度。",
                "\t监督指导医疗质量安全。",  # merged cell given once
                "疾病预防控制处\t拟订传染病防控规划。 组织开展免疫规划工作。",
                "Health Commission – “Work Plan” ‰ Ž",
            ],
        ),
    ],
)
def test_reading_doc_piece_table(name: str, lines: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)  # the pure-Python reader, not LibreOffice
    src = read_source(DATA / name)
    assert src.format.value == "doc" and src.encoding == "doc"
    assert src.text.splitlines() == lines


def _word97(text: bytes, compressed: bool, flags: int = 0) -> tuple[bytes, bytes]:
    """A minimal WordDocument stream and table stream holding ``text`` in one piece."""
    word = bytearray(2048)
    struct.pack_into("<HHH", word, 0, 0xA5EC, 0x00C1, 0)
    struct.pack_into("<H", word, 0x0A, flags)
    struct.pack_into("<H", word, 32, 14)  # csw
    struct.pack_into("<H", word, 62, 22)  # cslw
    n = len(text) if compressed else len(text) // 2
    struct.pack_into("<i", word, 64 + 12, n)  # ccpText
    struct.pack_into("<H", word, 152, 93)  # cbRgFcLcb
    word[1024 : 1024 + len(text)] = text
    fc = (1024 * 2) | 0x40000000 if compressed else 1024
    plc = struct.pack("<II", 0, n) + struct.pack("<HIH", 0, fc, 0)
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    struct.pack_into("<II", word, 154 + 33 * 8, 0, len(clx))  # fcClx, lcbClx
    return bytes(word), clx


@pytest.mark.parametrize(
    "raw,compressed,expected",
    [
        (b"Work plan\r\x93Primary care\x94 \x96 2024\x85\r", True, "Work plan\n“Primary care” – 2024…"),
        (b"Page \x13 PAGE \x141\x15 of 3\r", True, "Page 1 of 3"),  # a field keeps its result
        ("一、加强党的建设\r（一）落实\x0b责任\r".encode("utf-16-le"), False, "一、加强党的建设\n（一）落实\n责任"),
    ],
)
def test_reading_word97_pieces(raw: bytes, compressed: bool, expected: str) -> None:
    assert word97_text(*_word97(raw, compressed)) == expected


def test_reading_encrypted_doc_says_so(tmp_path: Path) -> None:
    import olefile

    src = (DATA / "plan-2024.doc").read_bytes()
    ole = olefile.OleFileIO(io.BytesIO(src))
    offset = ole.openstream("WordDocument").read()  # find the stream in the file to flip fEncrypted
    ole.close()
    at = src.index(offset[:512])
    data = bytearray(src)
    data[at + 0x0B] |= 0x01  # the high byte of the flags word at 0x0A: 0x0100 is fEncrypted
    p = tmp_path / "secret.doc"
    p.write_bytes(bytes(data))
    with pytest.raises(DecodeError, match=r"encrypted.*password"):
        read_source(p)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_reading_doc_through_libreoffice() -> None:
    from hwgraph.reading._doc import _soffice_text

    text = _soffice_text((DATA / "plan-2024.doc").read_bytes(), "plan-2024.doc")
    assert text is not None and text.splitlines()[:4] == PLAN_2024.splitlines()[:4]


# ---- PDF --------------------------------------------------------------------------------------------


def _pdf(pages: list[list[tuple[float, float, str]]], encrypt: str | None = None, size: int = 12) -> bytes:
    """A PDF drawn with reportlab's built-in Chinese CID font; each page a list of (x, y, text)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, encrypt=encrypt)
    for page in pages:
        c.setFont("STSong-Light", size)
        for x, y, text in page:
            c.drawString(x, y, text)
        c.showPage()
    c.save()
    return out.getvalue()


def test_reading_pdf_rejoins_wrapped_lines_and_keeps_paragraphs() -> None:
    paragraphs = [
        "（一）落实全面从严治党主体责任。严格执行三会一课制度，开展主题党日活动，推进党支部标准化规范化建设，"
        "提升基层党组织组织力和政治功能，发挥党员先锋模范作用。",
        "（二）加强干部队伍建设。举办业务培训班四期，培训基层卫生人员三百人次，提高干部队伍专业化水平。",
    ]
    lines, y = [(72, 780, "一、加强党的建设")], 780
    for para in paragraphs:  # set as a word processor does: 30 hanzi a line, the first indented by two
        rest, first = para, True
        while rest:
            width = 28 if first else 30
            y -= 18
            lines.append((96 if first else 72, y, rest[:width]))
            rest, first = rest[width:], False
    text = read_pdf(_pdf([lines]), "plan.pdf")
    assert text.splitlines() == ["一、加强党的建设", *paragraphs]


def test_reading_pdf_pages_are_joined_by_form_feed() -> None:
    text = read_pdf(_pdf([[(72, 780, "第一页：一、总体要求")], [(72, 780, "第二页：二、重点任务")]]), "two.pdf")
    assert text == "第一页：一、总体要求\n\f第二页：二、重点任务"


def test_reading_encrypted_pdf_says_how_to_fix(tmp_path: Path) -> None:
    p = tmp_path / "secret.pdf"
    p.write_bytes(_pdf([[(72, 780, "内部资料")]], encrypt="secret"))
    with pytest.raises(DecodeError) as info:
        read_source(p)
    assert "encrypted (password-protected)" in str(info.value) and "unprotected copy" in str(info.value)


def test_reading_pdf_without_text_says_scanned(tmp_path: Path) -> None:
    p = tmp_path / "scan.pdf"
    p.write_bytes(_pdf([[]]))
    with pytest.raises(DecodeError, match=r"no text layer .a scanned PDF.*OCR"):
        read_source(p)


def _raw_pdf(content: str, font: str, extra: list[str]) -> bytes:
    """A one-page PDF from raw objects: catalog, pages, page, content, font ``5 0 R`` and ``extra``."""
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        font,
        *extra,
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_reading_pdf_text_layer(tmp_path: Path) -> None:
    ops = "BT /F1 12 Tf 72 720 Td 14 TL (Work plan 2024) Tj T* (1. Strengthen primary care.) Tj T* ET"
    p = tmp_path / "plan.pdf"
    p.write_bytes(_raw_pdf(ops, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", []))
    src = read_source(p)
    assert src.format.value == "pdf" and src.encoding == "pdf"
    assert src.text.splitlines() == ["Work plan 2024", "1. Strengthen primary care."]


_TYPE0 = "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+SimSun /Encoding /Identity-H /DescendantFonts [6 0 R]{tounicode} >>"
_CIDFONT = (
    "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+SimSun "
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 1000 >>"
)
# no /FontBBox: the descriptor pdfminer complains about once per glyph run ("Could not get FontBBox")
_DESCRIPTOR = "<< /Type /FontDescriptor /FontName /ABCDEF+SimSun /Flags 4 /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>"


def test_reading_pdf_with_cid_codes_only_is_refused_quietly(tmp_path: Path, capfd: pytest.CaptureFixture) -> None:
    codes = "".join(f"{0x0ECF + 97 * i:04X}" for i in range(30))
    content = f"BT /F1 12 Tf 72 720 Td <{codes}> Tj ET"
    p = tmp_path / "cid.pdf"
    p.write_bytes(_raw_pdf(content, _TYPE0.format(tounicode=""), [_CIDFONT, _DESCRIPTOR]))
    with pytest.raises(DecodeError) as info:
        read_source(p)
    assert str(info.value).startswith(str(p))
    assert "no usable text layer (cid codes" in str(info.value) and "OCR it" in str(info.value)
    out, err = capfd.readouterr()
    assert err == "" and out == ""


def test_reading_pdf_radical_look_alikes_become_ideographs(capfd: pytest.CaptureFixture) -> None:
    # a ToUnicode map that names Kangxi and supplement radicals, as Chromium's subset fonts do
    targets = "⼀⼯作⽣⻓⻔"  # 一 工 作 生 长 门 in look-alike form (作 is already unified)
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
        "1 begincodespacerange <0000> <FFFF> endcodespacerange "
        f"{len(targets)} beginbfchar "
        + " ".join(f"<{i + 1:04X}> <{ord(ch):04X}>" for i, ch in enumerate(targets))
        + " endbfchar endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    codes = "".join(f"{i + 1:04X}" for i in range(len(targets)))
    content = f"BT /F1 12 Tf 72 720 Td <{codes}> Tj ET"
    extra = [_CIDFONT, _DESCRIPTOR, f"<< /Length {len(cmap)} >>\nstream\n{cmap}\nendstream"]
    text = read_pdf(_raw_pdf(content, _TYPE0.format(tounicode=" /ToUnicode 8 0 R"), extra), "radicals.pdf")
    assert text == "一工作生长门"
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize(
    "text,expected",
    [
        ("⽣⼯⻚", "生工页"),  # Kangxi radicals U+2F63 U+2F2F, supplement U+2EDA
        ("⺠⻓⻔⻛", "民长门风"),  # CJK radicals supplement, mapped by Unicode's equivalence table
        ("\uf900\uf9a8", "豈令"),  # compatibility ideographs
        ("卫生健康", "卫生健康"),  # negatives: unified ideographs and punctuation stay
        ("（一）①１．", "（一）①１．"),
    ],
)
def test_reading_unify_cjk_maps_one_to_one(text: str, expected: str) -> None:
    assert unify_cjk(text) == expected and len(unify_cjk(text)) == len(text)
