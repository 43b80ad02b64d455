"""Every threshold of the PDF reader, in one validated object passed down to each function that
reads a page: `pdf.read(data, path=…, settings=PdfSettings(snap_tolerance=3))`.

Each field says what it measures and holds the range it must lie in (`PdfSettings.fields()` lists
them, with their documentation); a value out of range is a ValueError naming the field.
Lengths are in PDF points (1/72 inch), shares are of the page or of a cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

ENGINES = ("pdfium", "pdfminer")


def _choice(default: str, choices: tuple[str, ...], doc: str):
    """A setting that is one of a few names."""
    return field(default=default, metadata={"choices": choices, "doc": doc})


def _knob(default, low, high, doc: str):
    """A setting: its default, the closed range it must lie in, and what it means."""
    return field(default=default, metadata={"range": (low, high), "doc": doc})


@dataclass(frozen=True)
class PdfSettings:
    """Validated knobs of the PDF reader."""

    # -- the page --------------------------------------------------------------------------
    engine: str = _choice(
        "pdfium",
        ENGINES,
        "who reads a page's chars and rulings: PDFium (fast, C++) or pdfminer (pure Python, the "
        "reference); a page PDFium cannot read as pdfminer would falls back to pdfminer",
    )
    max_pages: int = _knob(2000, 1, 100_000, "pages read; the rest are reported, not read")
    dedupe_tolerance: float = _knob(1.0, 0, 5, "pt: chars drawn again within this are one")
    footer_band: float = _knob(0.07, 0, 0.49, "share of the page height where page numbers are")
    line_tolerance: float = _knob(3.0, 0.5, 10, "pt between the tops of chars on one line")
    width_overstated: float = _knob(
        0.92, 0.5, 1, "advance over drawn width below which a run's glyph widths are too wide"
    )
    # -- rulings and grids -----------------------------------------------------------------
    snap_tolerance: float = _knob(2.5, 0.01, 10, "pt: table edges closer than this are one line")
    edge_tolerance: float = _knob(2.0, 0, 10, "pt two boxes' edges may differ and still meet")
    ruling_join: float = _knob(3.0, 0, 20, "pt between the pieces of one broken ruling")
    dash_max: float = _knob(1.0, 0.1, 5, "pt: a line this short is a dash of a dotted ruling")
    dash_gap: float = _knob(1.5, 0.1, 10, "pt between the dashes of one dotted ruling")
    dash_min_count: int = _knob(8, 2, 1000, "dashes a dotted ruling needs")
    dot_max: float = _knob(2.0, 0.3, 10, "pt: the widest round dot of a dotted border")
    dot_pad: float = _knob(0.5, 0, 5, "pt a dot is stretched by for the gap test")
    max_dots: int = _knob(5000, 0, 1_000_000, "curves on a page beyond which none is a dot")
    max_dotted_rules: int = _knob(120, 0, 100_000, "dotted rules a side before no box is sought")
    fill_share: float = _knob(0.5, 0.01, 1, "share of a cell its background must cover")
    picture_margin: float = _knob(
        0.5, 0, 10, "pt a picture lies inside a box's rulings to be in a one-cell table"
    )
    open_bottom_columns: int = _knob(
        3, 2, 1000, "column rulings (both sides among them) that run on below a table together"
    )
    # -- stamps and continued tables ---------------------------------------------------------
    stamp_min_pages: int = _knob(3, 2, 10_000, "pages a box recurs on to be page furniture")
    stamp_min_share: float = _knob(
        0.25, 0, 1, "share of a document's pages a box recurs on to be page furniture"
    )
    stamp_band: float = _knob(0.15, 0, 0.5, "share of the page height at top and bottom for stamps")
    stamp_max_cells: int = _knob(2, 1, 100, "cells a page stamp box may have")
    stamp_tolerance: float = _knob(2.0, 0, 20, "pt a stamp's place may move from page to page")
    continued_columns_tolerance: float = _knob(
        2.0, 0, 20, "pt a continued table's column rulings may move on the next page"
    )
    unruled_rows_tolerance: float = _knob(
        2.0, 0, 20, "pt the figure lines of two columns may differ to be one row each"
    )
    # -- text inside cells -------------------------------------------------------------------
    column_min_lines: int = _knob(3, 2, 1000, "lines a cell needs before it is read as columns")
    column_min_gap: float = _knob(20.0, 1, 500, "pt: the widest gap at a column boundary")
    column_centre_tolerance: float = _knob(6.0, 0, 100, "pt a cell column's centres may stray")
    # -- boxes drawn apart that are one table -----------------------------------------------
    side_by_side_gap: float = _knob(60.0, 0, 500, "pt between boxes that are columns of a table")
    max_layout_parts: int = _knob(500, 0, 100_000, "boxes on a page beyond which none are joined")
    max_connectors: int = _knob(400, 0, 100_000, "connector lines beyond which none link boxes")
    arrow_gap: float = _knob(40.0, 0, 500, "pt from an arrow character to each box it links")
    caption_gap: float = _knob(12.0, 0, 200, "pt below a diagram where its column labels are")
    band_max_gap: float = _knob(150.0, 1, 1000, "pt between two bars that frame a title")
    band_max_lines: int = _knob(3, 1, 100, "lines of a title between two bars")
    band_max_bars: int = _knob(40, 2, 10_000, "bars on a page beyond which it is a chart")
    band_centre_tolerance: float = _knob(12.0, 0, 200, "pt a framed title may stray off centre")
    frame_min_width: float = _knob(100.0, 1, 2000, "pt: the narrowest frame titled in its border")
    edge_break_min_words: int = _knob(
        3, 0, 100_000, "breaks at a cell's edge the document writes as one word, to join any"
    )
    edge_break_share: float = _knob(
        0.25, 0, 1, "share of a document's edge breaks it writes as one word, to join any"
    )
    centre_tolerance: float = _knob(
        1.5, 0, 50, "pt a centred cell line's middle may stray from its cell's middle"
    )
    font_break_doubt: float = _knob(
        0.2, 0, 1, "share of wraps in a space-printing font written apart, to doubt the font"
    )
    frame_min_border: float = _knob(
        4.0, 0, 500, "pt: the shortest piece of a titled frame's top border beside its title"
    )
    max_frame_sides: int = _knob(200, 0, 100_000, "vertical rulings before no frame is sought")
    # -- type: headings and notes set apart by size and weight --------------------------------
    heading_size_ratio: float = _knob(
        1.15, 1, 5, "size over the body text's from which a line is set larger, as a heading"
    )
    heading_weight: int = _knob(600, 100, 900, "font weight from which a line is bold (700 Bold)")
    note_size_ratio: float = _knob(
        0.75, 0.2, 1, "size over the body text's up to which a line is a note (footnote, source)"
    )
    heading_max_chars: int = _knob(80, 5, 1000, "characters of a heading set apart by type alone")
    # -- two columns on one page -------------------------------------------------------------
    gutter_min_width: float = _knob(14.0, 1, 500, "pt of clear space between two text columns")
    gutter_band_start: float = _knob(0.3, 0, 1, "share of the page width where a gutter may start")
    gutter_band_end: float = _knob(0.7, 0, 1, "share of the page width where a gutter may end")
    gutter_min_lines: int = _knob(5, 1, 10_000, "lines of text each column must hold")

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if "choices" in f.metadata:
                if value not in f.metadata["choices"]:
                    raise ValueError(f"{f.name} must be one of {', '.join(f.metadata['choices'])}")
                continue
            low, high = f.metadata["range"]
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"{f.name} must be a number, not {value!r}")
            if f.type == "int" and not isinstance(value, int):
                raise ValueError(f"{f.name} must be a whole number, not {value!r}")
            if not low <= value <= high:
                raise ValueError(f"{f.name} must be between {low} and {high}, not {value!r}")
        if self.gutter_band_start >= self.gutter_band_end:
            raise ValueError("gutter_band_start must lie before gutter_band_end")

    @classmethod
    def fields(cls) -> dict[str, str]:
        """Each setting's name → what it means and its range, for documentation."""
        return {
            f.name: f"{f.metadata['doc']} ({' | '.join(f.metadata['choices'])})"
            if "choices" in f.metadata
            else f"{f.metadata['doc']} ({f.metadata['range'][0]}–{f.metadata['range'][1]})"
            for f in fields(cls)
        }


DEFAULT_SETTINGS = PdfSettings()
