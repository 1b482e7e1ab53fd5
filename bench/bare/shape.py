"""The bare page: the shape of a dashboard page (sidebar links and a filter, four metrics, one Plotly
chart, a small table) with no data work, the floor bench/pages.py divides our times by. With
BARE_FIGURES set (bench/pages.py --same-figures) it draws the dashboard page's own figures in place of
its five bars."""

import json
import os
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

PAGES = (("bare.py", "Trang A"), ("pages/other.py", "Trang B"))
QUARTERS = ["Cả năm", "Quý I", "Quý II", "Quý III", "Quý IV"]


def draw(title: str) -> None:
    st.set_page_config(page_title=title, layout="wide")
    with st.sidebar:
        for path, label in PAGES:
            st.page_link(path, label=label)
        st.divider()
        wanted = st.query_params.get("q", QUARTERS[0])
        quarter = st.selectbox("Quý", QUARTERS, index=QUARTERS.index(wanted) if wanted in QUARTERS else 0, key="q")
        st.query_params["q"] = quarter
    shift = QUARTERS.index(quarter)
    st.title(title)
    st.caption(f"Kế hoạch mẫu · {quarter}")
    for column, (label, value) in zip(
        st.columns(4), (("Nhiệm vụ", 8 + shift), ("Đúng hạn", 5), ("Chậm", 2 + shift), ("Hoàn thành", 1))
    ):
        column.metric(label, value, border=True)
    ours = Path(os.environ["BARE_FIGURES"]) if os.environ.get("BARE_FIGURES") else None
    if ours is not None and ours.exists():
        # bench/pages.py --same-figures: the figures the dashboard's page drew for the whole year (the
        # switch) or for another quarter (the filter change), read at every run.
        drawn = json.loads(ours.read_text(encoding="utf-8"))
        for spec in drawn["switch" if shift == 0 else "filter"]:
            st.plotly_chart(spec["figure"], config=spec["config"], width="stretch")
    else:
        groups = ["Hoàn thành", "Đúng tiến độ", "Sắp đến hạn", "Chậm", "Chưa bắt đầu"]
        figure = go.Figure(go.Bar(x=groups, y=[1, 5 + shift, 1, 2, 0]))
        figure.update_layout(height=360, margin=dict(l=10, r=10, t=30, b=10))
        st.plotly_chart(figure, width="stretch")
    table = pd.DataFrame(
        {
            "Mã": [f"NV{n:02d}" for n in range(1, 9)],
            "Nội dung": [f"Nhiệm vụ số {n}" for n in range(1, 9)],
            "Tiến độ": [10 * n + shift for n in range(1, 9)],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
