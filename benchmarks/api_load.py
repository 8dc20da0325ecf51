"""Load on the web app: bounded concurrent readers against `narrascope serve` on 127.0.0.1.

    python benchmarks/api_load.py                      # build the store if needed, serve it, load it
    python benchmarks/api_load.py --clients 20 --seconds 30 --workers 1 --db postgresql://...

The store holds >= 5,000 analysed articles: the ~1,700 training articles of all five languages are
analysed once with the pipeline stages that exist (cached under --cache), labels the pipeline cannot
give yet (narratives, roles) are filled from the training annotations so that the corpus views have
realistic content, and each analysis is stored three times with distinct ids, outlets and dates.
Prints requests/s, p50/p99 latency and errors per kind of page. Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEMEVAL = REPO.parent / "shared" / "data" / "semeval2025-task10" / "train"
LANGUAGES = ("EN", "BG", "HI", "PT", "RU")
OUTLETS = [f"Outlet {name}" for name in "ABCDEFGHIJKL"]
COPIES = 3


def usable_stages(names: list[str]) -> list[str]:
    from narrascope.pipeline import build_stage
    from narrascope.settings import get_settings

    usable = []
    for name in names:
        try:
            build_stage(name, get_settings())
        except Exception as error:  # noqa: BLE001 - a stage still being written is left out, and said so
            print(f"stage {name!r} left out: {error!r}", file=sys.stderr)
            continue
        usable.append(name)
    return usable


def gold_labels(language: str) -> tuple[dict, dict]:
    folder = SEMEVAL / language
    narratives: dict[str, list[tuple[str, str]]] = {}
    annotations = (folder / "subtask-2-annotations.txt").read_text(encoding="utf-8").replace("\r", "")
    for line in annotations.splitlines():
        if not line.strip():
            continue
        article, coarse, fine = (line.split("\t") + ["", ""])[:3]
        pairs = []
        for sub in fine.split(";"):
            sub = sub.strip()
            parent = sub.rsplit(":", 1)[0].strip() if sub.count(":") >= 2 else sub
            pairs.append((parent, sub if sub != parent else None))
        narratives[article] = pairs or [(c.strip(), None) for c in coarse.split(";")]
    roles: dict[str, list[tuple[str, int, int, str, list[str]]]] = defaultdict(list)
    annotations = (folder / "subtask-1-annotations.txt").read_text(encoding="utf-8").replace("\r", "")
    for line in annotations.splitlines():
        fields = line.split("\t")
        if len(fields) >= 6:
            roles[fields[0]].append((fields[1], int(fields[2]), int(fields[3]) + 1, fields[4], fields[5:]))
    return narratives, roles


def with_gold_labels(analysis, narratives: dict, roles: dict):
    """Fill the labels no stage gave from the annotations (evidence: the first sentences / the mention's
    sentence)."""
    from narrascope.model import Entity, Mention, NarrativeLabel, RoleLabel

    key = analysis.article.id
    if "narratives" not in analysis.stages and analysis.sentences:
        for i, (narrative, sub) in enumerate(narratives.get(key, [])):
            sentence = analysis.sentences[min(i, len(analysis.sentences) - 1)]
            domain = narrative.split(":")[0] if ":" in narrative else None
            analysis.narratives.append(
                NarrativeLabel(domain=domain, narrative=narrative, subnarrative=sub, score=1.0,
                               evidence=[analysis.evidence(sentence.start, sentence.end, 1.0)])
            )
    if "framing" not in analysis.stages and analysis.sentences:
        for text, raw_start, raw_end, main_role, fine in roles.get(key, []):
            start, end = analysis.article.to_clean(raw_start), analysis.article.to_clean(raw_end - 1)
            if start is None or end is None or main_role not in ("Protagonist", "Antagonist", "Innocent"):
                continue
            sentence_index = analysis.sentence_index(start)
            entity = next(
                (e for e in analysis.entities if any(m.start <= end and start < m.end for m in e.mentions)),
                None,
            )
            if entity is None:  # the entities stage missed it: add it as annotated
                entity = analysis.entity(f"gold:{text.lower()}")
            if entity is None:
                entity = Entity(id=f"gold:{text.lower()}", name=text, type="GOLD", aliases=[text])
                analysis.entities.append(entity)
            if entity.id.startswith("gold:"):
                entity.mentions.append(
                    Mention(start=start, end=end + 1, text=analysis.text[start : end + 1], label="GOLD",
                            sentence=sentence_index)
                )
            entity_id = entity.id
            if not any(r.entity_id == entity_id for r in analysis.roles):
                sentence = analysis.sentences[sentence_index]
                analysis.roles.append(
                    RoleLabel(entity_id=entity_id, main_role=main_role, fine_roles=fine, score=1.0,
                              evidence=[analysis.evidence(sentence.start, sentence.end, 1.0)])
                )
    return analysis


def analysed_articles(cache: Path) -> list[dict]:
    """The training articles analysed once (cached as JSONL, one Analysis per line)."""
    from narrascope.ingest import read_sources
    from narrascope.pipeline import Pipeline
    from narrascope.settings import get_settings

    stages = usable_stages(get_settings().pipeline)
    path = cache / f"analyses-{'-'.join(stages)}.jsonl"
    if path.exists():
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    pipeline = Pipeline(stages)
    cache.mkdir(parents=True, exist_ok=True)
    rows, started = [], time.perf_counter()
    for language in LANGUAGES:
        narratives, roles = gold_labels(language)
        folder = SEMEVAL / language / "raw-documents"
        for result in pipeline.pipe(read_sources([str(folder)])):
            if isinstance(result, Exception):
                print(f"skipped: {result}", file=sys.stderr)
                continue
            result.article.language = language.lower()
            rows.append(with_gold_labels(result, narratives, roles).model_dump(mode="json"))
        print(
            f"analysed {language}: {len(rows)} articles so far, {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return rows


def build_store(db: str, cache: Path) -> int:
    from narrascope.model import Analysis
    from narrascope.store import Corpus

    corpus = Corpus(db)
    existing = corpus.counts()["articles"]
    if existing >= 5000:
        return existing
    rows = analysed_articles(cache)
    random.seed(7)
    started = time.perf_counter()
    for copy in range(COPIES):
        for i, row in enumerate(rows):
            analysis = Analysis.model_validate(row)
            article = analysis.article
            article.id = f"{article.id}#{copy}"
            # a distinct content hash; offsets into the text are unchanged
            article.raw_text += " " * (copy + 1)
            article.url = f"https://news.example/{copy}/{i}"
            article.outlet = random.choice(OUTLETS)
            article.published = date(2022, 2, 24) + timedelta(days=random.randrange(0, 900))
            article.title = article.title or article.text.strip().split("\n")[0][:120]
            corpus.save(analysis)
    print(f"stored {COPIES * len(rows)} analyses in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return corpus.counts()["articles"]


def targets(base: str, db: str) -> dict[str, list[str]]:
    """URLs per kind of page, drawn from the store so that every one exists."""
    from sqlalchemy import select

    from narrascope.store import Corpus
    from narrascope.store.schema import ArticleRow, EntityRow

    corpus = Corpus(db)
    with corpus.sessions() as session:
        ids = list(session.scalars(select(ArticleRow.id)))  # every article, so that few requests repeat
        entities = [row["id"] for row in corpus.entities(per_page=100).items]
        entities += random.Random(3).sample(list(session.scalars(select(EntityRow.id))), 200)
    words = ["Ukraine", "climate", "Putin", "NATO", "sanctions", "energy", "war", "Biden"]
    outlet_filters = [f"?outlet={o.replace(' ', '+')}" for o in OUTLETS[:4]] + [
        "?domain=URW",
        "?domain=CC",
        "?date_from=2023-01-01&date_to=2023-06-30",
        "",
    ]
    return {
        "article page": [f"{base}/articles/{i}" for i in ids],
        "article json": [f"{base}/articles/{i}.json" for i in ids],
        "corpus page": [f"{base}/corpus{f}" for f in outlet_filters],
        "corpus json": [f"{base}/corpus.json{f}" for f in outlet_filters],
        "search": [f"{base}/articles?q={w}" for w in words]
        + [f"{base}/articles?page={p}" for p in range(1, 50)],
        "entity page": [f"{base}/entities/{i}" for i in entities],
        "quotes, claims, narratives": [
            f"{base}/quotes.json",
            f"{base}/claims",
            f"{base}/narratives.json?by=week",
        ],
    }


async def load(urls: dict[str, list[str]], clients: int, seconds: float) -> tuple[dict, dict]:
    import httpx

    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    kinds = list(urls)
    deadline = time.perf_counter() + seconds

    async def client(number: int) -> None:
        rng = random.Random(number)
        async with httpx.AsyncClient(timeout=30.0) as http:
            while time.perf_counter() < deadline:
                kind = rng.choice(kinds)
                url = rng.choice(urls[kind])
                assert url.startswith("http://127.0.0.1:")
                started = time.perf_counter()
                try:
                    response = await http.get(url)
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                latencies[kind].append(time.perf_counter() - started)
                if not ok:
                    errors[kind] += 1

    await asyncio.gather(*(client(i) for i in range(clients)))
    return latencies, errors


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def cpu_seconds(pid: int) -> float:
    """CPU time of a process and its children (the uvicorn workers), from /proc."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat.parent.name) == pid or int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def wait_until_up(url: str, server: subprocess.Popen) -> None:
    import httpx

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server exited")
        try:
            if httpx.get(url, timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit("the server did not come up")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="sqlite:////work/cache/store/load.db")
    parser.add_argument("--cache", type=Path, default=Path("/work/cache/store"))
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--warmup", type=float, default=3.0)
    args = parser.parse_args()

    articles = build_store(args.db, args.cache)
    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from narrascope.cli import app; app()",
            "serve",
            "--db",
            args.db,
            "--host",
            "127.0.0.1",
            "--port",
            str(args.port),
            "--workers",
            str(args.workers),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(f"{base}/corpus.json", server)
        urls = targets(base, args.db)
        asyncio.run(load(urls, args.clients, args.warmup))  # fills the caches a long-running server has warm
        server_cpu = cpu_seconds(server.pid)
        latencies, errors = asyncio.run(load(urls, args.clients, args.seconds))
        server_cpu = cpu_seconds(server.pid) - server_cpu
    finally:
        server.terminate()
        server.wait(timeout=30)

    total = sum(len(v) for v in latencies.values())
    print(
        f"store: {articles} articles ({args.db}); {args.clients} clients for {args.seconds:.0f} s; "
        f"{args.workers} server worker(s); client and server share this machine"
    )
    print(f"{'page':<28}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for kind, values in latencies.items():
        print(
            f"{kind:<28}{len(values):>9}{len(values) / args.seconds:>8.1f}"
            f"{percentile(values, 50) * 1000:>9.1f}{percentile(values, 99) * 1000:>9.1f}{errors[kind]:>8}"
        )
    everything = [v for values in latencies.values() for v in values]
    print(
        f"{'all':<28}{total:>9}{total / args.seconds:>8.1f}{percentile(everything, 50) * 1000:>9.1f}"
        f"{percentile(everything, 99) * 1000:>9.1f}{sum(errors.values()):>8}"
    )
    print(
        f"server CPU: {server_cpu:.1f} s in {args.seconds:.0f} s "
        f"({1000 * server_cpu / max(total, 1):.1f} ms per request); "
        f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )


if __name__ == "__main__":
    main()
