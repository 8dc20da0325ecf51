"""Chart geometry, computed on the server: the templates draw it as inline SVG or as a shaded table.

Nothing here emits markup; the templates escape every label they print.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from narrascope.store.corpus import Prevalence

SHADES = 10
ROLES = ("Protagonist", "Antagonist", "Innocent")


def shade(share: float) -> int:
    return min(SHADES - 1, int(share * SHADES))


def prevalence_table(prevalence: Prevalence, max_groups: int = 20, max_narratives: int = 10) -> dict:
    """Rows of groups (outlets), columns of the most common narratives, cells with share and shade."""
    narratives = prevalence.narratives[:max_narratives]
    rows = []
    for group in prevalence.groups[:max_groups]:
        total = prevalence.articles.get(group, 0)
        cells = []
        for narrative in narratives:
            count = prevalence.counts.get(group, {}).get(narrative, 0)
            cells.append({"narrative": narrative, "count": count, "share": count / total if total else 0.0})
        rows.append({"group": group, "articles": total, "cells": cells})
    # Shades run up to the largest share in the table, so that differences stay visible when all shares
    # are small.
    peak = max((cell["share"] for row in rows for cell in row["cells"]), default=0.0) or 1.0
    for row in rows:
        for cell in row["cells"]:
            cell["shade"] = shade(cell["share"] / peak)
    return {
        "narratives": narratives, "rows": rows, "more_groups": max(0, len(prevalence.groups) - max_groups)
    }


Point = tuple[float, float, str, float]  # x, y, period, value


@dataclass
class Series:
    """One narrative's line; a period left out (too few articles) breaks it into segments."""

    label: str
    colour: int
    segments: list[list[Point]] = field(default_factory=list)

    @property
    def points(self) -> list[Point]:
        return [point for segment in self.segments for point in segment]

    @property
    def paths(self) -> list[str]:
        """The SVG polyline of every segment that has a line to draw (two points or more)."""
        return [
            " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in segment)
            for segment in self.segments
            if len(segment) > 1
        ]


@dataclass
class Axes:
    """The frame both charts draw in: size, plot origin and labelled ticks (positions in SVG units)."""

    width: int
    height: int
    left: int
    bottom: int
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]


@dataclass
class LineChart(Axes):
    series: list[Series]


def by_month(prevalence: Prevalence) -> Prevalence:
    """Weekly prevalence summed into months (a week counts in the month it starts in)."""
    months = sorted({week[:7] for week in prevalence.groups})
    articles = dict.fromkeys(months, 0)
    counts: dict[str, dict[str, int]] = {month: {} for month in months}
    for week in prevalence.groups:
        month = week[:7]
        articles[month] += prevalence.articles.get(week, 0)
        for narrative, n in prevalence.counts.get(week, {}).items():
            counts[month][narrative] = counts[month].get(narrative, 0) + n
    return Prevalence(groups=months, narratives=prevalence.narratives, articles=articles, counts=counts)


def charted_periods(prevalence: Prevalence, min_articles: int) -> list[int]:
    """Indices of the periods with enough dated articles for their shares to mean something."""
    return [
        i for i, period in enumerate(prevalence.groups) if prevalence.articles.get(period, 0) >= min_articles
    ]


def runs_of_neighbours(indices: list[int]) -> list[list[int]]:
    """Sorted indices cut where one does not follow the one before: [1, 2, 4] -> [[1, 2], [4]]."""
    runs: list[list[int]] = []
    for index in indices:
        if runs and index == runs[-1][-1] + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


def share_over_time(
    prevalence: Prevalence,
    min_articles: int = 1,
    max_narratives: int = 6,
    width: int = 760,
    height: int = 260,
    max_points: int = 60,
) -> LineChart | None:
    """Share of each week's (or month's) articles that carry the most common narratives.

    Months replace weeks over long spans and when fewer than two weeks hold ``min_articles`` articles. A
    period with fewer articles gets no point and breaks the lines, since the share of one or two articles
    jumps between 0 and 100%; with fewer than two periods left there is no chart (None)."""
    if len(prevalence.groups) > max_points or len(charted_periods(prevalence, min_articles)) < 2:
        prevalence = by_month(prevalence)
    periods = prevalence.groups
    charted = charted_periods(prevalence, min_articles)
    if len(charted) < 2 or not prevalence.narratives:
        return None
    left, right, top, bottom = 48, 44, 12, 36
    plot_width, plot_height = width - left - right, height - top - bottom
    shares = {
        narrative: {
            i: prevalence.counts.get(periods[i], {}).get(narrative, 0) / prevalence.articles[periods[i]]
            for i in charted
        }
        for narrative in prevalence.narratives[:max_narratives]
    }
    peak = max([max(values.values()) for values in shares.values()] + [0.1])

    def x_of(i: int) -> float:
        return left + plot_width * i / (len(periods) - 1)

    def y_of(value: float) -> float:
        return top + plot_height * (1 - value / peak)

    runs = runs_of_neighbours(charted)
    series = [
        Series(
            narrative,
            colour,
            [[(x_of(i), y_of(values[i]), periods[i], values[i]) for i in run] for run in runs],
        )
        for colour, (narrative, values) in enumerate(shares.items())
    ]
    step = max(1, len(periods) // 8)
    x_ticks = [(x_of(i), periods[i]) for i in range(0, len(periods), step)]
    y_ticks = [(y_of(peak * k / 4), f"{peak * k / 4:.0%}") for k in range(5)]
    return LineChart(width, height, left, height - bottom, x_ticks, y_ticks, series=series)


@dataclass
class Bar:
    x: float
    width: float
    week: str
    segments: list[tuple[str, float, float, int]]  # role, y, height, count


@dataclass
class BarChart(Axes):
    bars: list[Bar]


def roles_over_time(
    roles_by_week: dict[str, dict[str, int]], width: int = 760, height: int = 220
) -> BarChart | None:
    """Stacked bars: how often an entity was cast in each main role, week by week."""
    weeks = sorted(roles_by_week)
    if not weeks:
        return None
    left, right, top, bottom = 40, 44, 12, 36
    plot_width, plot_height = width - left - right, height - top - bottom
    peak = max(sum(counts.values()) for counts in roles_by_week.values()) or 1
    slot = plot_width / len(weeks)
    bars = []
    for i, week in enumerate(weeks):
        y = top + plot_height
        segments = []
        for role in ROLES:
            count = roles_by_week[week].get(role, 0)
            if count:
                bar_height = plot_height * count / peak
                y -= bar_height
                segments.append((role, y, bar_height, count))
        bars.append(Bar(left + i * slot + slot * 0.1, max(slot * 0.8, 1.0), week, segments))
    step = max(1, len(weeks) // 8)
    x_ticks = [(left + i * slot + slot / 2, weeks[i]) for i in range(0, len(weeks), step)]
    step = -(-peak // 4)  # whole numbers of roles
    y_ticks = [(top + plot_height * (1 - value / peak), str(value)) for value in range(0, peak + 1, step)]
    return BarChart(width, height, left, height - bottom, x_ticks, y_ticks, bars=bars)
