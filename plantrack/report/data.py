"""What the report says: its period, the version it reads and every figure, from the pages' own queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import duckdb
import pandas as pd

from plantrack import measures, press, queries, status
from plantrack.i18n import quarter_numeral
from plantrack.rates import CompletionRate, completion_rate
from plantrack.settings import StatusSettings

LANG = "vi"
DEFAULT_RULES = StatusSettings()
PERIOD_KINDS = ("quarter", "half", "year")
PERIODS_PER_YEAR = {"quarter": 4, "half": 2, "year": 1}


@dataclass(frozen=True)
class Period:
    kind: str  # quarter | half | year
    year: int
    number: int = 1  # the quarter (1–4) or the half (1–2); 1 for a year

    def __post_init__(self) -> None:
        limit = PERIODS_PER_YEAR.get(self.kind)
        if limit is None or not 1 <= self.number <= limit:
            raise ValueError(f"no period {self.kind} {self.number}")

    @property
    def quarters(self) -> tuple[int, ...]:
        if self.kind == "quarter":
            return (self.number,)
        if self.kind == "half":
            return (1, 2) if self.number == 1 else (3, 4)
        return (1, 2, 3, 4)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.quarters[0] - 2, 1)

    @property
    def end(self) -> dt.date:
        last = self.quarters[-1]
        return dt.date(self.year, 12, 31) if last == 4 else dt.date(self.year, 3 * last + 1, 1) - dt.timedelta(days=1)

    def contains(self, day: object) -> bool:
        return day is not None and not pd.isna(day) and self.start <= pd.Timestamp(day).date() <= self.end

    @property
    def words(self) -> str:
        """As the report writes it: 'quý III năm 2019', '6 tháng đầu năm 2019', 'năm 2019'."""
        if self.kind == "quarter":
            return f"quý {quarter_numeral(self.number)} năm {self.year}"
        if self.kind == "half":
            return f"6 tháng {'đầu' if self.number == 1 else 'cuối'} năm {self.year}"
        return f"năm {self.year}"

    @property
    def previous(self) -> Period:
        """The period of the same kind just before: quý II before quý III, quý IV of last year before quý I."""
        if self.number > 1:
            return Period(self.kind, self.year, self.number - 1)
        return Period(self.kind, self.year - 1, PERIODS_PER_YEAR[self.kind])

    @property
    def slug(self) -> str:
        return {
            "quarter": f"quy-{self.number}",
            "half": f"6-thang-{'dau' if self.number == 1 else 'cuoi'}",
            "year": "nam",
        }[self.kind] + f"-{self.year}"


def report_version(versions: pd.DataFrame, version_id: int, period: Period) -> tuple[int, dt.date]:
    """The version a report of `period` uses: the one chosen, unless its data is as of after the
    period's end, then the newest version whose data is as of the period's end or before."""
    rows = versions.assign(day=[pd.Timestamp(d).date() for d in versions["as_of"]])
    chosen = rows[rows["version_id"] == version_id].iloc[0]
    if chosen["day"] <= period.end:
        return int(chosen["version_id"]), chosen["day"]
    earlier = rows[(rows["version_id"] <= version_id) & (rows["day"] <= period.end)]
    if earlier.empty:
        return int(chosen["version_id"]), chosen["day"]
    row = earlier.sort_values("version_id").iloc[-1]
    return int(row["version_id"]), row["day"]


@dataclass
class ReportData:
    plan: Mapping[str, object]
    period: Period
    version_id: int
    as_of: dt.date
    units: dict[str, str]
    tasks: pd.DataFrame  # tasks_at_version + status, group, expected, reason
    groups: dict[str, int]
    rates: dict[str, status.Rate]
    completion: CompletionRate  # the Government's tỷ lệ hoàn thành
    press: press.Comparison  # the period against the previous one and a year earlier
    indicators: pd.DataFrame
    milestones: pd.DataFrame  # milestones_at_version in the period's quarters
    budget_totals: Mapping[str, float]
    budget_by_source: pd.DataFrame  # budget_by_source + disbursed_pct (measures.disbursed_pct)
    budget_by_task: pd.DataFrame
    disbursed_in_period: int
    media: pd.DataFrame  # media_by_scope summed over the period's quarters: scope, sentiment, mentions
    false_cases: pd.DataFrame  # false_info_cases published in the period
    false_open: int  # cases not yet refuted or closed at the as-of date (all published so far)
    upcoming: pd.DataFrame

    @property
    def mentions(self) -> int:
        return int(self.media["mentions"].sum())

    def mentions_by(self, column: str) -> dict[str, int]:
        return {str(k): int(v) for k, v in self.media.groupby(column)["mentions"].sum().items()}

    @property
    def difficulties(self) -> pd.DataFrame:
        """Tasks overdue or behind, in the plan's order."""
        return self.tasks[self.tasks["status"].isin([status.OVERDUE, status.BEHIND])]


def collect(
    cur: duckdb.DuckDBPyConnection,
    plan: Mapping[str, object],
    version_id: int,
    as_of: dt.date,
    period: Period,
    rules: StatusSettings = DEFAULT_RULES,
) -> ReportData:
    """Everything the report says, from the pages' own queries, for the whole plan (no unit filter)."""
    params = {
        "plan_id": int(plan["plan_id"]),
        "version_id": version_id,
        "units": [],
        "quarter": 0,
        "year": period.year,
        "until": as_of,
        "due_soon_days": rules.due_soon_days,
    }

    def run(name: str, **extra: object) -> pd.DataFrame:
        values = {**params, **extra}
        return queries.run(cur, name, **{key: values[key] for key in queries.parameters(name)})

    tasks = run("tasks_at_version")
    computed = status.statuses(tasks, as_of, lang=LANG, plan_year=period.year, grace_days=rules.grace_days)
    tasks = tasks.assign(**{c: computed[c].to_numpy() for c in ("status", "group", "expected", "reason")})
    milestones = pd.concat([run("milestones_at_version", quarter=q) for q in period.quarters], ignore_index=True)
    by_month = run("disbursement_by_month")
    in_period = [period.contains(m) for m in by_month["month_start"]]
    media = (
        run("media_by_scope", quarter=0)
        if period.kind == "year"
        else pd.concat([run("media_by_scope", quarter=q) for q in period.quarters], ignore_index=True)
    )
    media = media.groupby(["scope", "sentiment"], as_index=False)["mentions"].sum() if not media.empty else media
    cases = run("false_info_cases")
    cases = cases[[period.contains(d) for d in cases["published_on"]]].reset_index(drop=True)
    units = run("units_at_version")
    by_source = run("budget_by_source")
    return ReportData(
        plan=plan,
        period=period,
        version_id=version_id,
        as_of=as_of,
        units=dict(zip(units["unit_code"], units["unit_name"])),
        tasks=tasks,
        groups=status.group_counts(computed),
        rates=status.rates(computed, LANG),
        completion=completion_rate(status.group_counts(computed)),
        press=press.compare(cur, int(plan["plan_id"]), version_id, as_of, period.start, period.end),
        indicators=run("indicators_at_version"),
        milestones=milestones,
        budget_totals={k: float(v) for k, v in run("budget_totals").iloc[0].items()},
        budget_by_source=by_source.assign(
            disbursed_pct=[measures.disbursed_pct(d, p) for d, p in zip(by_source["disbursed"], by_source["planned"])]
        ),
        budget_by_task=run("budget_by_task"),
        disbursed_in_period=int(by_month.loc[in_period, "disbursed"].sum()),
        media=media,
        false_cases=cases,
        false_open=int(run("media_kpis").iloc[0]["false_open"]),
        upcoming=run("upcoming_deadlines"),
    )
