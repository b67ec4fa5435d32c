"""Bar charts drawn as SVG on the server: no script, no external service.

A chart is geometry only; the template draws it with `role="img"`, a title and a
description, and puts the figures' table right after it for screen readers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from twinning.common import l10n

WIDTH = 640
LABEL_WIDTH = 200
VALUE_WIDTH = 72
BAR_HEIGHT = 14
BAR_GAP = 2
GROUP_GAP = 10
TOP = 8
COLUMN_HEIGHT = 180
AXIS_SPACE = 28


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    series: int
    value_x: float
    value_y: float


@dataclass(frozen=True)
class AxisLabel:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    width: int
    height: int
    bars: list[Bar]
    labels: list[AxisLabel]
    series: list[str]
    horizontal: bool
    baseline: float


def _label(value) -> str:
    if isinstance(value, dt.date):
        return l10n.format_date(value, "SHORT_DATE_FORMAT")
    return str(value)


def _scale(values: list[int], space: float) -> float:
    top = max([float(v) for v in values if v is not None] + [1.0])
    return space / top


def bar_chart(
    labels: list, series: list[tuple[str, list[int]]], *, title: str, description: str
) -> Chart:
    """Horizontal bars: one group per label, one bar per series (e.g. announced, active)."""
    values = [v for _name, column in series for v in column]
    scale = _scale(values, WIDTH - LABEL_WIDTH - VALUE_WIDTH)
    group = len(series) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
    bars, texts = [], []
    for index, label in enumerate(labels):
        top = TOP + index * (group + GROUP_GAP)
        texts.append(AxisLabel(LABEL_WIDTH - 8, top + group / 2 + 4, _label(label)))
        for number, (_name, column) in enumerate(series):
            value = column[index] or 0
            y = top + number * (BAR_HEIGHT + BAR_GAP)
            width = round(float(value) * scale, 1)
            bars.append(
                Bar(
                    LABEL_WIDTH,
                    y,
                    width,
                    BAR_HEIGHT,
                    value,
                    number,
                    LABEL_WIDTH + width + 4,
                    y + BAR_HEIGHT - 3,
                )
            )
    height = TOP * 2 + max(len(labels), 1) * (group + GROUP_GAP)
    return Chart(
        title,
        description,
        WIDTH,
        height,
        bars,
        texts,
        [name for name, _c in series],
        horizontal=True,
        baseline=LABEL_WIDTH,
    )


def column_chart(labels: list, values: list[int], *, title: str, description: str) -> Chart:
    """Vertical columns over time (one per week); at most six of them carry their label."""
    count = max(len(labels), 1)
    step = (WIDTH - 40) / count
    scale = _scale(values, COLUMN_HEIGHT - 20)
    baseline = TOP + COLUMN_HEIGHT
    every = max(1, -(-count // 6))
    bars, texts = [], []
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        height = round(float(value or 0) * scale, 1)
        x = round(20 + index * step + step * 0.15, 1)
        width = round(step * 0.7, 1)
        bars.append(
            Bar(
                x,
                baseline - height,
                width,
                height,
                value or 0,
                0,
                x + width / 2,
                baseline - height - 4,
            )
        )
        if index % every == 0:
            texts.append(AxisLabel(x + width / 2, baseline + 18, _label(label)))
    return Chart(
        title,
        description,
        WIDTH,
        baseline + AXIS_SPACE,
        bars,
        texts,
        [],
        horizontal=False,
        baseline=baseline,
    )
