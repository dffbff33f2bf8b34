"""Everything the site holds about one person, collected from every app that stores personal data.

A neutral registry in the project package, so that accounts (which serves "My data") imports none of the apps
above it: they register with it instead, in their AppConfig.ready():

    register("progress", collect_progress, title="Progress", labels={"item": "Item", ...})

A collector takes a user and yields flat dicts, one per record (a generator, so a long history streams). The
labels name the fields for people; the JSON keeps the field names, for programs.

- **The page** shows each section with its count, the records folded under it (the first PAGE_LIMIT of a long one).
- **The JSON download** holds every section in full and is streamed, section by section and record by record.
- **The CSV downloads** are spreadsheets of the sections registered with `spreadsheet_columns`: the first (the
  progress app's one row per item) is `careerpath.csv`, each other one `<section>.csv` (job ads, applications),
  those columns under their labels, streamed too. Everything else is in the JSON.
"""

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import islice
from typing import Any

Record = dict[str, Any]
Collector = Callable[[Any], Iterable[Record]]
PAGE_LIMIT = 200


@dataclass(frozen=True)
class Section:
    name: str
    collector: Collector
    title: str
    labels: dict[str, str]
    spreadsheet_columns: tuple[str, ...] = ()


@dataclass
class SectionOnPage:
    title: str
    labels: dict[str, str]
    count: int
    records: list[list[tuple[str, Any]]]  # (label, value) pairs, at most PAGE_LIMIT records

    @property
    def truncated(self) -> bool:
        return self.count > len(self.records)


_sections: dict[str, Section] = {}


def register(
    section: str,
    collector: Collector,
    *,
    title: str,
    labels: dict[str, str],
    spreadsheet_columns: Iterable[str] = (),
) -> None:
    """Add a section to every learner's data export; `spreadsheet_columns` make it the CSV download."""
    _sections[section] = Section(section, collector, title, labels, tuple(spreadsheet_columns))


def collect(user) -> dict[str, list[Record]]:
    """Every section in full, by name (tests, and programs that want it all in memory)."""
    return {name: list(section.collector(user)) for name, section in _sections.items()}


def for_page(user) -> list[SectionOnPage]:
    """Each section with its count and its first records, labelled for people."""
    result = []
    for section in _sections.values():
        records, count = [], 0
        for record in section.collector(user):
            count += 1
            if count <= PAGE_LIMIT:
                records.append([(section.labels.get(field, field), _plain(value)) for field, value in record.items()])
        result.append(SectionOnPage(section.title, section.labels, count, records))
    return result


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


CHUNK_SIZE = 64 * 1024  # characters per streamed piece: few enough writes, little memory


def _json_pieces(user) -> Iterator[str]:
    encode = json.JSONEncoder(ensure_ascii=False, default=str).encode
    yield "{"
    for index, (name, section) in enumerate(_sections.items()):
        yield ("," if index else "") + f"\n  {json.dumps(name)}: ["
        for number, record in enumerate(section.collector(user)):
            plain = {key: _plain(value) for key, value in record.items()}
            yield ("," if number else "") + "\n    " + encode(plain)
        yield "\n  ]"
    yield "\n}\n"


def json_chunks(user) -> Iterator[str]:
    """The whole export as JSON, a section and a record at a time, sent in pieces of about CHUNK_SIZE."""
    pending, size = [], 0
    for piece in _json_pieces(user):
        pending.append(piece)
        size += len(piece)
        if size >= CHUNK_SIZE:
            yield "".join(pending)
            pending, size = [], 0
    if pending:
        yield "".join(pending)


def as_json(user) -> str:
    return "".join(json_chunks(user))


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    """A cell as a spreadsheet reads it: a time as `2026-12-04 09:30:00` in UTC (Excel and LibreOffice read that
    as a date and time; ISO with a `T`, an offset and microseconds stays text), and text starting like a formula
    gets a leading ' (OWASP, CSV injection)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, list | tuple):  # a list in one cell: "python; sql"
        value = "; ".join(str(part) for part in value)
    text = "" if value is None else str(_plain(value))
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def spreadsheets() -> list[Section]:
    """The sections that have a CSV download, in the order they registered (the first is the main one: progress)."""
    return [section for section in _sections.values() if section.spreadsheet_columns]


def csv_chunks(user, *, batch: int = 500, section_name: str | None = None) -> Iterator[str]:
    """A spreadsheet section (the first one unless named) as CSV with labelled columns, `batch` rows at a time. It
    starts with a UTF-8 byte-order mark, which is how Excel on Windows knows the file is UTF-8 (without it "Zoë"
    shows as "ZoÃ«")."""
    found = [section for section in spreadsheets() if section_name in (None, section.name)]
    if not found:
        return
    section = found[0]
    columns = section.spreadsheet_columns
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(csv_cell(section.labels.get(column, column)) for column in columns)
    records = iter(section.collector(user))
    while True:
        for record in islice(records, batch):
            writer.writerow(csv_cell(record.get(field)) for field in columns)
        chunk = buffer.getvalue()
        if not chunk:
            return
        yield chunk
        buffer.seek(0)
        buffer.truncate(0)


def as_csv(user) -> str:
    return "".join(csv_chunks(user))
