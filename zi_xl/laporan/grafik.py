"""The report's charts as PNG bytes, drawn with matplotlib (Agg, no window, no global pyplot state).

Deterministic: one bundled font (DejaVu Sans, shipped with matplotlib, so every machine draws the same glyphs),
fixed size and resolution, no date or software version in the file. Every text on a chart is Indonesian
(numbers and percentages through :mod:`zi_xl.teks`).

* :func:`grafik_area` — each area perubahan's score as a % of its weight, against the minimum WBK/WBBM.
* :func:`grafik_monev` — per month of the semester: new masukan and how many of them were closed by the end of
  the semester.
"""

from __future__ import annotations

import io
import textwrap

from ..errors import ZiError
from ..istilah import WARNA_TINGKAT, minimum
from ..teks import angka, persen

FONT = "DejaVu Sans"
DPI = 200
_RC = {"font.family": FONT, "font.size": 8, "axes.edgecolor": "#555555", "axes.linewidth": 0.6,
       "xtick.color": "#333333", "ytick.color": "#333333", "svg.hashsalt": "zi-xl", "path.simplify": False}
_GARIS = {"WBK": "#B8860B", "WBBM": "#1F6F3F"}


def _mpl():
    """matplotlib's Figure and Agg canvas (imported here: ~1 s, only when a chart is drawn)."""
    try:
        import matplotlib
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.ticker import FuncFormatter, MaxNLocator
    except ImportError:
        raise ZiError("paket matplotlib belum terpasang (untuk grafik laporan); pasang dengan: "
                      "pip install . (di folder zi_xl)") from None
    return matplotlib, Figure, FigureCanvasAgg, FuncFormatter, MaxNLocator


def _png(fig, canvas_cls) -> bytes:
    canvas_cls(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return buf.getvalue()


def grafik_area(area: list[tuple[str, float | None, str]], minimum_persen: dict[str, float],
                lebar_cm: float = 16.0) -> bytes:
    """Horizontal bars: ``area`` = (name, score as a fraction of the weight or None, level key of
    :data:`zi_xl.istilah.WARNA_TINGKAT`), in LKE order from the top; dashed lines at each minimum
    (``{"WBK": 0.6, "WBBM": 0.75}``; none for a version without area minimums)."""
    matplotlib, Figure, Canvas, FuncFormatter, _ = _mpl()
    with matplotlib.rc_context(_RC):
        bottom, top = (0.8 if minimum_persen else 0.5), 0.1          # inches: axis label (and legend) / air
        height = bottom + top + 0.42 * len(area)
        fig = Figure(figsize=(lebar_cm / 2.54, height))
        ax = fig.add_axes((0.33, bottom / height, 0.6, 0.42 * len(area) / height))
        names = ["\n".join(textwrap.wrap(n, 30)) for n, _, _ in area][::-1]
        vals = [100 * (p or 0.0) for _, p, _ in area][::-1]
        colours = ["#" + WARNA_TINGKAT.get(t, "EDEDED") for _, _, t in area][::-1]
        ax.barh(range(len(area)), vals, color=colours, edgecolor="#555555", linewidth=0.5, height=0.62)
        for y, (v, (_, p, _)) in enumerate(zip(vals, area[::-1], strict=True)):
            ax.text(min(v, 100) + 1, y, persen(p) if p is not None else "belum diisi", va="center", fontsize=7,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6}, zorder=3)
        for level, m in sorted(minimum_persen.items(), key=lambda kv: kv[1]):
            ax.axvline(100 * m, color=_GARIS.get(level, "#333333"), linestyle="--", linewidth=1,
                       label=f"{minimum(level)} {persen(m, 0)}")
        ax.set_yticks(range(len(area)), names)
        ax.set_xlim(0, 112)
        ax.set_xticks(range(0, 101, 20))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{float(x):.0f}%"))
        ax.set_xlabel("Nilai area sebagai persen bobot area")
        ax.spines[["top", "right"]].set_visible(False)
        if minimum_persen:
            ax.legend(loc="lower center", bbox_to_anchor=(0.45, -0.05 / height - 0.72 / (0.42 * len(area))),
                      ncol=2, frameon=False, fontsize=7)
        return _png(fig, Canvas)


def grafik_monev(bulan: list[tuple[str, int, int, bool]], lebar_cm: float = 16.0) -> bytes:
    """Grouped bars per month: ``bulan`` = (month name, new masukan, of those closed by the end of the semester,
    whether a meeting was held); a month without a meeting is marked under its name."""
    matplotlib, Figure, Canvas, FuncFormatter, MaxNLocator = _mpl()
    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(lebar_cm / 2.54, 2.9))
        ax = fig.add_axes((0.08, 0.24, 0.9, 0.68))
        xs = range(len(bulan))
        baru = [b for _, b, _, _ in bulan]
        tutup = [t for _, _, t, _ in bulan]
        ax.bar([x - 0.19 for x in xs], baru, width=0.36, color="#9DC3E6", edgecolor="#41719C", linewidth=0.5,
               label="Masukan perbaikan baru")
        ax.bar([x + 0.19 for x in xs], tutup, width=0.36, color="#A9D18E", edgecolor="#507E32", linewidth=0.5,
               label="Selesai ditindaklanjuti (per akhir semester)")
        top = max(baru + [1])
        for x, b, t in zip(xs, baru, tutup, strict=True):
            if b:
                ax.text(x + 0.19, t + top * 0.02, persen(t / b, 0), ha="center", va="bottom", fontsize=7)
        ax.set_xticks(list(xs), [n if rapat else f"{n}\n(tanpa rapat)" for n, _, _, rapat in bulan])
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: angka(float(y), 0)))
        ax.set_ylim(0, top * 1.25)
        ax.set_ylabel("Jumlah masukan")
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(loc="upper left", frameon=False, fontsize=7, ncol=2)
        return _png(fig, Canvas)
