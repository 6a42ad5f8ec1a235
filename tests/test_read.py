"""Reading: encodings, formats, folders and clear errors for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from hwgraph.errors import DecodeError, NotFoundError, UnsupportedError
from hwgraph.reading import html_main_text, iter_paths, read_source

TEXT = "2024年卫生健康工作要点\n一、加强党的建设\n（一）加强组织建设。落实“三会一课”。\n"


@pytest.mark.parametrize(
    "encoding,expected",
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gb18030", "gb18030"),
        ("gbk", "gb18030"),
        ("utf-16", "utf-16"),
    ],
)
def test_read_txt_encodings(tmp_path: Path, encoding: str, expected: str) -> None:
    p = tmp_path / "doc.txt"
    p.write_bytes(TEXT.encode(encoding))
    src = read_source(p)
    assert src.text == TEXT
    assert src.encoding == expected


@pytest.mark.parametrize(
    "name,data,error,words",
    [
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", DecodeError, "binary"),
        ("empty.txt", b"  \n ", DecodeError, "no text"),
        ("table.xls", b"whatever", UnsupportedError, "convert it"),
        ("broken.docx", b"not a zip", DecodeError, "re-save"),
        ("broken.pdf", b"%PDF-garbage", DecodeError, "PDF"),
    ],
)
def test_read_bad_input_names_file_and_fix(tmp_path: Path, name: str, data: bytes, error: type, words: str) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(error) as info:
        read_source(p)
    msg = str(info.value)
    assert msg.startswith(str(p)) and words in msg and "\n" not in msg


def test_read_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no such file"):
        read_source(tmp_path / "nope.txt")


def test_read_docx(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    for line in TEXT.splitlines():
        d.add_paragraph(line)
    p = tmp_path / "plan.docx"
    d.save(str(p))
    src = read_source(p)
    assert src.text.splitlines() == TEXT.splitlines()
    assert src.format.value == "docx"


def test_read_html_main_content(tmp_path: Path) -> None:
    html = (
        "<html><head><meta charset='gbk'><script>var x='一、不是正文'</script></head><body>"
        "<div class='nav'><a href='/'>首页</a> &gt; <a href='/news'>通知公告</a></div>"
        "<div id='content'><h1>2024年卫生健康工作要点</h1><p>一、加强党的建设</p>"
        "<p>（一）加强组织建设。落实“三会一课”制度，严格组织生活。</p></div>"
        "<footer>版权所有 某市卫生健康委员会</footer></body></html>"
    )
    p = tmp_path / "page.html"
    p.write_bytes(html.encode("gbk"))
    src = read_source(p)
    assert src.text.splitlines() == [
        "2024年卫生健康工作要点",
        "一、加强党的建设",
        "（一）加强组织建设。落实“三会一课”制度，严格组织生活。",
    ]
    assert "首页" not in html_main_text(html) and "版权所有" not in src.text


def test_read_folder_lists_readable_files_sorted(tmp_path: Path) -> None:
    for name in ("b.txt", "a.docx", "c.png", "sub/d.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    assert [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path])] == ["a.docx", "b.txt", "sub/d.html"]
