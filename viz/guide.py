"""The "how to read this page" panel: what each part shows and what to try, in five minutes."""

from __future__ import annotations

import solara

from viz.html import Prose

GUIDE = """
<p><b>Multi-vector balancing</b> means Kazakhstan keeps working ties with Russia, China, the EU, the US
and Turkey at once, so that no single power can capture it. This page lets you watch it balance,
quarter by quarter, and see when it fails.</p>
<ol>
<li><b>Left sidebar.</b> Under <i>Settings</i>, pick a <i>scenario</i> and <i>Kazakhstan's strategy</i>
  (a sentence under each says what it means), set the <i>levers</i> (Russian pressure, EU investment in
  the Middle Corridor, China's Belt and Road money) and a <i>seed</i>, then press <b>Reset</b>: changes
  apply only on Reset. Choosing a scenario moves the levers to that scenario's own values. <b>Step</b>
  moves one quarter, <b>▶</b> plays (the slider below sets the pause between quarters), <b>Jump to</b>
  skips ahead. The <i>seed</i> picks one of many equally likely runs: the same seed gives the same run.
  At 2040Q4 the run is finished: the page says so, and Reset starts again. (On a narrow screen the
  sidebar hides behind ☰.)</li>
<li><b>History, then your levers.</b> 2010–2024 replays what happened (the 2014 and 2022 sanctions,
  the four CPC oil-pipeline disruptions of 2022, the 2024 EU pledge). From 2025Q1 your levers take over.</li>
<li><b>Map.</b> Lines are export corridors through their transit countries; thicker = more tonnes,
  dashed = oil. A red ✕ marks a corridor disrupted this quarter. Kazakhstan is shaded.</li>
<li><b>Relation network.</b> Circle size = economy (GDP); line colour = how friendly (green) or
  hostile (red) two actors are; line width = their trade; red dashed arrows = pressure this quarter.</li>
<li><b>Dependence over time.</b> Coloured lines: how much Kazakhstan depends on Russia, China, the EU,
  the US and Turkey (trade, export routes, security, investment combined). Black: <i>autonomy</i>, how
  free Kazakhstan is from any single power (Glossary). Ticks on the time axis are scheduled historical
  events. Balancing works while no coloured line climbs and autonomy holds. The table below the chart gives the numbers every five years. After
  a Reset the previous run stays behind as faint dashed lines.</li>
<li><b>Why did this change?</b> What moved autonomy and welfare (GDP) since the previous quarter: the biggest
  contributions by channel (trade, export routes, security ties, investment, exports to a buyer) and
  partner, and the quarter's events behind them.</li>
<li><b>Event log.</b> Who did what and why, with the source passage each rule rests on; bold lines are
  scheduled historical events. Filter it by actor.</li>
<li><b>Compare strategies</b> (tab). Runs every strategy on the current settings over three seeds;
  it also says in a sentence what each strategy does.</li>
<li><b>Glossary</b> (tab). CPC, EAEU, CSTO, SCO, OTS, HHI, the Middle Corridor and the measures in a
  sentence or two each.</li>
</ol>
<p><i>Try:</i> set Russian pressure to 0.9 and EU investment to 0, press Reset and ▶. Does autonomy
hold? Which strategy does best in the Compare tab? Now give the Middle Corridor €10bn a year.</p>
"""


@solara.component
def HowToRead():
    with solara.Card("How to read this page", classes=["mv-guide"]):
        Prose(GUIDE)
