"""Ingestion throughput and query latency: PDF pages/s, chunks/s embedded, query p50/p95, process RSS.

Run: ``.venv/bin/python -m ingestion.bench_ingest [--provider e5+use|use]``. Uses demo/clinic and a
generated 40-page PDF; everything in a temporary data dir.
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


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--provider", default="e5+use")
    args = parser.parse_args()

    from ingestion import workflow
    from ingestion.loaders.pdf import load_pdf
    from service.composition import build_services
    from service.settings import Settings
    from store.db import make_engine, transaction
    from store.migrate import upgrade

    data = _generated_pdf(40)
    start = time.perf_counter()
    doc = load_pdf(data, name="bench.pdf", source_key="bench")
    parse = time.perf_counter() - start
    print(f"PDF parse: {len(doc.pages)} pages in {parse:.2f} s = {len(doc.pages) / parse:.0f} pages/s")

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(environment="test", data_dir=Path(tmp), database_url=f"sqlite:///{tmp}/bench.sqlite3")
        settings.embeddings.provider = args.provider
        upgrade(make_engine(settings.resolved_database_url))
        services = build_services(settings)
        start = time.perf_counter()
        _ = services.embedder.id
        print(f"embedder {services.embedder.id} loaded in {time.perf_counter() - start:.2f} s")
        start = time.perf_counter()
        with transaction(services.sessions) as session:
            results = workflow.add_source(session, services, str(ROOT / "demo/clinic"), added_by="bench", approve=True)
            upload = workflow.add_upload(session, services, filename="bench.pdf", data=data, added_by="bench")
            workflow.approve(session, services, upload.document_id, by="bench")
        elapsed = time.perf_counter() - start
        chunks = sum(r.chunks for r in results) + upload.chunks
        print(
            f"ingest (load, chunk, PHI check, embed, index): {len(results) + 1} documents, {chunks} chunks "
            f"in {elapsed:.1f} s = {chunks / elapsed:.1f} chunks/s"
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
            f"query latency (k=5, {len(latencies)} queries): p50 {statistics.median(latencies):.1f} ms, "
            f"p95 {p95:.1f} ms"
        )
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS of this process: {rss:.0f} MB")
        services.close()


if __name__ == "__main__":
    main()
