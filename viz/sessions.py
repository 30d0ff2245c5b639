"""How many student sessions this server process holds: one per open tab, until a closed tab's is freed.

Each session keeps a token in its render state; the count is of tokens still
alive, so a session counts until its memory is really released (its kernel
closed and collected), not merely disconnected. The "How to read" tab shows
the count to whoever hosts a class, and the classroom benchmark reads it.
"""

from __future__ import annotations

import weakref


class SessionToken:
    """Lives exactly as long as one browser session's render state."""


_LIVE: "weakref.WeakSet[SessionToken]" = weakref.WeakSet()


def new_session() -> SessionToken:
    token = SessionToken()
    _LIVE.add(token)
    return token


def live_sessions() -> int:
    """Sessions whose state this process still holds."""
    return len(_LIVE)
