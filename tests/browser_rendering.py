"""The Seoul plan printed from a web page by Chromium: a PDF no Hancom export looks like.

The sample PDF is drawn by reportlab the way Hancom's PDF export draws (samples/build_samples.py):
rulings as stroked lines, each text line its own paragraph, tables broken by hand. A report
that a ministry posts as a web page, or a planner prints from a browser, is another kind of
PDF: Chromium (Skia) draws every cell border as a filled rectangle, lays out the text itself
(the lines wrap where the page width says, not where the text file broke them), breaks a long
table wherever the page ends and repeats its <thead> on the next page, and draws the box
around 주요 개선 사항 as a bordered block. `render_html` writes the builder's `layout` of the
committed text as such a page, and `print_pdf` prints it with headless Chromium.
"""

from __future__ import annotations

import html
import shutil
import subprocess
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser")

CSS = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: 'NanumGothic', 'Noto Sans CJK KR', sans-serif; font-size: 10.5pt;
       line-height: 1.45; }
h1 { font-size: 20pt; text-align: center; margin: 120pt 0 0; }
h2 { font-size: 15pt; break-before: page; margin: 0 0 8pt; }
h3 { font-size: 12.5pt; break-before: page; margin: 0 0 6pt; }
p { margin: 0 0 2pt; }
p.mark { font-weight: bold; margin-top: 6pt; }
div.box { border: 1.5px solid #333; border-radius: 6px; padding: 6pt 8pt; margin: 6pt 0; }
div.box p.title { font-weight: bold; text-align: center; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; font-size: 8.5pt; }
th, td { border: 1px solid #000; padding: 2pt 3pt; text-align: center; }
thead th { background: #e3e8f0; }
tr.total td { background: #f2f2f2; font-weight: bold; }
td.amount { text-align: right; }
"""


def _indent(text: str) -> str:
    spaces = len(text) - len(text.lstrip(" "))
    return f' style="padding-left: {spaces * 0.45:.2f}em"' if spaces else ""


def _line(b, text: str, css_class: str | None = None) -> str:
    shown = text.replace(b.HEADING_MARK, "□").strip()
    if css_class is None and text.strip().startswith(b.HEADING_MARK):
        css_class = "mark"
    if shown.startswith("m "):  # Hancom's symbol-font bullet, as the report prints it
        shown = "❍ " + shown[2:]
    attr = f' class="{css_class}"' if css_class else ""
    return f"<p{attr}{_indent(text)}>{html.escape(shown)}</p>"


def _table(b, item) -> str:
    grid = b.budget_grid(item.table, list(item.lines))
    covered: set[tuple[int, int]] = set()
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for (c0, r0), (c1, r1) in grid.spans:
        spans[(c0, r0)] = (c1 - c0 + 1, r1 - r0 + 1)
        covered |= {(c, r) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - {(c0, r0)}
    head, body = [], []
    for r, row in enumerate(grid.rows):
        cells = []
        for c, text in enumerate(row):
            if (c, r) in covered:
                continue
            cols, rows = spans.get((c, r), (1, 1))
            attrs = (f' colspan="{cols}"' if cols > 1 else "") + (
                f' rowspan="{rows}"' if rows > 1 else ""
            )
            tag = "th" if r < grid.header_rows else "td"
            if tag == "td" and 2 <= c <= 7 and text and text[-1:].isdigit():
                attrs += ' class="amount"'
            shown = html.escape(text or "").replace("\n", "<br>")
            cells.append(f"<{tag}{attrs}>{shown}</{tag}>")
        total = r >= len(grid.rows) - grid.total_rows
        line = ('<tr class="total">' if total else "<tr>") + "".join(cells) + "</tr>"
        (head if r < grid.header_rows else body).append(line)
    return "<table><thead>" + "".join(head) + "</thead><tbody>" + "".join(body) + "</tbody></table>"


# No font on this machine draws U+FF65 (HALFWIDTH KATAKANA MIDDLE DOT, the report's own dot):
# Chromium would print a missing-glyph box with no text behind it. The builder aliases a glyph
# for it; a web page would use the middle dot its fonts have, U+00B7 (one form to kplan).
SUBSTITUTES = str.maketrans({"\uff65": "\u00b7"})


def render_html(b, doc, facts) -> str:
    """The builder's layout of the report as one HTML page."""
    parts = []
    for item in b.layout(doc, facts):
        if item.kind == "cover":
            parts.append(f"<h1>{html.escape(item.text.strip())}</h1>")
        elif item.kind in ("chapter", "part"):
            parts.append(f"<h2>{html.escape(b.plain(item.text))}</h2>")
        elif item.kind == "section":
            parts.append(f"<h3>{html.escape(b.plain(item.text))}</h3>")
        elif item.kind == "table":
            parts.append(_table(b, item))
        elif item.kind == "box":
            inner = [
                _line(b, child.text, "title" if child.kind == "box_title" else None)
                for child in item.children
            ]
            parts.append('<div class="box">' + "".join(inner) + "</div>")
        elif item.kind == "caption":
            parts.append(_line(b, item.text, "mark"))
        else:
            parts.append(_line(b, item.text))
    return (
        '<!doctype html><html lang="ko"><head><meta charset="utf-8"><style>'
        + CSS
        + "</style></head><body>"
        + "\n".join(parts).translate(SUBSTITUTES)
        + "</body></html>"
    )


def chromium() -> str | None:
    return next((path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None)


def run_chromium(browser: str, profile: Path, *args: str, text: bool = True):
    """Headless Chromium with `args`, its own profile, nothing fetched from the network."""
    return subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=text,
        timeout=180,
    )


def print_pdf(browser: str, page: Path, out: Path, profile: Path) -> Path:
    """Print `page` to `out` with headless Chromium (no header or footer lines)."""
    done = run_chromium(
        browser, profile, "--no-pdf-header-footer", f"--print-to-pdf={out}", page.as_uri()
    )
    if done.returncode != 0 or not out.is_file():
        raise RuntimeError(f"chromium could not print {page}: {done.stderr[-1500:]}")
    return out
