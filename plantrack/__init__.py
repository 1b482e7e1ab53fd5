"""Plan-implementation tracking: the workbook contract, import, versions and queries.

This package never imports Streamlit; the pages in `pages/` and `dashboard.py` do.
"""
