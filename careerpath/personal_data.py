"""Everything the site holds about one person, collected from every app that stores personal data.

A neutral registry in the project package, so that accounts (which serves "My data") imports none of the apps
above it: they register with it instead.

Each app registers a collector in its AppConfig.ready(): `register("progress", collect_progress)`. A collector takes
a user and returns a list of flat dicts (one per record). "Download my data" asks them all, so data added later joins
the export without editing it.
"""

import csv
import io
import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

Record = dict[str, Any]
Collector = Callable[[Any], list[Record]]

_collectors: dict[str, Collector] = {}


def register(section: str, collector: Collector) -> None:
    """Add a section to every learner's data export."""
    _collectors[section] = collector


def collect(user) -> dict[str, list[Record]]:
    return {section: collector(user) for section, collector in _collectors.items()}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def as_json(user) -> str:
    data = {section: [{key: _plain(value) for key, value in record.items()} for record in records]
            for section, records in collect(user).items()}  # fmt: skip
    return json.dumps(data, indent=2, ensure_ascii=False, default=str)


def as_csv(user) -> str:
    """One table for all sections: section, record number, field, value."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["section", "record", "field", "value"])
    for section, records in collect(user).items():
        for number, record in enumerate(records, start=1):
            for field, value in record.items():
                writer.writerow([section, number, field, "" if value is None else _plain(value)])
    return buffer.getvalue()
