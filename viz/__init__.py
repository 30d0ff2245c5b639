"""The Solara page for students (``solara run viz/app.py``); one module per component."""
