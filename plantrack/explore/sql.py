"""The one SQL statement that answers an exploration, composed around the dataset's rows (a CTE
named `base`), and running it. Identifiers come from the dataset's allow-list and are quoted by
`db.quote`; every value the user chose is a bound parameter."""

from __future__ import annotations

import re
from collections.abc import Mapping

import duckdb
import pandas as pd

from plantrack.db import quote
from plantrack.explore.datasets import BLANK, Dataset, Field, base_rows
from plantrack.explore.state import GRAINS, MEASURES, Exploration, Filter

# One period after another, per grain: constants, never text from the user.
_STEPS = {"day": "1 day", "week": "7 days", "month": "1 month", "quarter": "3 months", "year": "1 year"}
ROW_LIMIT = 5000
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


def _fold(expression: str) -> str:
    """Lower case without diacritics, so 'duc co' finds 'Đức Cơ' (đ has no decomposition of its own)."""
    return f"replace(strip_accents(lower({expression})), 'đ', 'd')"


def _bound(field_: Field, value: object) -> object:
    if field_.kind == "bool":
        return value == "yes"
    return value


def _condition(field_: Field, flt: Filter, n: int) -> tuple[str, dict[str, object]]:
    column = quote(field_.name)
    name = f"x_f{n}"
    params: dict[str, object] = {}
    if field_.kind in ("category", "bool", "list"):
        chosen = [_bound(field_, v) for v in flt.values if v != BLANK]
        parts = []
        if chosen:
            params[name] = chosen
            # The one list kind is a list of units: the macro task_in_view filters tasks by it too.
            parts.append(
                f"names_a_unit({column}, ${name})" if field_.kind == "list" else f"list_contains(${name}, {column})"
            )
        if BLANK in flt.values:
            parts.append(f"len(coalesce({column}, [])) = 0" if field_.kind == "list" else f"{column} is null")
        return "(" + " or ".join(parts) + ")", params
    if field_.kind in ("date", "number"):
        parts = []
        if flt.low is not None:
            params[f"{name}_low"] = flt.low
            parts.append(f"{column} >= ${name}_low")
        if flt.high is not None:
            params[f"{name}_high"] = flt.high
            parts.append(f"{column} <= ${name}_high")
        return "(" + " and ".join(parts) + ")", params
    if field_.kind == "text":
        params[name] = flt.text.strip()
        return f"contains({_fold(column)}, {_fold('$' + name)})", params
    raise ValueError(f"cannot filter {field_.name}")


def where_sql(spec: Dataset, filters: tuple[Filter, ...]) -> tuple[str, dict[str, object]]:
    """The conditions of the filters, joined by and; every column checked against the allow-list."""
    parts, params = [], {}
    for n, flt in enumerate(filters):
        field_ = spec.field(flt.column)
        if not flt.active:
            continue
        condition, values = _condition(field_, flt, n)
        parts.append(condition)
        params.update(values)
    return (" and ".join(parts) or "true"), params


def _group_expression(field_: Field) -> str:
    if field_.kind == "date":
        return f"cast(date_trunc($x_grain, {quote(field_.name)}) as date)"
    if field_.kind in ("category", "bool"):
        return quote(field_.name)
    raise ValueError(f"cannot group by {field_.name}")


def _order(field_: Field, alias: str, n: int, params: dict[str, object]) -> str:
    if field_.kind == "date":
        return f"{alias} nulls last"
    if field_.kind == "bool":
        return f"{alias} desc nulls last"
    if field_.order == "list" and field_.codes is not None:
        params[f"x_order{n}"] = list(field_.codes)
        return f"list_position($x_order{n}, {alias}) nulls last, {alias}"
    if field_.order == "natural":
        return f"task_order(cast({alias} as varchar))"
    return f"{alias}_total desc, {alias} nulls last"


def _aggregate(exploration: Exploration) -> str:
    value_field = exploration.value_field
    if exploration.measure in ("sum", "avg", "share") and value_field is not None and value_field.kind != "number":
        raise ValueError(f"{value_field.name} is not a number")
    if exploration.measure == "count" or (exploration.measure == "share" and value_field is None):
        return "count(*)"
    if value_field is None:
        raise ValueError(f"measure {exploration.measure} needs a numeric column")
    column = quote(value_field.name)
    if exploration.measure == "avg":
        return f"avg({column})"
    return f"cast(coalesce(sum({column}), 0) as double)"


def aggregate_sql(exploration: Exploration) -> tuple[str, dict[str, object]]:
    """The statement over a relation named `base`: columns g1, g2 (when grouped), n_rows, value."""
    spec = exploration.spec
    if exploration.measure not in MEASURES:
        raise ValueError(f"no measure named {exploration.measure!r}")
    if exploration.grain not in GRAINS:
        raise ValueError(f"no grain named {exploration.grain!r}")
    where, params = where_sql(spec, exploration.filters)
    aggregate = _aggregate(exploration)
    groups = exploration.groups
    if len(groups) == 2 and groups[1].kind == "date":
        raise ValueError("a date can only be the first grouping")
    if len(groups) == 2 and groups[0].name == groups[1].name:
        raise ValueError("the two groupings must differ")
    filtered = f"filtered as (\n    select * from base\n    where {where}\n)"
    if not groups:
        value = "case when count(*) > 0 then 100.0 end" if exploration.measure == "share" else aggregate
        return f"{filtered}\nselect count(*) as n_rows, {value} as value,\nfrom filtered", params
    if any(g.kind == "date" for g in groups):
        params["x_grain"] = exploration.grain
    aliases = ("g1", "g2")[: len(groups)]
    selected = ", ".join(f"{_group_expression(g)} as {a}" for g, a in zip(groups, aliases))
    totals = ", ".join(f"sum(value) over (partition by {a}) as {a}_total" for a in aliases)
    if exploration.measure == "share":
        within = "partition by g1" if len(groups) == 2 else ""
        value = f"100.0 * value / nullif(sum(value) over ({within}), 0)"
    else:
        value = "value"
    order = ", ".join(_order(g, a, n + 1, params) for n, (g, a) in enumerate(zip(groups, aliases)))
    sql = (
        f"{filtered},\n"
        f"grouped as (\n    select {selected}, count(*) as n_rows, {aggregate} as value,\n"
        f"    from filtered\n    group by all\n),\n"
        f"{_filled(exploration, aliases)}"
        f"totals as (\n    select *, {totals},\n    from filled\n)\n"
        f"select {', '.join(aliases)}, n_rows, {value} as value,\nfrom totals\norder by {order}"
    )
    return sql, params


def _filled(exploration: Exploration, aliases: tuple[str, ...]) -> str:
    """Over dates, a period without rows counts 0 (and sums 0), so a line does not jump over it.
    Averages of nothing stay missing. The step is a constant chosen by the grain, itself allow-listed."""
    if exploration.groups[0].kind != "date" or exploration.measure == "avg":
        return "filled as (\n    select * from grouped\n),\n"
    step = _STEPS[exploration.grain]
    periods = (
        f"periods as (\n    select cast(unnest(generate_series(min(g1), max(g1), interval {step})) as date)"
        f" as g1\n    from grouped\n),\n"
    )
    if len(aliases) == 1:
        return (
            periods + "filled as (\n    select p.g1, coalesce(g.n_rows, 0) as n_rows, coalesce(g.value, 0) as value,"
            "\n    from periods as p\n    left join grouped as g on g.g1 = p.g1\n"
            "    union all\n    select * from grouped where g1 is null\n),\n"
        )
    return (
        periods + "series as (\n    select distinct g2 from grouped\n),\n"
        "filled as (\n    select p.g1, s.g2, coalesce(g.n_rows, 0) as n_rows, coalesce(g.value, 0) as value,"
        "\n    from periods as p\n    cross join series as s\n"
        "    left join grouped as g on g.g1 = p.g1 and g.g2 is not distinct from s.g2\n"
        "    union all\n    select * from grouped where g1 is null\n),\n"
    )


def rows_sql(exploration: Exploration, limit: int = ROW_LIMIT) -> tuple[str, dict[str, object]]:
    """The rows the filters keep, every allowed column, in the dataset's listing order."""
    spec = exploration.spec
    where, params = where_sql(spec, exploration.filters)
    columns = ", ".join(quote(f.name) for f in spec.fields)
    order = ", ".join(
        f"task_order({quote(name)})" if spec.field(name).order == "natural" else f"{quote(name)} nulls last"
        for name in spec.order_by
    )
    params["x_limit"] = int(limit)
    return f"select {columns},\nfrom base\nwhere {where}\norder by {order}\nlimit $x_limit", params


def count_sql(exploration: Exploration) -> tuple[str, dict[str, object]]:
    where, params = where_sql(exploration.spec, exploration.filters)
    return f"select count(*) as n_rows from base where {where}", params


def options_sql(spec: Dataset, column: str) -> str:
    """The distinct values of one column, for its filter's choices."""
    field_ = spec.field(column)
    if field_.kind not in ("category", "bool", "list"):
        raise ValueError(f"{column} has no list of values")
    value = f"unnest({quote(column)})" if field_.kind == "list" else quote(column)
    empty = f"len(coalesce({quote(column)}, [])) = 0" if field_.kind == "list" else f"{quote(column)} is null"
    return (
        f"select distinct {value} as value, false as empty from base\n"
        f"union all\nselect null, true from base where {empty}"
    )


def _plain(value: object) -> object:
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value.item() if hasattr(value, "item") and not isinstance(value, (list, tuple, str)) else value


def _run(
    cur: duckdb.DuckDBPyConnection,
    spec: Dataset,
    params: Mapping[str, object],
    lang: str,
    sql: str,
    values: Mapping[str, object],
) -> pd.DataFrame:
    with base_rows(cur, spec, params, lang) as (base_sql, base_params):
        # The statement either goes on with more common table expressions or selects from base.
        joiner = ",\n" if sql.startswith("filtered as") else "\n"
        statement = f"with base as (\n{base_sql}\n){joiner}{sql}"
        given = {**base_params, **values}
        wanted = set(_PARAM.findall(statement))
        missing = wanted - given.keys()
        if missing:
            raise TypeError(f"explore needs {sorted(missing)}")
        return cur.execute(statement, {key: _plain(given[key]) for key in wanted}).df()


def aggregate(
    cur: duckdb.DuckDBPyConnection, exploration: Exploration, params: Mapping[str, object], lang: str = "vi"
) -> pd.DataFrame:
    """g1, g2 (as grouped), n_rows and value, aggregated by DuckDB."""
    sql, values = aggregate_sql(exploration)
    return _run(cur, exploration.spec, params, lang, sql, values)


def rows(
    cur: duckdb.DuckDBPyConnection,
    exploration: Exploration,
    params: Mapping[str, object],
    lang: str = "vi",
    limit: int = ROW_LIMIT,
) -> pd.DataFrame:
    sql, values = rows_sql(exploration, limit)
    return _run(cur, exploration.spec, params, lang, sql, values)


def count(
    cur: duckdb.DuckDBPyConnection, exploration: Exploration, params: Mapping[str, object], lang: str = "vi"
) -> int:
    sql, values = count_sql(exploration)
    return int(_run(cur, exploration.spec, params, lang, sql, values).iloc[0, 0])


def options(
    cur: duckdb.DuckDBPyConnection, spec: Dataset, column: str, params: Mapping[str, object], lang: str = "vi"
) -> list:
    """The values a filter offers, in the column's order, BLANK last when some cells are empty."""
    field_ = spec.field(column)
    frame = _run(cur, spec, params, lang, options_sql(spec, column), {})
    values = [v for v in frame.loc[~frame["empty"], "value"] if not pd.isna(v)]
    if field_.kind == "bool":
        values = ["yes" if v else "no" for v in values]
        values = [v for v in ("yes", "no") if v in values]
    elif field_.codes is not None:
        known = [c for c in field_.codes if c in set(values)]
        values = known + sorted(v for v in set(values) if v not in field_.codes)
    elif field_.order == "natural":
        values = sorted(set(values), key=_natural)
    else:
        values = sorted(set(values), key=lambda v: str(v).lower())
    if frame["empty"].any():
        values.append(BLANK)
    return values


def _natural(value: object) -> tuple:
    match = re.search(r"\d+", str(value))
    return (int(match.group()) if match else 10**9, str(value))
