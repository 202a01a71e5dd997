"""Turning certificate lines into PDFs with Typst, in this process or a process pool.

This module imports nothing from Django's models on purpose: pool workers
start from a fresh interpreter (forkserver) and only need Typst and segno.
Each worker keeps one Typst compiler, so the embedded fonts are loaded once
per process rather than once per certificate. The fonts are Typst's own
embedded ones (Libertinus Serif, DejaVu Sans Mono; both under open font
licences), so a certificate looks the same on every server.
"""

import json
import multiprocessing
import re
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import segno
import typst

TEMPLATE = Path(__file__).with_name("certificate.typ")
#: Certificates a pool worker takes at a time: big enough to amortise the pipe.
CHUNK = 16
QUIET_ZONE = 2
DARK_RUN = re.compile(rb"\x01+")

type Lines = Mapping[str, str]

_local = threading.local()


def qr_svg(url: str) -> str:
    """The verification URL as a QR code in SVG: one stroked path of dark runs per row.

    The mask is fixed (choosing the best of eight is most of segno's time and any
    mask scans), and the SVG is written here rather than by segno, which spends
    longer on it than Typst does placing it. A white quiet zone of two modules
    keeps phone scanners happy.
    """
    matrix = segno.make_qr(url, error="m", mask=0, mode="byte").matrix
    size = len(matrix) + 2 * QUIET_ZONE
    runs = [
        f"M{run.start() + QUIET_ZONE} {y + QUIET_ZONE}.5h{run.end() - run.start()}"
        for y, row in enumerate(matrix)
        for run in DARK_RUN.finditer(bytes(row))
    ]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}">'
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path stroke="#000" d="{"".join(runs)}"/></svg>'
    )


def _compiler() -> tuple[typst.Compiler, bytes]:
    """This thread's compiler and the template bytes (a compiler is not shared across threads)."""
    cached: tuple[typst.Compiler, bytes] | None = getattr(_local, "compiler", None)
    if cached is None:
        template = TEMPLATE.read_bytes()
        cached = (typst.Compiler(template, ignore_system_fonts=True), template)
        _local.compiler = cached
    return cached


def render_pdf(lines: Lines) -> bytes:
    """One certificate as PDF bytes; `lines` holds every text printed, plus `url`."""
    compiler, template = _compiler()
    data = {**lines, "qr": qr_svg(lines["url"])}
    pdf = compiler.compile(
        template, format="pdf", sys_inputs={"data": json.dumps(data, ensure_ascii=False)}
    )
    if not isinstance(pdf, bytes):  # a PDF is one document, never a list of pages
        raise TypeError("Typst returned pages instead of one PDF")
    return pdf


type Renderer = Callable[[Sequence[Lines]], Iterator[bytes]]


def _in_process(certificates: Sequence[Lines]) -> Iterator[bytes]:
    return map(render_pdf, certificates)


@contextmanager
def renderer(*, workers: int) -> Iterator[Renderer]:
    """A function rendering a list of certificates to PDFs in order, for the whole block.

    With more than one worker it feeds a process pool that lives as long as the
    block, so a batch of 20,000 starts its workers once.
    """
    if workers <= 1:
        yield _in_process
        return
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:

        def in_pool(certificates: Sequence[Lines]) -> Iterator[bytes]:
            return pool.map(render_pdf, certificates, chunksize=CHUNK)

        yield in_pool
