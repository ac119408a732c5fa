"""The whole track, end to end, with the numbers and pictures glassnet makes for each part: ``glassnet tour``.

Each part of the track is one function filling a ``Section``: a title, lines of text, the
numbers behind them and its figures. The tour is a thin layer over the library: every number
and picture is made by the same functions a learner calls. ``run`` prints the text and, given
a folder, writes ``index.html`` there with the figures beside it as PNG files.
"""


from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from glassnet._validation import import_optional
from glassnet.atomic import write_atomically
from glassnet.tour.sections import BOWL, SECTIONS, VALIDATION_SIZE, Section, bowl, bowl_gradient

__all__ = ["BOWL", "SECTIONS", "VALIDATION_SIZE", "Section", "bowl", "bowl_gradient", "run", "write_report"]


def run(quick: bool = False, echo: Callable[[str], None] = print, out: str | Path | None = None) -> list[Section]:
    """Compute every section, echo its text as it is ready, and write the report to ``out``.

    With ``out`` (a folder, created if needed) each section also draws its figures there and
    ``out/index.html`` ties them together; without it the tour is text only. ``quick`` trains
    for fewer epochs. Returns the sections.
    """
    figure_dir = None
    if out is not None:
        import_optional("matplotlib", "matplotlib", "plot", "glassnet tour's figures")
        figure_dir = Path(out)
        figure_dir.mkdir(parents=True, exist_ok=True)
    done = []
    for title, fill in SECTIONS:
        section = Section(title, figure_dir)
        fill(section, quick)
        echo(f"\n{section.title}\n{'-' * len(section.title)}")
        for line in section.lines:
            echo(line)
        done.append(section)
    if figure_dir is not None:
        write_report(figure_dir / "index.html", done)
    return done


def write_report(path: Path, sections: list[Section]) -> None:
    """One static HTML page: each section's text and its figures (PNG files in the same folder)."""
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8"><title>glassnet tour</title>',
        "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
        "color:#222}pre{background:#f6f6f4;padding:.8rem;overflow-x:auto;white-space:pre-wrap;font-size:.85rem}"
        "figure{margin:1rem 0}img{max-width:100%;border:1px solid #ddd}figcaption{color:#555;"
        "font-size:.9rem}h2{border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2.5rem}</style>",
        "</head><body>",
        "<h1>glassnet: the track, end to end</h1>",
        "<p>From the perceptron to backpropagation: every number and picture on this page was computed "
        "by glassnet just now, with the functions the lessons use.</p>",
        "<nav><ol>" + "".join(f'<li><a href="#s{i}">{html.escape(s.title.split(". ", 1)[-1])}</a></li>'
                              for i, s in enumerate(sections, 1)) + "</ol></nav>",
    ]
    for i, section in enumerate(sections, 1):
        parts.append(f'<section id="s{i}"><h2>{html.escape(section.title)}</h2>')
        parts.append("<pre>" + html.escape("\n".join(section.lines)) + "</pre>")
        for name, caption in section.figures:
            parts.append(f'<figure><img src="{html.escape(name)}" alt="{html.escape(caption)}">'
                         f"<figcaption>{html.escape(caption)}</figcaption></figure>")
        parts.append("</section>")
    parts.append("</body></html>")
    page = "\n".join(parts).encode("utf-8")
    write_atomically(path, lambda f: f.write(page))
