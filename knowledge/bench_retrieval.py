"""Retrieval quality on the bilingual question set: recall@1, recall@3 and MRR per language.

Run: ``.venv/bin/python -m knowledge.bench_retrieval [--provider e5+use|use] [--questions PATH]``.
Ingests demo/clinic into a temporary data dir, then asks every question of
evals/data/retrieval_questions.jsonl. A question is a hit at k when a chunk of its ``expected_doc`` is
among the top k chunks ("lenient" also accepts its ``alt_docs``).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _rank(sources: list[str], accepted: set[str]) -> int | None:
    for i, source in enumerate(sources, start=1):
        if source in accepted:
            return i
    return None


def evaluate(
    retrieve: Any, questions: list[dict[str, Any]], doc_language: dict[str, str], k: int = 10
) -> dict[str, dict[str, float]]:
    groups: dict[str, list[tuple[int | None, int | None]]] = defaultdict(list)
    for q in questions:
        sources = [c.source for c in retrieve(q["q"], k=k)]
        strict = _rank(sources, {q["expected_doc"]})
        lenient = _rank(sources, {q["expected_doc"], *q.get("alt_docs", [])})
        keys = ["all", q["lang"]]
        if q["lang"] == "en" and doc_language.get(q["expected_doc"]) == "es":
            keys.append("en→es docs")
        for key in keys:
            groups[key].append((strict, lenient))
    table = {}
    for key, ranks in groups.items():
        n = len(ranks)
        table[key] = {
            "n": n,
            "recall@1": sum(1 for s, _ in ranks if s == 1) / n,
            "recall@3": sum(1 for s, _ in ranks if s is not None and s <= 3) / n,
            "mrr": sum(1 / s for s, _ in ranks if s is not None) / n,
            "lenient recall@3": sum(1 for _, s in ranks if s is not None and s <= 3) / n,
        }
    return table


def _fact_coverage(retrieve: Any) -> dict[int, float]:
    """Share of answerable FAQ eval cases whose expected fact is in one of the top k chunks (k = 3, 4, 5)."""
    import yaml

    cases = []
    for name in ("faq_es", "faq_en", "faq_en_on_es"):
        path = ROOT / "evals/suites" / f"{name}.yaml"
        if not path.exists():
            continue
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            expect = case.get("expect", {})
            facts = expect.get("facts") or expect.get("any_facts")
            if facts and expect.get("action", "answer") == "answer":
                cases.append((case["turns"][0], [f.lower() for f in facts]))
    if not cases:
        return {}
    hits = {q: retrieve(q, k=5) for q, _ in cases}
    return {
        k: sum(any(f in c.text.lower() for c in hits[q][:k] for f in facts) for q, facts in cases) / len(cases)
        for k in (3, 4, 5)
    }


def main(argv: list[str] | None = None) -> None:
    """Figures with default options; ``argv`` only from the command line (make bench passes none)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--provider", default="e5+use")
    parser.add_argument("--questions", default=str(ROOT / "evals/data/retrieval_questions.jsonl"))
    parser.add_argument("--docs", default=str(ROOT / "demo/clinic"))
    parser.add_argument("--misses", action="store_true", help="Print the questions missed at 3.")
    args = parser.parse_args(argv or [])

    from ingestion import workflow
    from service.composition import build_services
    from service.settings import Settings
    from store.db import make_engine, transaction
    from store.migrate import upgrade

    questions = [json.loads(line) for line in Path(args.questions).read_text().splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(environment="test", data_dir=Path(tmp), database_url=f"sqlite:///{tmp}/bench.sqlite3")
        settings.embeddings.provider = args.provider
        upgrade(make_engine(settings.resolved_database_url))
        services = build_services(settings)
        start = time.perf_counter()
        with transaction(services.sessions) as session:
            results = workflow.add_source(session, services, args.docs, added_by="bench", approve=True)
        ingest = time.perf_counter() - start
        doc_language = {r.source: r.language for r in results}
        start = time.perf_counter()
        table = evaluate(services.retriever.retrieve, questions, doc_language)
        per_query = (time.perf_counter() - start) / len(questions) * 1000
        print(
            f"retrieval benchmark · embedder {services.embedder.id} · {len(results)} documents, "
            f"{sum(r.chunks for r in results)} chunks ingested in {ingest:.1f} s · {per_query:.1f} ms/query"
        )
        print(f"{'group':<12} {'n':>4} {'R@1':>6} {'R@3':>6} {'MRR':>6} {'lenient R@3':>12}")
        for key in ("all", "es", "en", "en→es docs"):
            if key in table:
                row = table[key]
                print(
                    f"{key:<12} {row['n']:>4} {row['recall@1']:>6.3f} {row['recall@3']:>6.3f} {row['mrr']:>6.3f} "
                    f"{row['lenient recall@3']:>12.3f}"
                )
        facts = _fact_coverage(services.retriever.retrieve)
        if facts:
            print(
                "chunks holding an expected fact of the FAQ eval suites (faq_es, faq_en, faq_en_on_es): "
                + ", ".join(f"top-{k} {v:.3f}" for k, v in facts.items())
            )
        if args.misses:
            for q in questions:
                sources = [c.source for c in services.retriever.retrieve(q["q"], k=3)]
                if q["expected_doc"] not in sources:
                    print(f"MISS {q['id']} [{q['lang']}] {q['q']!r} → {sources} (expected {q['expected_doc']})")
        services.close()


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
