"""The dashboard as a service: `streamlit run serve.py` (what `make run` does).

It serves dashboard.py and its pages exactly as `streamlit run dashboard.py` does, and adds what a
server needs: the process owns the database from the start, so the command line works through it
at any time (plantrack.service), and files under /media/ need the viewer password when one is set.
"""

from contextlib import asynccontextmanager

import streamlit as st
from starlette.middleware import Middleware

from plantrack import service


@asynccontextmanager
async def _own_database(_app):
    service.own()
    yield


app = st.App("dashboard.py", lifespan=_own_database, middleware=[Middleware(service.MediaGuard)])
