"""Ingestion throughput and query latency: PDF pages/s, chunks/s embedded, query p50/p95, process RSS.

Run: ``.venv/bin/python -m ingestion.bench_ingest [--provider e5+use|use] [--pages N]``. Uses a generated
PDF and demo/clinic, in a temporary data dir. Stages are timed apart (parse, chunk, PHI check, embed) and
then end to end through the workflow.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _generated_pdf(pages: int) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("DejaVu", "", 11)
    paragraph = (
        "Las extracciones de sangre se realizan con cita previa de lunes a viernes; acuda en ayunas "
        "de ocho horas, puede beber agua y traiga su documento de identidad y el volante. "
    ) * 3
    for i in range(pages):
        pdf.add_page()
        pdf.multi_cell(0, 8, f"Sección {i + 1}", new_x="LMARGIN", new_y="NEXT")
        for _ in range(5):
            pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _timed(label: str, count: int, unit: str, start: float) -> None:
    elapsed = time.perf_counter() - start
    print(f"{label}: {count} {unit} in {elapsed:.2f} s = {count / elapsed:.1f} {unit}/s", flush=True)


def main(argv: list[str] | None = None) -> None:
    """Figures with default options; ``argv`` only from the command line (make bench passes none)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--provider", default="e5+use")
    parser.add_argument("--pages", type=int, default=20)
    args = parser.parse_args(argv or [])

    from ingestion import workflow
    from ingestion.chunking import chunk_document
    from ingestion.indexing import embedding_text
    from ingestion.loaders.pdf import load_pdf
    from ingestion.phi import phi_flags
    from service.composition import build_services
    from service.settings import Settings
    from store.db import make_engine, transaction
    from store.migrate import upgrade

    data = _generated_pdf(args.pages)
    start = time.perf_counter()
    doc = load_pdf(data, name="bench.pdf", source_key="bench")
    _timed("PDF parse", len(doc.pages), "pages", start)
    start = time.perf_counter()
    drafts = chunk_document(doc, language="es")
    _timed("chunking", len(drafts), "chunks", start)

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(environment="test", data_dir=Path(tmp), database_url=f"sqlite:///{tmp}/bench.sqlite3")
        settings.embeddings.provider = args.provider
        upgrade(make_engine(settings.resolved_database_url))
        services = build_services(settings)
        start = time.perf_counter()
        embedder, policy = services.embedder, services.guardrails
        print(f"embedder {embedder.id} and guardrails policy built in {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        phi_flags(policy, [d.text for d in drafts], [d.language for d in drafts])
        _timed("PHI check", len(drafts), "chunks", start)
        start = time.perf_counter()
        embedder.embed_documents([embedding_text(doc.title, d.section, d.text) for d in drafts])
        _timed(f"embedding ({embedder.id})", len(drafts), "chunks", start)

        start = time.perf_counter()
        with transaction(services.sessions) as session:
            results = workflow.add_source(session, services, str(ROOT / "demo/clinic"), added_by="bench", approve=True)
        _timed(
            "end to end, demo/clinic (load, chunk, PHI, embed, index)", sum(r.chunks for r in results), "chunks", start
        )
        start = time.perf_counter()
        with transaction(services.sessions) as session:
            again = workflow.add_source(session, services, str(ROOT / "demo/clinic"), added_by="bench")
        print(
            f"re-adding unchanged demo/clinic: {time.perf_counter() - start:.2f} s "
            f"({sum(r.outcome == 'unchanged' for r in again)}/{len(again)} unchanged)"
        )

        questions_file = ROOT / "evals/data/retrieval_questions.jsonl"
        questions = [json.loads(line)["q"] for line in questions_file.read_text().splitlines() if line.strip()]
        services.retriever.retrieve("warm up", k=5)
        latencies = []
        for q in questions:
            start = time.perf_counter()
            services.retriever.retrieve(q, k=5)
            latencies.append((time.perf_counter() - start) * 1000)
        latencies.sort()
        p95 = latencies[int(0.95 * (len(latencies) - 1))]
        print(
            f"query latency (k=5, {len(latencies)} queries, SQL + embed + Chroma): "
            f"p50 {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms"
        )
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS of this process (embedder, guardrails, Chroma): {rss:.0f} MB")
        print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        services.close()


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
