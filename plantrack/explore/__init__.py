"""Khám phá: any dataset, filtered by any column, grouped by one or two, measured in SQL.

An exploration is a plain value (`Exploration`) that round-trips through the URL query string
(`to_query` / `from_query`, in `state`), so a copied link reopens the same view. It is answered by
one SQL statement (`sql`) over the dataset's rows: the rows come from a named query (for tasks, from
tasks_at_version with the status computed in Python and registered as a view; `datasets`), the
filters, grouping and measure are composed around them. `presentation` turns the result into what
the page shows.

Every identifier in that SQL comes from the allow-list in `datasets` — the workbook contract's
columns plus the columns each dataset computes — and is quoted by `db.quote`; a name outside it
raises ValueError. Every value the user chose (filter values, dates, numbers, search text, the date
grain, category orders) is a bound parameter, so `'; drop table tasks; --` is only ever data.

Callers use the package as one module (`explore.from_query`, `explore.aggregate`, …).
"""

from plantrack.explore.datasets import BLANK, DATASETS, DEFAULT_DATASET, Dataset, Field, dataset, with_status
from plantrack.explore.presentation import (
    CHART_GROUPS,
    CHART_SERIES,
    ChartCut,
    chart_colours,
    chart_cut,
    chart_cut_notes,
    chart_frame,
    chart_kind,
    count_label,
    describe_filter,
    format_value,
    measure_label,
    period_label,
    rows_frame,
    share_basis,
    table_frame,
    value_kind,
)
from plantrack.explore.sql import (
    ROW_LIMIT,
    aggregate,
    aggregate_sql,
    count,
    count_sql,
    options,
    options_sql,
    rows,
    rows_sql,
    where_sql,
)
from plantrack.explore.state import (
    FILTER_PREFIX,
    GRAINS,
    MEASURES,
    PREFIX,
    Exploration,
    Filter,
    default,
    from_query,
    to_query,
    with_filter,
)

__all__ = [
    "BLANK",
    "CHART_GROUPS",
    "CHART_SERIES",
    "DATASETS",
    "DEFAULT_DATASET",
    "FILTER_PREFIX",
    "GRAINS",
    "MEASURES",
    "PREFIX",
    "ROW_LIMIT",
    "ChartCut",
    "Dataset",
    "Exploration",
    "Field",
    "Filter",
    "aggregate",
    "aggregate_sql",
    "chart_colours",
    "chart_cut",
    "chart_cut_notes",
    "chart_frame",
    "chart_kind",
    "count",
    "count_label",
    "count_sql",
    "dataset",
    "default",
    "describe_filter",
    "format_value",
    "from_query",
    "measure_label",
    "options",
    "options_sql",
    "period_label",
    "rows",
    "rows_frame",
    "rows_sql",
    "share_basis",
    "table_frame",
    "to_query",
    "value_kind",
    "where_sql",
    "with_filter",
    "with_status",
]
