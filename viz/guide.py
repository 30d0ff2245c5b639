"""The "how to read this page" panel: what each part shows and what to try, in five minutes."""

from __future__ import annotations

import solara

from viz.html import Heading, Prose
from viz.sessions import live_sessions

GUIDE = """
<p><b>Multi-vector balancing</b> means Kazakhstan keeps working ties with Russia, China, the EU, the US
and Turkey at once, so that no single power can capture it. This page lets you watch it balance,
quarter by quarter, see when it fails, and compare it with the alternatives.</p>
<ol>
<li><b>Settings</b> (left; on a phone, the “Settings” button above the run). Pick a <i>scenario</i> and
  <i>Kazakhstan's strategy</i> (a sentence under each says what it means), set the three <i>levers</i> and
  a <i>seed</i>, then press <b>Reset</b>: changes apply only on Reset. Under each lever: what it is in the
  world, its range and source, and what it measurably does in this model, including where its effect
  stops growing. Choosing a scenario moves the levers to that scenario's own values. The <i>seed</i>
  picks one of many equally likely runs: the same seed gives the same run.</li>
<li><b>Run.</b> Reset computes the whole run at once; <b>Play</b> shows it quarter by quarter (the speed
  slider sets how many quarters a second), <b>Step</b> moves one quarter, <b>Jump to</b> skips to a turning
  point. At 2040Q4 the run is finished and the page states its conclusion in words.</li>
<li><b>History, then your choices.</b> 2010–2024 replays what happened (the 2014 and 2022 sanctions,
  the four CPC oil-pipeline disruptions of 2022, the 2024 EU pledge). From 2025Q1 (marked on the chart)
  the strategy and your levers take over.</li>
<li><b>The key chart.</b> Thick black: <i>autonomy</i>, how free Kazakhstan is from any single power
  (Glossary). Coloured lines: how much Kazakhstan depends on Russia, China, the EU, the US and Turkey
  (trade, export routes, security, investment combined). Ticks on the time axis are scheduled historical
  events. After a Reset the previous run stays behind as dashed lines over its whole length. The table
  under the chart gives the numbers every five years.</li>
<li><b>The conclusion.</b> When the run ends, a sentence says where autonomy and welfare ended, and how
  they compare with the run before your last Reset, and whether the difference is larger than seed
  noise: the page reruns both settings on five seeds to find out.</li>
<li><b>Why did this change?</b> What moved autonomy and welfare since the previous quarter: the biggest
  contributions by channel and partner, and the quarter's events behind them, each with a link to its
  source.</li>
<li><b>Map.</b> Lines are export corridors through their transit countries; thicker = more tonnes,
  dashed = oil. A cross in a circle marks a corridor disrupted this quarter. Kazakhstan is shaded.</li>
<li><b>Kazakhstan's ties.</b> Each partner around Kazakhstan: line width = its share of Kazakhstan's
  trade; colour = affinity, from vermillion (hostile) through grey to blue (friendly); dashed arrows =
  pressure this quarter.</li>
<li><b>Event log.</b> Who did what and why, with a link to the source passage each rule rests on; bold
  lines are scheduled historical events. Filter it by actor.</li>
<li><b>Compare strategies</b> (tab). Runs every strategy on the current settings over five seeds,
  ranks them by the outcome you choose with 95 % intervals, and says in one sentence who comes first
  and which differences are within seed noise.</li>
</ol>
<p>Every chart has a table of its numbers; the charts' colours can be told apart with the common
forms of colour blindness.</p>
<p><i>Try:</i> set Russian pressure to its maximum and EU investment to zero, press Reset and Play. Does
autonomy hold? Read the conclusion. Which strategy does best in the Compare tab, and is it ahead by
more than seed noise? Then move the EU investment slider to its top: the note under it says how much
that can change.</p>
"""


HOSTING = """
<p>One server serves a class: every tab gets its own run. A session whose tab is gone is freed at once when
the tab closes normally, and after about ten seconds when the connection is simply lost (a laptop put to
sleep, a dropped network), so the next group of students reuses the memory. docs/students.md gives the
measured figures for a class of fifteen and how to host one.</p>
"""


@solara.component
def HostNote():
    """For whoever hosts a class: how many sessions this server holds right now."""
    count = solara.use_reactive(live_sessions())
    with solara.Div(classes=["mv-host"]):
        Heading("For the teacher hosting the page", 3)
        Prose(HOSTING)
        with solara.Row(style={"align-items": "center", "gap": "12px"}):
            solara.HTML(
                tag="p",
                unsafe_innerHTML=f"Sessions this server holds now: <b class='mv-session-count'>{count.value}</b>",
            )
            solara.Button(
                "Count again", on_click=lambda: count.set(live_sessions()), outlined=True, classes=["mv-count"]
            )


@solara.component
def HowToRead():
    with solara.Div(classes=["mv-guide"]):
        Heading("How to read this page")
        Prose(GUIDE)
        HostNote()
