"""Screenshots of every page, for looking at what users see: python scripts/screenshots.py OUT_DIR."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser import chromium, open_page, streamlit_server  # noqa: E402

PAGES = ["", "Tien_do_theo_don_vi", "Moc_theo_quy", "Ngan_sach", "Du_luan_bao_chi", "Kham_pha"]


def main(
    out: Path, db: Path | None, pages: list[str], widths=(1440, 1024), langs=("vi", "en"), height: int = 3200
) -> None:
    out.mkdir(parents=True, exist_ok=True)
    db = db or Path(tempfile.mkdtemp()) / "shots.duckdb"
    with streamlit_server(db) as url:
        for width in widths:
            with chromium(width=width, height=height) as context:
                for lang in langs:
                    for name in pages:
                        page, errors = open_page(context, f"{url}/{name}?lang={lang}")
                        target = out / f"{name or 'Tong_quan'}-{lang}-{width}.png"
                        page.screenshot(path=str(target), full_page=True)
                        print(target, "errors:", errors)
                        page.close()


if __name__ == "__main__":
    args = sys.argv[1:]
    main(Path(args[0]), Path(args[1]) if len(args) > 1 and args[1] != "-" else None, args[2:] or PAGES[:1])
