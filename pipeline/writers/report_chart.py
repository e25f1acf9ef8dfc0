"""The report's quota-use chart, as plain numbers for an inline SVG (no script, no network).

One row per quota group: a caption line, a grey track as long as the quota table allots (for
其中科技型: the sum of the units' minimums), a bar of what was nominated (red past the
allotment, for a minimum orange while short of it), and a dashed mark at the notice's
province-wide number. The SVG is drawn in `report.html.j2` and scales with the page width.
"""

from __future__ import annotations

from pipeline.quota_figures import GROUPS, ProvinceQuota

WIDTH = 420          # viewBox units; the SVG is drawn at 100% of its box, at most 640 px
ROW = 58
BAR_TOP, BAR_HEIGHT = 24, 16
LEFT = 2


def province_chart(totals: ProvinceQuota) -> dict[str, object]:
    rows = []
    scale_max = max([1, *(max(g.allotted, g.nominated, totals.target(k)) for k, g in totals.groups.items())])
    span = WIDTH - 2 * LEFT

    def x(value: int) -> float:
        return round(LEFT + span * value / scale_max, 1)

    for index, (key, label, minimum) in enumerate(GROUPS):
        group, top = totals.groups[key], index * ROW
        within = min(group.nominated, group.allotted) if not minimum else group.nominated
        state = "short" if minimum and group.nominated < group.allotted else "ok"
        rows.append({
            "caption": f"{label}：推荐{group.nominated}个，名额表{'至少' if minimum else '分配'}{group.allotted}个，"
                       f"通知{totals.target_text(key)}",
            "caption_y": top + 16, "bar_y": top + BAR_TOP, "bar_height": BAR_HEIGHT,
            "track_x": LEFT, "track_width": round(x(group.allotted) - LEFT, 1),
            "bar_width": round(x(within) - LEFT, 1), "state": state,
            "over_x": x(group.allotted), "over_width": round(x(group.nominated) - x(group.allotted), 1)
            if not minimum and group.nominated > group.allotted else 0,
            "target_x": x(totals.target(key)), "target_top": top + BAR_TOP - 4,
            "target_bottom": top + BAR_TOP + BAR_HEIGHT + 4,
        })
    return {"width": WIDTH, "height": ROW * len(GROUPS) + 40, "rows": rows, "legend_y": ROW * len(GROUPS) + 14}
