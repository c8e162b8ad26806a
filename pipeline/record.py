"""Record stage: the typed output record, its JSON Schema, and Doc -> record.

The field names are a contract with users' databases: change them only with a new major version.
`Record.model_json_schema()` is the schema `berita schema` prints; there is no second copy.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer

EntityType = Literal["PERSON", "AGENCY", "ORG", "LOC", "ESTATE"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", from_attributes=True)


class Source(Strict):
    path: str | None = Field(None, description="file the article was read from")
    line: int | None = Field(None, description="line a .jsonl or .csv row starts on; row number in a .parquet file")
    url: str | None = None


class Dateline(Strict):
    place: str | None = None
    outlet: str | None = None


class RemovedLine(Strict):
    text: str = Field(description="the furniture line as it was in the page")
    layer: Literal["rule", "template"] = Field(
        description="rule: a pattern of data/furniture.txt; template: a line repeated in many articles of the "
        "same outlet in the batch")


class RepairMade(Strict):
    kind: Literal["sentence_space", "comma_space", "line_join", "word_split"] = Field(
        description="sentence_space: a space after a full stop glued to the next sentence; comma_space: after a "
        "comma glued to the next word; line_join: a line break inside a sentence made a space; word_split: words "
        "glued around a link split into tokens (this kind changes the tokens, not `text`, which keeps the glued form)")
    original: str = Field(description="the words as the page had them")
    repaired: str = Field(description="the same words as they are in `text`; for word_split, the tokens the "
                          "extractors saw, joined by spaces")


class Mention(Strict):
    start: int = Field(description="character offset into `text`")
    end: int = Field(description="end offset (exclusive) into `text`")
    text: str


class Entity(Strict):
    id: str = Field(description="unique within the record, e.g. 'e3'")
    type: EntityType
    name: str = Field(description="canonical name: the longest full form seen")
    acronym: str | None = None
    role: str | None = Field(None, description="PERSON only: role or title as first given")
    mentions: list[Mention]
    admin_level: int | None = Field(
        None, description="LOC only: Kemendagri administrative level: 1 province, 2 regency or city, 3 district, 4 village")
    code: str | None = Field(None, description="LOC only: Kemendagri region code, e.g. '33.74' (Kota Semarang)")


class DateMention(Strict):
    text: str
    value: str | None = Field(description="YYYY-MM-DD, YYYY-MM or YYYY; null when it cannot be resolved")
    start: int
    end: int
    value_end: str | None = Field(None, description="last day of a range such as '19-25 Agustus 2024'")


class Quote(Strict):
    id: str = Field(description="unique within the record, e.g. 'q2'")
    type: Literal["direct", "indirect"]
    text: str = Field(description="the quoted or reported content only")
    start: int
    end: int
    speaker: str | None = Field(description="canonical name of the speaker; null when unknown")
    speaker_id: str | None = Field(description="id of the speaker's entity")
    cue: str | None = Field(description="the cue word(s) as written, e.g. 'katanya', 'mengatakan'")


class Fact(Strict):
    text: str
    value: float = Field(description="the number (lower bound of a range)")
    unit: str | None = Field(description="IDR, USD, persen, a measurement unit or the counted noun")
    start: int
    end: int
    sentence: str | None = Field(description="the sentence the fact stands in; null when longer than 1,000 characters")
    sentence_start: int = Field(description="where that sentence starts in `text`")
    sentence_end: int = Field(description="where it ends (exclusive)")
    subject: str | None = Field(None, description="what is counted or measured")
    value_max: float | None = Field(None, description="upper bound of a range")
    qualifier: str | None = Field(None, description="lebih dari, sekitar, hampir, kurang dari ...")
    ambiguous: bool = Field(False, description="the digits allow another reading (e.g. 35,386)")
    quote_id: str | None = Field(None, description="id of the quote the number is said in")

    @field_serializer("value", "value_max")
    def _plain_number(self, number: float | None):
        # 3178 rather than 3178.0 for counts: the JSON number stays exact either way.
        return int(number) if number is not None and float(number).is_integer() else number


class Warning(BaseModel):
    model_config = ConfigDict(extra="allow")
    code: str
    message: str


class PipelineInfo(Strict):
    version: str
    models: dict[str, str]


class Record(Strict):
    """One article's extraction. Every offset points into `text`."""

    id: str
    source: Source
    title: str | None
    outlet: str | None
    published: date | None = Field(description="publication date, YYYY-MM-DD")
    published_order: Literal["DMY", "MDY"] | None = Field(
        None, description="the order a slash date in the source's `published` was read in (inferred per "
        "source over the batch, or --date-order); null when it was no slash date")
    dateline: Dateline | None
    authors: list[str]
    text: str = Field(description="the cleaned body")
    removed: list[RemovedLine] = Field(description="furniture lines taken out of the page, in page order")
    repairs: list[RepairMade] = Field(default_factory=list, description="scraper noise repaired in `text` (word_split: in the tokens)")
    entities: list[Entity]
    dates: list[DateMention]
    quotes: list[Quote]
    facts: list[Fact]
    warnings: list[Warning]
    meta: dict = Field(default_factory=dict, description="the input's fields that are not berita's own, as given")
    pipeline: PipelineInfo


# The version of the record format, not of berita: the major number changes when a field is
# renamed or removed or changes meaning, the minor number when fields are added.
RECORD_VERSION = "1.0"


def record_schema() -> dict:
    """The JSON Schema of Record, identified by the record version ($id urn:berita:record:X.Y)."""
    schema = Record.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"urn:berita:record:{RECORD_VERSION}"
    return schema
