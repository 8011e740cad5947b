"""PHI detection figures: MEDDOCAN dev token-level recall/precision, chat-set message-level recall and false
alarms, analyze() latency and memory.

    python -m guardrails.bench_phi [--show-errors] [--chat PATH ...]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("TLDEXTRACT_CACHE_TIMEOUT", "0")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from guardrails import entities as types  # noqa: E402 - offline switches first
from guardrails.analyzer import PHIAnalyzer, build_analyzer  # noqa: E402
from guardrails.ner.corpus import read_brat  # noqa: E402
from guardrails.ner.features import tokenize  # noqa: E402
from guardrails.nlp import fold  # noqa: E402
from guardrails.settings import GuardrailSettings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
MEDDOCAN_DEV = ROOT.parent / "shared" / "data" / "meddocan" / "dev"
CHAT_SETS = [
    Path(__file__).resolve().parent / "bench_data" / "phi_chat_dev.jsonl",
    Path(__file__).resolve().parent / "bench_data" / "phi_chat_heldout.jsonl",
    ROOT / "evals" / "data" / "phi_chat.jsonl",
]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def bench_meddocan(analyzer: PHIAnalyzer, directory: Path) -> None:
    docs = read_brat(directory)
    tp = fp = fn = 0
    per_char_ms: list[float] = []
    note_ms: list[float] = []
    note_cpu: list[float] = []
    fp_types: Counter[str] = Counter()
    fn_types: Counter[str] = Counter()
    for doc in docs:
        started, started_cpu = time.perf_counter(), time.process_time()
        found = analyzer.analyze(doc.text, "es", types_=types.RECORD_IDENTIFIERS)
        elapsed = (time.perf_counter() - started) * 1000
        note_cpu.append((time.process_time() - started_cpu) * 1000)
        note_ms.append(elapsed)
        per_char_ms.append(elapsed / max(len(doc.text), 1) * 1000)
        for token in tokenize(doc.text):
            gold = any(s.start < token.end and token.start < s.end for s in doc.spans)
            pred = any(e.start < token.end and token.start < e.end for e in found)
            tp += gold and pred
            fp += pred and not gold
            fn += gold and not pred
            if pred and not gold:
                fp_types[next(e.type for e in found if e.start < token.end and token.start < e.end)] += 1
            if gold and not pred:
                fn_types[next(g.type for g in doc.spans if g.start < token.end and token.start < g.end)] += 1
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    chars = statistics.mean(len(d.text) for d in docs)
    print(
        f"MEDDOCAN dev ({len(docs)} notes, mean {chars:.0f} chars): token-level binary PHI "
        f"precision={precision:.4f} recall={recall:.4f} f1={f1:.4f} (tp={tp} fp={fp} fn={fn})"
    )
    print(
        f"  whole-note analyze(): p50={percentile(note_ms, 0.5):.1f} ms p95={percentile(note_ms, 0.95):.1f} ms "
        f"({statistics.mean(per_char_ms):.1f} ms per 1000 chars); CPU time p50={percentile(note_cpu, 0.5):.1f} ms "
        f"p95={percentile(note_cpu, 0.95):.1f} ms"
    )
    print(f"  false-positive tokens by predicted type: {dict(fp_types.most_common(8))}")
    print(f"  missed tokens by gold type: {dict(fn_types.most_common(8))}")


def _canonical(value: str) -> str:
    return "".join(ch for ch in fold(value) if ch.isalnum())


def public_filter(settings: GuardrailSettings) -> Callable[[str], bool]:
    """The clinic's own public contact details are not PHI (the policy drops them the same way)."""
    publics = [c for c in (_canonical(v) for v in settings.public_values) if len(c) >= 3]

    def is_public(span: str) -> bool:
        value = _canonical(span)
        return len(value) >= 3 and any(value in public or public in value for public in publics)

    return is_public


def bench_chat(analyzer: PHIAnalyzer, path: Path, show_errors: bool, is_public: Callable[[str], bool]) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    positives = [r for r in rows if r["has_phi"]]
    negatives = [r for r in rows if not r["has_phi"]]
    hits = false_alarms = typed_hits = typed_total = 0
    latencies: list[float] = []
    cpu: list[float] = []
    for row in rows:
        started, started_cpu = time.perf_counter(), time.process_time()
        found = analyzer.analyze(row["text"])  # language unknown, as in the inbound check
        latencies.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        found = [e for e in found if not is_public(row["text"][e.start : e.end])]
        found_types = {e.type for e in found}
        if row["has_phi"]:
            hits += bool(found)
            expected = set(row.get("types") or [])
            typed_total += len(expected)
            typed_hits += len(expected & found_types)
            if show_errors and (not found or not expected <= found_types):
                print(f"  MISS {row['id']}: {row['text']!r} expected {sorted(expected)} got {sorted(found_types)}")
        elif found:
            false_alarms += 1
            if show_errors:
                spans = [(e.type, row["text"][e.start : e.end]) for e in found]
                print(f"  FALSE ALARM {row['id']}: {row['text']!r} -> {spans}")
    print(
        f"chat set {path.relative_to(ROOT.parent) if path.is_relative_to(ROOT.parent) else path} "
        f"({len(positives)} with PHI, {len(negatives)} without): "
        f"message recall={hits / max(len(positives), 1):.4f} "
        f"false alarms={false_alarms / max(len(negatives), 1):.4f} ({false_alarms}; clinic public values allowed) "
        f"type recall={typed_hits / max(typed_total, 1):.4f}"
    )
    print(
        f"  analyze() per chat message (language=None): p50={percentile(latencies, 0.5):.2f} ms "
        f"p95={percentile(latencies, 0.95):.2f} ms max={max(latencies):.1f} ms; CPU time p50="
        f"{percentile(cpu, 0.5):.2f} ms p95={percentile(cpu, 0.95):.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-errors", action="store_true", help="print missed and falsely flagged messages")
    parser.add_argument("--chat", type=Path, nargs="*", default=CHAT_SETS)
    parser.add_argument("--meddocan", type=Path, default=MEDDOCAN_DEV)
    parser.add_argument("--english-ner", action="store_true", help="also run spaCy's English name model")
    args = parser.parse_args()
    before = rss_mb()
    started = time.perf_counter()
    settings = GuardrailSettings(english_ner=args.english_ner)
    analyzer = build_analyzer(settings)
    analyzer.analyze("warm up: soy maria garcia, dni 12345678Z")
    print(
        f"analyzer build + first call: {time.perf_counter() - started:.2f} s; "
        f"max RSS {before:.0f} MB before, {rss_mb():.0f} MB after"
    )
    for path in args.chat:
        if path.exists():
            bench_chat(analyzer, path, args.show_errors, public_filter(settings))
        else:
            print(f"chat set {path} not found: skipped")
    if args.meddocan.exists():
        bench_meddocan(analyzer, args.meddocan)
    print(f"max RSS at the end: {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
