"""The bare page A (bench/pages.py): see shape.py. An st.App like dashboard.py, so both are served by the
same server (Starlette, not Tornado)."""

import streamlit as st

if __name__ == "__main__":
    import shape

    shape.draw("Trang A")
else:
    app = st.App(__file__)
