"""The `berita` command: extract, tables, schema, package, evaluate, train.

Exit status: 0 when everything succeeded, 1 when some articles failed, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from pathlib import Path

from pipeline import __version__
from pipeline.io.tables import DUCKDB_FILE, FORMATS as TABLE_FORMATS, table_paths
from pipeline.limits import DEFAULT_MAX_CHARS, DEFAULT_TIMEOUT
from pipeline.spacy_import import import_spacy
from pipeline.spacy_package import DEFAULT_NAME as DEFAULT_PACKAGE_NAME

# With --format parquet|csv|duckdb, the records of `berita extract` go into this file of --out.
RECORDS_FILE = "records.jsonl"

DEFAULT_DATA = Path("../shared/data")
# The article fields a --FIELD-column option names (the fields of pipeline.io.readers.Columns).
COLUMN_FIELDS = {"text": "the article text", "title": "the title", "id": "the article id",
                 "published": "the publication date", "url": "the article's URL", "outlet": "the outlet's name"}

EXAMPLES = f"""examples:
  berita extract corpus/ --out outputs/records.jsonl
  berita extract archive.jsonl pages/ --out out.jsonl --resume
  berita extract berita.csv --text-column isi --format parquet --out tables/
  berita tables out.jsonl --format duckdb --out tables/
  berita schema > record.schema.json
  berita package dist/ && pip install dist/id_berita-{__version__}
  berita evaluate gold ../shared/eval/dev
  berita evaluate ner ../shared/data/idner-news-2k/dev.txt --format conll
  berita evaluate quotes ../shared/data/pfsa-id/dev.txt --format pfsa --json quotes.json
  berita train ner --data ../shared/data --output models/ner-id
  berita train stanza --data ../shared/data --output models/stanza-id
"""


class UsageError(Exception):
    """A mistake in how the command was called (exit status 2)."""


def _add_model_option(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--ner-model", type=Path, help="folder of a trained spaCy NER (default: models/ner-id)")
    group.add_argument("--no-ner", action="store_true", help="rules only, without the statistical NER")


def _add_column_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "columns of .csv/.tsv, .parquet and .jsonl inputs",
        "By default the first column found among common names, case-insensitively: text, isi_berita, "
        "isi, content, body ...; title, judul, headline; id, article_id; published, tanggal_publikasi, "
        "tanggal, date ...; url, link; outlet, media (pipeline/data/input_columns.txt). Other columns "
        "are kept under the article's meta.")
    for field, what in COLUMN_FIELDS.items():
        group.add_argument(f"--{field}-column", metavar="NAME", help=f"the column that holds {what}")


def _columns(args):
    from pipeline.io.readers import Columns

    return Columns(**{field: getattr(args, f"{field}_column") for field in COLUMN_FIELDS})


def _ner_model(args):
    from pipeline.nlp import DEFAULT_NER_MODEL

    if args.no_ner:
        return None
    model = args.ner_model or DEFAULT_NER_MODEL
    if args.ner_model and not Path(model).exists():
        raise UsageError(f"no NER model at {model}")
    return model


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="berita",
        description="Extract entities, dates, quotes and facts from Indonesian news articles "
        "into one JSON record per article.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"berita {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    extract = commands.add_parser(
        "extract",
        help="process articles into JSON records",
        description="Process .jsonl (one article per line: text, optional id, title, published, url, "
        "outlet), .csv/.tsv (a header row, one article per row), .parquet (one article per row), the "
        "row formats also gzip-compressed (.jsonl.gz, .csv.gz), .txt (one raw page per file) and .html "
        "files, or folders of them (recursively; other files in a folder are named on stderr and not "
        "read; hidden files are not inputs), into one JSON record per line of --out. Articles that "
        "cannot be processed are reported on stderr and in OUT.errors.jsonl; the others are still written.",
    )
    extract.add_argument("inputs", nargs="+", metavar="PATH", help="input files or folders")
    extract.add_argument("--out", "-o", type=Path, required=True,
                         help="output JSONL file; with --format parquet, csv or duckdb a folder")
    extract.add_argument("--format", choices=("jsonl",) + TABLE_FORMATS, default="jsonl",
                         help="jsonl (default): one record per line in OUT. parquet, csv, duckdb: OUT is a folder "
                         f"that gets {RECORDS_FILE} (the records, which --resume continues), its errors file, and "
                         "the normalised tables (articles, entities, mentions, quotes, facts, dates, warnings, "
                         "errors; see `berita tables --help`), rebuilt from the records at the end of the run")
    mode = extract.add_mutually_exclusive_group()
    mode.add_argument("--resume", action="store_true", help="keep OUT and skip articles already in it")
    mode.add_argument("--overwrite", action="store_true", help="replace an existing OUT")
    _add_column_options(extract)
    extract.add_argument("--date-order", choices=["DMY", "MDY"],
                         help="read every ambiguous slash date in `published` (05/06/2025) day-first or "
                         "month-first (default: inferred per outlet over the inputs: an outlet with a first "
                         "field over 12 somewhere is day-first, one with a second field over 12 month-first, "
                         "else day-first); each record's published_order says which was used")
    extract.add_argument("--no-templates", action="store_true",
                         help="do not remove lines that repeat in many articles of the same outlet (template "
                         "furniture, learnt in a first pass over the inputs); the line rules still apply")
    extract.add_argument("--batch-size", type=int, default=32, help="articles per batch (default 32)")
    extract.add_argument("--workers", "-j", type=int, default=None,
                         help="processes that extract, each with its own pipeline (default 1; with --engine dask, "
                         "the workers of its LocalCluster, default one per CPU); records keep the input order")
    extract.add_argument("--engine", choices=["local", "dask"], default="local",
                         help="local: processes on this machine (default); dask: Dask distributed workers (needs "
                         "the dask extra: pip install 'berita[dask]'), a LocalCluster unless --scheduler is given")
    extract.add_argument("--scheduler", metavar="ADDRESS",
                         help="with --engine dask: the scheduler of an existing cluster (e.g. tcp://10.0.0.5:8786), "
                         "whose workers have this berita version installed")
    extract.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS, metavar="N",
                         help=f"longest article text kept (default {DEFAULT_MAX_CHARS:,} characters); a longer "
                         "one is cut there, with a 'truncated' warning in its record")
    extract.add_argument("--timeout-per-article", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                         help=f"time budget of one article (default {DEFAULT_TIMEOUT:g} s; an ordinary article takes "
                         "well under 1 s): a runaway article becomes an error line and the batch goes on")
    extract.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    extract.add_argument("--stanza", type=Path, metavar="DIR",
                         help="optional: also run stanza models built by `berita train stanza` (needs the stanza "
                         "extra), which add POS, lemmas (and dependencies) to the tokens; about 8 times slower, "
                         "and the records are the same apart from pipeline.models")
    _add_model_option(extract)

    tables = commands.add_parser(
        "tables", help="convert a JSONL output into normalised tables (Parquet, CSV, DuckDB)",
        description="Convert the records of a berita JSONL output (and RECORDS.jsonl.errors.jsonl beside it, when there "
        "is one) into eight tables keyed by article id: articles, entities, mentions, quotes (with speaker "
        "name, entity id and role), facts, dates, warnings, errors. parquet and csv write <table>.parquet or "
        f"<table>.csv into the folder --out, duckdb writes --out/{DUCKDB_FILE} with primary and foreign keys. "
        "The columns are listed in README.md (Tables). Existing tables are replaced only with --overwrite.")
    tables.add_argument("records", type=Path, metavar="RECORDS.jsonl", help="a JSONL output of berita extract")
    tables.add_argument("--format", choices=TABLE_FORMATS, required=True)
    tables.add_argument("--out", "-o", type=Path, required=True, help="folder for the tables")
    tables.add_argument("--overwrite", action="store_true", help="replace existing tables")

    commands.add_parser("schema", help="print the JSON Schema of the output record")

    package = commands.add_parser(
        "package",
        help="write berita's pipeline as an installable spaCy pipeline package",
        description="Write berita's spaCy pipeline (tokenizer, sentences, the NER model, the four extractors) "
        "as a spaCy pipeline package, the folder OUT/id_NAME-VERSION: `pip install OUT/id_berita-"
        f"{__version__}` installs it (it requires berita, whose code and word lists the components are), "
        "after which spacy.load('id_berita') opens it.",
    )
    package.add_argument("out", type=Path, metavar="OUT", help="folder to write the package folder into")
    package.add_argument("--name", default=DEFAULT_PACKAGE_NAME,
                         help=f"package name after the language prefix (default: {DEFAULT_PACKAGE_NAME}, "
                         f"the package id_{DEFAULT_PACKAGE_NAME})")
    package.add_argument("--version", dest="package_version", metavar="VERSION", default=__version__,
                         help=f"package version (default: berita's, {__version__})")
    package.add_argument("--build", choices=("sdist", "wheel"),
                         help="also build an sdist or a wheel into the package folder's dist/ (spaCy runs "
                         "`python -m build`, which needs the `build` package, else setup.py)")
    package.add_argument("--overwrite", action="store_true", help="replace an existing package folder")
    _add_model_option(package)

    evaluate = commands.add_parser("evaluate", help="measure an extractor on annotated data")
    targets = evaluate.add_subparsers(dest="target", metavar="TARGET", required=True)
    ner = targets.add_parser("ner", help="entity spans against a CoNLL file (PER/ORG/LOC)")
    ner.add_argument("file", type=Path)
    ner.add_argument("--format", choices=["conll"], default="conll")
    ner.add_argument("--pipeline", action="store_true",
                     help="score berita's whole entity stage (rules, gazetteers and model; AGENCY counts as "
                     "ORG, ESTATE as LOC) instead of the statistical NER alone")
    quotes = targets.add_parser("quotes", help="quotes, cues and speakers against PFSA-ID")
    quotes.add_argument("file", type=Path)
    quotes.add_argument("--format", choices=["pfsa"], default="pfsa")
    gold = targets.add_parser(
        "gold", help="the whole pipeline against hand-made gold articles (../shared/eval/dev)"
    )
    gold.add_argument("eval_dir", type=Path, help="folder with articles/, gold/, manifest.csv")
    gold.add_argument("--show", type=int, default=0, help="print the first N misses")
    for sub in (ner, quotes, gold):
        sub.add_argument("--json", type=Path, help="also write the figures as JSON here")
        _add_model_option(sub)

    train = commands.add_parser("train", help="train the NER shipped in models/, or the optional stanza models")
    models = train.add_subparsers(dest="model", metavar="MODEL", required=True)
    train_ner = models.add_parser("ner", help="the statistical NER (PERSON, ORG, LOC)")
    train_ner.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder (default ../shared/data)")
    train_ner.add_argument("--output", type=Path, default=None, help="model folder (default models/ner-id)")
    train_ner.add_argument("--seed", type=int, default=0)
    train_ner.add_argument("--gazetteer-features", action="store_true",
                           help="train the variant whose tok2vec also embeds each token's gazetteer classes "
                                "(region, body, head, role, frequency: pipeline/gazetteer_features.py, "
                                "config pipeline/training/ner_gazetteer.cfg); see models/README.md")
    train_stanza = models.add_parser(
        "stanza", help="the optional stanza POS tagger and lemmatizer (UD Indonesian CSUI; not shipped)",
        description="Train stanza's POS tagger and lemmatizer (and with --depparse a parser) on UD Indonesian "
        "CSUI, offline, and score them on GSD dev. Needs the stanza extra: pip install -e '.[stanza]'.")
    train_stanza.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder (default ../shared/data)")
    train_stanza.add_argument("--output", type=Path, default=None,
                              help="model folder (default models/stanza-id, next to models/ner-id)")
    train_stanza.add_argument("--steps", type=int, default=None, help="tagger (and parser) training steps (default 600)")
    train_stanza.add_argument("--depparse", action="store_true", help="also train a dependency parser")
    return parser


def cmd_extract(args) -> int:
    _check_inputs(args)
    import_spacy(torch=args.stanza is not None)
    from pipeline.batch import PipelineLoadError, run_extract  # spaCy and the rest: after the checks
    from pipeline.io.writers import OutputError, errors_path
    from pipeline.limits import Limits

    records = _records_file(args)
    if _existing_outputs(args, records) and not (args.resume or args.overwrite):
        raise UsageError(f"{args.out} exists; use --resume to continue it or --overwrite to replace it")
    workers = _workers(args)
    if args.batch_size < 1 or args.max_chars < 1:
        raise UsageError("--batch-size and --max-chars must be at least 1")
    if args.timeout_per_article <= 0:
        raise UsageError("--timeout-per-article must be more than 0 seconds")
    progress = not args.quiet and sys.stderr.isatty()
    stanza_dir = _stanza_dir(args)
    try:
        summary = run_extract(args.inputs, records, resume=args.resume, ner_model=_ner_model(args),
                              batch_size=args.batch_size, progress=progress, workers=workers,
                              stanza_dir=stanza_dir, columns=_columns(args),
                              limits=Limits(args.max_chars, args.timeout_per_article), engine=args.engine,
                              scheduler=args.scheduler, templates=not args.no_templates,
                              date_order=args.date_order)
    except FileNotFoundError as error:
        raise UsageError(str(error)) from None
    except OutputError as error:  # disk full, an output that is an input or not ours: one line, exit 2
        raise UsageError(str(error)) from None
    except PipelineLoadError as error:
        raise UsageError(str(error)) from None
    if not args.quiet:
        unread = f", {summary.unread_files} files not read (named above)" if summary.unread_files else ""
        if summary.unreadable_published:
            unread += f", {summary.unreadable_published} with an unreadable published date (kept without it)"
        print(f"berita: {summary.written} written, {summary.skipped} already done, {summary.failed} failed"
              f"{unread} -> {records}", file=sys.stderr)
    if args.format != "jsonl":
        _write_tables(records, errors_path(records), args.format, args.out, args.quiet)
    return 1 if summary.failed else 0


def _check_inputs(args) -> None:
    """Stop on inputs that cannot be read (a missing path, an unknown file type, nothing to read)
    before anything loads or any output is created: in well under a second, not after the models."""
    from pipeline.io.readers import check_inputs

    problems = check_inputs(args.inputs, _columns(args))
    if problems:
        raise UsageError("\nberita: error: ".join(problems))


def _records_file(args) -> Path:
    """The JSONL file the records go to: --out, or records.jsonl in the --out folder of a table format."""
    if args.format == "jsonl":
        return args.out
    _check_folder(args.out, args.format)
    return args.out / RECORDS_FILE


def _check_folder(out: Path, table_format: str) -> None:
    if out.exists() and not out.is_dir():
        raise UsageError(f"with --format {table_format}, --out is a folder, and {out} is a file")


def _existing_outputs(args, records: Path) -> list[Path]:
    """The outputs of this run that already exist (and hold something)."""
    outputs = [records] if args.format == "jsonl" else [records, *table_paths(args.out, args.format).values()]
    return [path for path in dict.fromkeys(outputs) if path.exists() and path.stat().st_size]


def _write_tables(records: Path, errors: Path, table_format: str, out: Path, quiet: bool) -> None:
    from pipeline.io.tables import records_to_tables

    try:
        counts = records_to_tables(records, errors, table_format, out)
    except OSError as error:  # a full disk, a read-only folder: the earlier tables stay
        raise UsageError(f"cannot write the tables in {out}: {error}") from None
    if not quiet:
        print(f"berita: tables ({table_format}) -> {out}: " + ", ".join(f"{name} {n}" for name, n in counts.items()),
              file=sys.stderr)


def cmd_tables(args) -> int:
    from pipeline.io.writers import errors_path

    if not args.records.is_file():
        raise UsageError(f"no such file: {args.records}")
    _check_folder(args.out, args.format)
    existing = [p for p in dict.fromkeys(table_paths(args.out, args.format).values()) if p.exists()]
    if existing and not args.overwrite:
        raise UsageError(f"{existing[0]} exists; use --overwrite to replace the tables")
    try:
        _write_tables(args.records, errors_path(args.records), args.format, args.out, quiet=False)
    except ValueError as error:  # not a berita output
        raise UsageError(str(error)) from None
    return 0


def _workers(args) -> int:
    """--workers checked against --engine and --scheduler, and a missing Dask extra named before
    anything loads."""
    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers must be at least 1")
    if args.engine == "local":
        if args.scheduler:
            raise UsageError("--scheduler needs --engine dask")
        return args.workers or 1
    if args.scheduler and args.workers:
        raise UsageError("--workers sets the size of a LocalCluster; the cluster at --scheduler has its own workers")
    if importlib.util.find_spec("distributed") is None:
        raise UsageError("--engine dask needs Dask distributed: pip install 'berita[dask]'")
    return args.workers or os.cpu_count() or 1


def _stanza_dir(args) -> Path | None:
    """--stanza, checked before anything loads, so that a missing model or stanza itself is named
    with how to get it."""
    if args.stanza is None:
        return None
    from pipeline.stanza_backend import import_stanza, model_paths

    try:
        import_stanza()
        model_paths(args.stanza)
    except (ImportError, FileNotFoundError) as error:
        raise UsageError(str(error)) from None
    return args.stanza


def _emit(result: dict, report: str, json_path: Path | None) -> int:
    print(report)
    if json_path:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


def cmd_evaluate(args) -> int:
    from pipeline.extraction import build_pipeline

    path = args.eval_dir if args.target == "gold" else args.file
    if not path.exists():
        raise UsageError(f"no such file or folder: {path}")
    if args.target == "gold":
        from pipeline.evaluation.gold import evaluate_gold, format_gold_report

        result = evaluate_gold(args.eval_dir, ner_model=_ner_model(args), show=args.show)
        return _emit(result, format_gold_report(result), args.json)
    if args.target == "ner":
        from pipeline.evaluation.ner import evaluate_ner, format_ner_report
        from pipeline.nlp import build_nlp

        model = _ner_model(args)
        if not args.pipeline and (model is None or not Path(model).exists()):
            raise UsageError("no NER model to evaluate (train one, or use --pipeline for the rules)")
        nlp = build_pipeline(model) if args.pipeline else build_nlp(model)
        result = evaluate_ner(nlp, args.file)
        return _emit(result, format_ner_report(result), args.json)
    from pipeline.evaluation.quotes import evaluate_pfsa, format_quote_report

    result = evaluate_pfsa(build_pipeline(_ner_model(args)), args.file)
    return _emit(result, format_quote_report(result), args.json)


def cmd_package(args) -> int:
    from pipeline.spacy_package import PackageError, build_package, check_package

    settings = {"name": args.name, "version": args.package_version, "build": args.build, "overwrite": args.overwrite}
    try:
        check_package(args.out, **settings)  # before the pipeline loads
        from pipeline.extraction import build_pipeline

        folder = build_package(build_pipeline(_ner_model(args)), args.out, **settings)
    except PackageError as error:
        raise UsageError(str(error)) from None
    built = f" and {args.build} in {folder / 'dist'}" if args.build else ""
    print(f"wrote {folder}{built}; install it with: pip install {folder}")
    return 0


def cmd_train(args) -> int:
    if not args.data.exists():
        raise UsageError(f"no training data folder at {args.data}")
    if args.model == "stanza":
        result = _train_stanza(args)
    else:
        from pipeline.nlp import DEFAULT_NER_MODEL
        from pipeline.training.ner import train_ner

        result = train_ner(args.data, args.output or DEFAULT_NER_MODEL, seed=args.seed,
                           gazetteer_features=args.gazetteer_features)
    print(json.dumps(result, indent=1))
    return 0


def _train_stanza(args) -> dict:
    from pipeline.stanza_backend import DEFAULT_STANZA_MODEL, import_stanza
    from pipeline.training.stanza import train_stanza

    if args.steps is not None and args.steps < 1:
        raise UsageError("--steps must be at least 1")
    try:
        import_stanza()
        return train_stanza(args.data, args.output or DEFAULT_STANZA_MODEL, steps=args.steps, depparse=args.depparse)
    except (ImportError, FileNotFoundError) as error:
        raise UsageError(str(error)) from None


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "extract":
            return cmd_extract(args)
        if args.command == "tables":
            return cmd_tables(args)
        if args.command == "schema":
            from pipeline.record import record_schema

            print(json.dumps(record_schema(), indent=1))
            return 0
        if args.command == "evaluate":
            return cmd_evaluate(args)
        if args.command == "package":
            return cmd_package(args)
        return cmd_train(args)
    except UsageError as error:
        parser.exit(2, f"berita: error: {error}\n")
    except KeyboardInterrupt:
        parser.exit(130, "berita: interrupted; rerun with --resume to continue\n")


if __name__ == "__main__":
    sys.exit(main())
