"""Write stage, tables: records as normalised tables keyed by article id, for databases and pandas.

The nested record becomes eight flat tables (articles, entities, mentions, quotes, facts, dates,
warnings, errors) whose column names say what they hold (`quote_text`, `fact_value`, never a bare
`id` or `text`), written as Parquet files, CSV files or one DuckDB database with primary and foreign
keys, or returned as pandas DataFrames. Rows are written in batches of records, so a table of any
size is never held whole; the files appear under their names only once complete.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

FORMATS = ("parquet", "csv", "duckdb")
DUCKDB_FILE = "berita.duckdb"
# Records per written batch: one Parquet row group, one DuckDB insert per table.
BATCH_RECORDS = 500


@dataclass(frozen=True)
class Table:
    """One output table: its columns as (name, type) with type in string, int, float, bool,
    date; its primary key; its foreign keys as (columns, table, referenced columns)."""

    name: str
    columns: tuple[tuple[str, str], ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [name for name, _ in self.columns]


ARTICLE_KEY = ((("article_id",), "articles", ("article_id",)),)
TABLES = (
    Table("articles", (
        ("article_id", "string"), ("title", "string"), ("outlet", "string"), ("published", "date"),
        ("url", "string"), ("source_path", "string"), ("source_line", "int"), ("dateline_place", "string"),
        ("dateline_outlet", "string"), ("authors", "string"), ("text", "string"), ("removed", "string"),
        ("meta", "string"), ("pipeline_version", "string"), ("pipeline_models", "string"),
    ), ("article_id",)),
    Table("entities", (
        ("article_id", "string"), ("entity_id", "string"), ("entity_type", "string"), ("entity_name", "string"),
        ("acronym", "string"), ("role", "string"), ("mention_count", "int"), ("admin_level", "int"),
        ("region_code", "string"),
    ), ("article_id", "entity_id"), ARTICLE_KEY),
    Table("mentions", (
        ("article_id", "string"), ("entity_id", "string"), ("mention_index", "int"), ("mention_start", "int"),
        ("mention_end", "int"), ("mention_text", "string"),
    ), ("article_id", "entity_id", "mention_index"),
        ((("article_id", "entity_id"), "entities", ("article_id", "entity_id")),)),
    Table("quotes", (
        ("article_id", "string"), ("quote_id", "string"), ("quote_type", "string"), ("quote_text", "string"),
        ("quote_start", "int"), ("quote_end", "int"), ("speaker_name", "string"), ("speaker_entity_id", "string"),
        ("speaker_role", "string"), ("cue", "string"),
    ), ("article_id", "quote_id"),
        ARTICLE_KEY + ((("article_id", "speaker_entity_id"), "entities", ("article_id", "entity_id")),)),
    Table("facts", (
        ("article_id", "string"), ("fact_index", "int"), ("fact_text", "string"), ("fact_value", "float"),
        ("fact_value_max", "float"), ("unit", "string"), ("qualifier", "string"), ("subject", "string"),
        ("ambiguous", "bool"), ("fact_start", "int"), ("fact_end", "int"), ("sentence", "string"),
        ("sentence_start", "int"), ("sentence_end", "int"), ("quote_id", "string"),
    ), ("article_id", "fact_index"),
        ARTICLE_KEY + ((("article_id", "quote_id"), "quotes", ("article_id", "quote_id")),)),
    Table("dates", (
        ("article_id", "string"), ("date_index", "int"), ("date_text", "string"), ("date_value", "string"),
        ("date_value_end", "string"), ("date_start", "int"), ("date_end", "int"),
    ), ("article_id", "date_index"), ARTICLE_KEY),
    Table("warnings", (
        ("article_id", "string"), ("warning_index", "int"), ("warning_code", "string"),
        ("warning_message", "string"), ("details", "string"),
    ), ("article_id", "warning_index"), ARTICLE_KEY),
    Table("errors", (
        ("error_index", "int"), ("article_id", "string"), ("source_path", "string"), ("source_line", "int"),
        ("error_message", "string"),
    ), ("error_index",)),
)
TABLE_BY_NAME = {table.name: table for table in TABLES}


def _json_or_none(value) -> str | None:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else None


def article_rows(record: dict) -> list[dict]:
    source, dateline, pipeline = record.get("source") or {}, record.get("dateline") or {}, record.get("pipeline") or {}
    published = record.get("published")
    return [{
        "article_id": record["id"], "title": record.get("title"), "outlet": record.get("outlet"),
        "published": date.fromisoformat(published) if published else None, "url": source.get("url"),
        "source_path": source.get("path"), "source_line": source.get("line"),
        "dateline_place": dateline.get("place"), "dateline_outlet": dateline.get("outlet"),
        # Author codes never hold this separator; removed lines keep their layer, as JSON text.
        "authors": "; ".join(record.get("authors") or []) or None, "text": record.get("text"),
        "removed": _json_or_none(record.get("removed")), "meta": _json_or_none(record.get("meta")),
        "pipeline_version": pipeline.get("version"), "pipeline_models": _json_or_none(pipeline.get("models")),
    }]


def entity_rows(record: dict) -> list[dict]:
    return [{"article_id": record["id"], "entity_id": e["id"], "entity_type": e["type"], "entity_name": e["name"],
             "acronym": e.get("acronym"), "role": e.get("role"), "mention_count": len(e.get("mentions", [])),
             "admin_level": e.get("admin_level"), "region_code": e.get("code")}
            for e in record.get("entities", [])]


def mention_rows(record: dict) -> list[dict]:
    return [{"article_id": record["id"], "entity_id": e["id"], "mention_index": index, "mention_start": m["start"],
             "mention_end": m["end"], "mention_text": m["text"]}
            for e in record.get("entities", []) for index, m in enumerate(e.get("mentions", []))]


def quote_rows(record: dict) -> list[dict]:
    roles = {e["id"]: e.get("role") for e in record.get("entities", [])}
    return [{"article_id": record["id"], "quote_id": q["id"], "quote_type": q["type"], "quote_text": q["text"],
             "quote_start": q["start"], "quote_end": q["end"], "speaker_name": q.get("speaker"),
             "speaker_entity_id": q.get("speaker_id"), "speaker_role": roles.get(q.get("speaker_id")), "cue": q.get("cue")}
            for q in record.get("quotes", [])]


def fact_rows(record: dict) -> list[dict]:
    return [{"article_id": record["id"], "fact_index": index, "fact_text": f["text"], "fact_value": f["value"],
             "fact_value_max": f.get("value_max"), "unit": f.get("unit"), "qualifier": f.get("qualifier"),
             "subject": f.get("subject"), "ambiguous": f.get("ambiguous", False), "fact_start": f["start"],
             "fact_end": f["end"], "sentence": f.get("sentence"), "sentence_start": f.get("sentence_start"),
             "sentence_end": f.get("sentence_end"), "quote_id": f.get("quote_id")}
            for index, f in enumerate(record.get("facts", []))]


def date_rows(record: dict) -> list[dict]:
    return [{"article_id": record["id"], "date_index": index, "date_text": d["text"], "date_value": d.get("value"),
             "date_value_end": d.get("value_end"), "date_start": d["start"], "date_end": d["end"]}
            for index, d in enumerate(record.get("dates", []))]


def warning_rows(record: dict) -> list[dict]:
    return [{"article_id": record["id"], "warning_index": index, "warning_code": w["code"],
             "warning_message": w.get("message"),
             "details": _json_or_none({k: v for k, v in w.items() if k not in ("code", "message")})}
            for index, w in enumerate(record.get("warnings", []))]


RECORD_TABLES = {"articles": article_rows, "entities": entity_rows, "mentions": mention_rows, "quotes": quote_rows,
                 "facts": fact_rows, "dates": date_rows, "warnings": warning_rows}


def error_rows(errors: Iterable[dict], first_index: int = 0) -> list[dict]:
    """Rows of the errors table from the lines of an errors file ({id, source, line, error})."""
    return [{"error_index": index, "article_id": e.get("id"), "source_path": e.get("source"),
             "source_line": e.get("line"), "error_message": e.get("error")}
            for index, e in enumerate(errors, start=first_index)]


def as_dict(record) -> dict:
    """A record as its JSON dict: a Record object is dumped, a dict is taken as it is."""
    return record.model_dump(mode="json") if hasattr(record, "model_dump") else record


def table_batches(records: Iterable, errors: Iterable[dict] = ()) -> Iterator[dict[str, list[dict]]]:
    """The rows of all tables, {table: rows}, a batch of BATCH_RECORDS records at a time, the
    errors last; every table's key appears in each batch, in the order of TABLES (parents first)."""
    batch_records = BATCH_RECORDS
    batch = {table.name: [] for table in TABLES}
    count = 0
    for record in records:
        record = as_dict(record)
        for name, rows in RECORD_TABLES.items():
            batch[name].extend(rows(record))
        count += 1
        if count % batch_records == 0:
            yield batch
            batch = {table.name: [] for table in TABLES}
    batch["errors"] = error_rows(errors)
    yield batch


def arrow_schema(table: Table):
    import pyarrow as pa

    types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "date": pa.date32()}
    return pa.schema([(name, types[kind]) for name, kind in table.columns])


def arrow_table(table: Table, rows: list[dict]):
    import pyarrow as pa

    return pa.Table.from_pylist(rows, schema=arrow_schema(table))


class ParquetTables:
    """One Parquet file per table in a folder; each batch of rows becomes a row group."""

    def __init__(self, paths: dict[str, Path]):
        import pyarrow.parquet as pq

        self.writers = {name: pq.ParquetWriter(path, arrow_schema(TABLE_BY_NAME[name])) for name, path in paths.items()}

    def write(self, batch: dict[str, list[dict]]) -> None:
        for name, rows in batch.items():
            if rows:
                self.writers[name].write_table(arrow_table(TABLE_BY_NAME[name], rows))

    def close(self) -> None:
        for writer in self.writers.values():
            writer.close()


class CsvTables:
    """One CSV file per table in a folder (UTF-8, a header row; null is an empty field)."""

    def __init__(self, paths: dict[str, Path]):
        self.handles = {name: open(path, "w", encoding="utf-8", newline="") for name, path in paths.items()}
        self.writers = {name: csv.writer(handle) for name, handle in self.handles.items()}
        for name, writer in self.writers.items():
            writer.writerow(TABLE_BY_NAME[name].column_names)

    def write(self, batch: dict[str, list[dict]]) -> None:
        for name, rows in batch.items():
            columns = TABLE_BY_NAME[name].column_names
            self.writers[name].writerows([_csv_cell(row[c]) for c in columns] for row in rows)

    def close(self) -> None:
        for handle in self.handles.values():
            handle.close()


def _csv_cell(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def duckdb_create(table: Table) -> str:
    """The CREATE TABLE statement of a table, with its primary and foreign keys."""
    types = {"string": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "bool": "BOOLEAN", "date": "DATE"}
    parts = [f"{name} {types[kind]}" + (" NOT NULL" if name in table.primary_key else "") for name, kind in table.columns]
    parts.append(f"PRIMARY KEY ({', '.join(table.primary_key)})")
    for columns, parent, referenced in table.foreign_keys:
        parts.append(f"FOREIGN KEY ({', '.join(columns)}) REFERENCES {parent} ({', '.join(referenced)})")
    return f"CREATE TABLE {table.name} (\n  " + ",\n  ".join(parts) + "\n)"


class DuckDBTables:
    """All tables in one DuckDB database file, with primary and foreign keys; each batch is one
    insert per table, parents first."""

    def __init__(self, path: Path):
        import duckdb

        self.connection = duckdb.connect(str(path))
        for table in TABLES:
            self.connection.execute(duckdb_create(table))

    def write(self, batch: dict[str, list[dict]]) -> None:
        for name, rows in batch.items():
            if rows:
                self.connection.register("batch_rows", arrow_table(TABLE_BY_NAME[name], rows))
                self.connection.execute(f"INSERT INTO {name} SELECT * FROM batch_rows")
                self.connection.unregister("batch_rows")

    def close(self) -> None:
        self.connection.close()


def table_paths(out_dir: Path, table_format: str) -> dict[str, Path]:
    """Where each table goes: `<out_dir>/<table>.parquet|.csv`; for DuckDB every table maps to
    `<out_dir>/berita.duckdb`."""
    if table_format == "duckdb":
        return {table.name: out_dir / DUCKDB_FILE for table in TABLES}
    suffix = {"parquet": ".parquet", "csv": ".csv"}[table_format]
    return {table.name: out_dir / f"{table.name}{suffix}" for table in TABLES}


def write_tables(records: Iterable, errors: Iterable[dict], table_format: str, out_dir: Path) -> dict[str, int]:
    """Write the tables of `records` (Record objects or their dicts) and `errors` (lines of an
    errors file) into `out_dir` as Parquet, CSV or DuckDB (`table_format`).

    The files are written under temporary names and renamed when complete, replacing earlier
    ones; an interrupted run leaves the earlier files, never half a table. Returns the number of
    rows written to each table.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    final = table_paths(out_dir, table_format)
    partial = {name: path.with_name(path.name + ".part") for name, path in final.items()}
    for path in set(partial.values()):
        path.unlink(missing_ok=True)
    try:
        counts = {table.name: 0 for table in TABLES}
        writer = _open_writer(table_format, partial)
        try:
            for batch in table_batches(records, errors):
                writer.write(batch)
                for name, rows in batch.items():
                    counts[name] += len(rows)
        finally:
            writer.close()
    except BaseException:
        for path in set(partial.values()):
            path.unlink(missing_ok=True)
        raise
    for path in dict.fromkeys(final.values()):
        os.replace(path.with_name(path.name + ".part"), path)
    return counts


def _open_writer(table_format: str, paths: dict[str, Path]):
    if table_format == "duckdb":
        return DuckDBTables(next(iter(paths.values())))
    return {"parquet": ParquetTables, "csv": CsvTables}[table_format](paths)


def read_jsonl_lines(path: Path) -> Iterator[dict]:
    """The JSON objects of a JSONL file, one line at a time; raises ValueError naming the line
    that is not one (an output torn by an interrupted run: `berita extract --resume` repairs it)."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError:
                raise ValueError(f"{path}:{number} is not a JSON line") from None
            if not isinstance(obj, dict):
                raise ValueError(f"{path}:{number} is not a JSON object")
            yield obj


def records_to_tables(records_path: Path, errors_file: Path | None, table_format: str, out_dir: Path) -> dict[str, int]:
    """The tables of a berita JSONL output (and of its errors file, when it exists) in `out_dir`.

    Raises ValueError when a line is not a berita record. Returns the rows written per table.
    """
    def records():
        for number, record in enumerate(read_jsonl_lines(records_path), start=1):
            if "id" not in record or "entities" not in record:
                raise ValueError(f"{records_path}:{number} is not a berita record")
            yield record

    errors = read_jsonl_lines(errors_file) if errors_file is not None and errors_file.exists() else ()
    return write_tables(records(), errors, table_format, out_dir)


def to_frames(records: Iterable, errors: Iterable[dict] = ()) -> dict:
    """The tables of `records` (Record objects or their JSON dicts) as pandas DataFrames.

    errors: lines of an errors file ({id, source, line, error}), for the errors table.
    Returns {table name: DataFrame} for the eight tables, with the columns and types of the
    Parquet and DuckDB outputs (nullable Int64 and boolean columns, `published` as datetime64).
    """
    import pandas as pd
    import pyarrow as pa

    rows = {table.name: [] for table in TABLES}
    for batch in table_batches(records, errors):
        for name, batch_rows in batch.items():
            rows[name].extend(batch_rows)
    nullable = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}
    return {table.name: arrow_table(table, rows[table.name]).to_pandas(types_mapper=nullable.get, date_as_object=False)
            for table in TABLES}
