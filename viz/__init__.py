"""The Solara page for students (``solara run viz/app.py``); one module per component.

``world`` is imported first: ``agents.registry`` and ``world.model`` import each
other, and importing ``agents.registry`` first fails with a circular import.
"""

import world  # noqa: F401  (must precede any agents.* import; see above)
