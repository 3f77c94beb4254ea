"""Statements a scan runs many times a day, their SQL built by peewee once.

peewee builds a statement's SQL anew on every call: 0.1-0.3 ms for one of the
scan's joins, several times what SQLCipher then needs to run it. A Fixed
statement asks peewee once, on first use, and afterwards binds each call's
values to the same text (which also keeps SQLite's prepared statement in the
connection's cache).

The values are passed in the order peewee binds them. The first call checks
that they are exactly the parameters peewee produced, so a statement whose
parameters come out in another order, or converted, fails then and there rather
than binding a value to the wrong column.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from peewee import Field, Model, Query

from models import database


@dataclass(frozen=True)
class Columns:
    """Some of a model's fields, read into an instance of it; the others are not read.

    A statement run at every scan reads only what the scan uses: each text column
    read costs SQLCipher an allocation (locked and wiped under memory security).
    """

    model: type[Model]
    fields: tuple[Field, ...]

    @classmethod
    def whole(cls, model: type[Model]) -> Columns:
        return cls(model, tuple(model._meta.sorted_fields))


# What selected columns turn into: a model instance (whole or some of its fields) or a value.
Part = type[Model] | Columns | Field


class Fixed:
    """One statement: `build(*values)` makes it with peewee, once."""

    def __init__(self, build: Callable[..., Query], shape: Sequence[Part] = ()) -> None:
        """shape: what the statement selects, in order, for `objects` (empty for writes)."""
        self._build = build
        self._shape = tuple(Columns.whole(p) if isinstance(p, type) else p for p in shape)
        self._sql: str | None = None
        # The column names the shape expects, in order: checked against the first result.
        self._columns = [
            f.column_name
            for p in self._shape
            for f in (p.fields if isinstance(p, Columns) else (p,))
        ]
        self._checked = False

    def execute(self, *values: object) -> Any:
        """Run it with these values; returns the cursor."""
        if self._sql is None:
            sql, params = self._build(*values).sql()
            if tuple(params) != values:
                # Names the statement and the counts only: the values may be a person's.
                raise ValueError(
                    f"{self._build.__qualname__}: peewee binds {len(params)} values, "
                    f"not the {len(values)} given in the same order"
                )
            self._sql = sql
        return database.execute_sql(self._sql, values)

    def objects(self, *values: object) -> list[tuple[Any, ...]]:
        """Each row as the shape says: a model instance per model, a converted value per field."""
        cursor = self.execute(*values)
        if not self._checked:
            if [d[0] for d in cursor.description] != self._columns:
                raise ValueError(f"{self._build.__qualname__}: the shape does not match the select")
            self._checked = True
        return [_row(self._shape, row) for row in cursor.fetchall()]


def _row(shape: tuple[Columns | Field, ...], row: tuple[Any, ...]) -> tuple[Any, ...]:
    out: list[Any] = []
    at = 0
    for part in shape:
        if isinstance(part, Columns):
            out.append(_instance(part.model, part.fields, row[at : at + len(part.fields)]))
            at += len(part.fields)
        else:
            out.append(_value(part, row[at]))
            at += 1
    return tuple(out)


def _value(field: Field, raw: Any) -> Any:
    return raw if raw is None else field.python_value(raw)  # type: ignore[no-untyped-call]


def _instance(model: type[Model], fields: tuple[Field, ...], raw: Sequence[Any]) -> Model | None:
    """As peewee's own cursor makes one; None for a LEFT JOIN that found nothing."""
    if raw[0] is None:
        return None
    data = {f.name: _value(f, v) for f, v in zip(fields, raw, strict=True)}
    instance = model(__no_default__=1, **data)
    _loaded(instance)
    return instance


def link(child: Model, name: str, parent: Model) -> None:
    """Set a foreign key to an instance loaded with it, as peewee's joins do: not a change."""
    setattr(child, name, parent)
    _loaded(child)


def _loaded(instance: Model) -> None:
    # peewee marks every field set in the constructor as changed; a row read is not.
    instance._dirty.clear()  # type: ignore[attr-defined]
