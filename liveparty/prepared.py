"""Queries of the hot path compiled by the ORM once per process, not on every call.

Each action of a party waits for the one before it, and a guest's request makes a
dozen statements. Compiling a small query is three quarters of its cost in Python
(a song by its id: 570 µs through the ORM, 140 µs for the same statement sent as it
is), and four guest servers on two cores spend their CPU there in a burst. So the
statements of that path are written as querysets, as everywhere else, and compiled
once: the queryset is built with a stand-in for each of the caller's values, and each
call sends the same SQL with the caller's values in the stand-ins' places.

A prepared query gives rows (the columns of its `values_list`, converted as the ORM
converts them), or model instances when it lists every column of its model. Only
values of a few kinds stand in (ints, strings, datetimes): enough for lookups by id,
key and time, and each kind adapted for the database as the ORM adapts it. Ints stand
for ids, looked up by equality: one no column can hold (a client's 10**30) finds no
row, as the ORM's lookups answer it, rather than failing in the database's driver.
"""

import datetime
import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections, models

M = TypeVar("M", bound=models.Model)

# Stand-ins no caller passes: far below any id, strings no key holds, a time long past.
_numbers = itertools.count(-7_000_000_000_000, -1)
_EPOCH = datetime.datetime(1901, 1, 1, tzinfo=datetime.UTC)
_BIGGEST_ID = 2**63 - 1  # a bigint's


def columns(model: type[models.Model]) -> list[str]:
    """Every column of `model`, for `values_list`: what `Prepared.instances` builds from."""
    return [field.attname for field in model._meta.concrete_fields]


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    slots: dict[int, str]  # position in params -> the caller's value that goes there
    converters: dict  # column -> (converters, expression), as SQLCompiler.get_converters gives them


class Prepared(Generic[M]):
    """`build` makes the queryset from keyword values (those named in `kinds`, each an
    int, str or datetime); it must end in `values_list`."""

    def __init__(self, model: type[M], kinds: dict[str, type], build: Callable[..., models.QuerySet]) -> None:
        self.model = model
        self.kinds = kinds
        self.build = build
        self.lock = threading.Lock()
        self.compiled: _Compiled | None = None

    def rows(self, **values: Any) -> list[tuple]:
        if any(isinstance(value, int) and not _BIGGEST_ID >= value >= -_BIGGEST_ID - 1 for value in values.values()):
            return []
        connection = connections[DEFAULT_DB_ALIAS]
        compiled = self._compiled()
        params = list(compiled.params)
        for position, name in compiled.slots.items():
            params[position] = _adapt(values[name], connection)
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if not compiled.converters:
            return rows
        return [_converted(row, compiled.converters, connection) for row in rows]

    def first(self, **values: Any) -> tuple | None:
        rows = self.rows(**values)
        return rows[0] if rows else None

    def instances(self, **values: Any) -> list[M]:
        """The rows as instances of the model (its `values_list` lists `columns(model)`)."""
        names = columns(self.model)
        return [self.model.from_db(DEFAULT_DB_ALIAS, names, row) for row in self.rows(**values)]

    def _compiled(self) -> _Compiled:
        if self.compiled is None:  # once per process: the lock only for the first calls
            with self.lock:
                if self.compiled is None:
                    self.compiled = self._compile()
        return self.compiled

    def _compile(self) -> _Compiled:
        connection = connections[DEFAULT_DB_ALIAS]
        stand_ins = {name: _stand_in(kind) for name, kind in self.kinds.items()}
        compiler = self.build(**stand_ins).query.get_compiler(using=DEFAULT_DB_ALIAS)
        sql, params = compiler.as_sql()
        adapted = {_adapt(value, connection): name for name, value in stand_ins.items()}
        slots = {position: adapted[param] for position, param in enumerate(params) if _hashable(param) in adapted}
        missing = set(stand_ins) - set(slots.values())
        if missing:
            raise ValueError(f"{self.model.__name__} query: no place in its SQL for {sorted(missing)}")
        converters = compiler.get_converters([expression for expression, _, _ in compiler.select])
        return _Compiled(sql, tuple(params), slots, converters)


def _converted(row: tuple, converters: dict, connection: Any) -> tuple:
    """As SQLCompiler.apply_converters, with this thread's connection (the compiler's is
    the one of the thread that compiled)."""
    values = list(row)
    for position, (functions, expression) in converters.items():
        for convert in functions:
            values[position] = convert(values[position], expression, connection)
    return tuple(values)


def _stand_in(kind: type) -> Any:
    number = next(_numbers)
    if kind is int:
        return number
    if kind is str:
        return f"\x00prepared{number}"
    if kind is datetime.datetime:
        return _EPOCH + datetime.timedelta(microseconds=-number)
    raise TypeError(f"a prepared query takes ints, strings and datetimes, not {kind.__name__}")


def _adapt(value: Any, connection: Any) -> Any:
    """As the ORM adapts a lookup's value for the database (a datetime is text on SQLite)."""
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


def _hashable(param: Any) -> Any:
    try:
        hash(param)
    except TypeError:
        return None
    return param
