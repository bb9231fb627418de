"""Mood statistics of an account's parties (or, for the site's staff, of every party)."""

from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import ConfigDict, Field

from api.identity import AccountAuth
from api.schemas import REFUSALS, MoodStatisticsOut
from liveparty.errors import Invalid
from liveparty.recap.statistics import mood_statistics

router = Router(tags=["statistics"])


class StatisticsQuery(Schema):
    model_config = ConfigDict(strict=False)  # query strings are text

    scope: Literal["mine", "site"] = "mine"
    period: Literal["day", "week", "month"] = "week"
    # The viewer's time zone (the page sends the browser's): days, weeks and hours are theirs.
    tz: str = Field(default="UTC", max_length=64)


@router.get("/stats/moods", auth=AccountAuth(), response={200: MoodStatisticsOut, **REFUSALS})
def mood_stats(request: HttpRequest, query: Query[StatisticsQuery]) -> dict:
    try:
        zone = ZoneInfo(query.tz)
    except (ZoneInfoNotFoundError, ValueError) as unknown:
        raise Invalid(f"There is no time zone called {query.tz!r}.") from unknown
    return mood_statistics(request.auth.user, query.scope, query.period, zone)
