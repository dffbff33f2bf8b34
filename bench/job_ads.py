"""How well careerpath reads job ads: precision and recall of the matching on hand-labelled ads, and its speed.

    .venv/bin/python bench/job_ads.py            # about a second; no database, no server

The ads in `bench/job_ads/*.json` were written for this benchmark (title, company, text) and labelled by hand, by
someone who had not seen the terms, with the items each asks for (`required`, `nice_to_have`) and the phrases no
item covers. The terms are the ones the newest shipped release carries (`fixtures/releases/`), so the benchmark
measures the content as it ships.

Per ad and overall it reports precision (of the items found, how many the ad asks for) and recall (of the items the
ad asks for, how many were found), and how often a found item was put on the right side of required / nice to have.
Targets (issue 30): precision >= 0.9 and recall >= 0.8 overall; reading a 1,000-word ad under 50 ms. The speed is
also given as a ratio to a floor measured in the same run: lower-casing and splitting the same text into words,
the least any reading of it must do.
"""

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jobs.matching import Matcher, Term  # noqa: E402  (a script run from anywhere)

ADS = ROOT / "bench" / "job_ads"
RELEASES = ROOT / "fixtures" / "releases"
TARGETS = {"precision": 0.9, "recall": 0.8, "milliseconds": 50.0}


def newest_release() -> Path:
    return max(RELEASES.glob("*.json"), key=lambda path: tuple(int(part) for part in path.stem.split(".")))


def matcher_from(release: Path) -> Matcher:
    content = json.loads(release.read_text())["content"]
    retired = {
        obj["fields"]["slug"]
        for obj in content
        if obj["model"] == "roadmap.item" and obj["fields"].get("status", "published") != "published"
    }
    return Matcher(
        [
            Term(obj["fields"]["term"], obj["fields"]["item"][0], obj["fields"].get("case_sensitive", False))
            for obj in content
            if obj["model"] == "roadmap.itemterm" and obj["fields"]["item"][0] not in retired
        ]
    )


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def timed(function, *args, repeat: int = 30) -> float:
    """The median of `repeat` runs, in milliseconds."""
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        function(*args)
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def thousand_words(texts: list[str]) -> str:
    words, lines = 0, []
    for text in texts * 10:
        for line in text.splitlines():
            lines.append(line)
            words += len(line.split())
            if words >= 1000:
                return "\n".join(lines)
    return "\n".join(lines)


def main() -> int:
    release = newest_release()
    matcher = matcher_from(release)
    print(f"Terms: {len(matcher.terms)} from {release.relative_to(ROOT)}")
    print(f"{'ad':<34} {'asked':>5} {'found':>5} {'right':>5} {'precision':>9} {'recall':>6} {'req/nice':>8}")
    total_found = total_asked = total_right = sides_right = 0
    ads = sorted(ADS.glob("*.json"))
    if not ads:
        print(f"No labelled ads in {ADS.relative_to(ROOT)}: nothing to measure.")
        return 1
    texts = []
    for path in ads:
        ad = json.loads(path.read_text())
        texts.append(ad["text"])
        labels = dict.fromkeys(ad["required"], True) | dict.fromkeys(ad["nice_to_have"], False)
        reading = matcher.read(ad["text"])
        found = reading.found
        right = found.keys() & labels.keys()
        sides = sum(found[slug].required == labels[slug] for slug in right)
        total_found, total_asked, total_right, sides_right = (
            total_found + len(found), total_asked + len(labels), total_right + len(right), sides_right + sides
        )  # fmt: skip
        scores = ratio(len(right), len(found)), ratio(len(right), len(labels)), ratio(sides, len(right))
        print(
            f"{path.stem:<34} {len(labels):>5} {len(found):>5} {len(right):>5} "
            f"{scores[0]:>9.2f} {scores[1]:>6.2f} {scores[2]:>8.2f}"
        )
        if "--explain" in sys.argv:
            print("   found, not asked:", sorted(found.keys() - labels.keys()))
            print("   asked, not found:", sorted(labels.keys() - found.keys()))
    precision, recall = ratio(total_right, total_found), ratio(total_right, total_asked)
    print(
        f"{'all ' + str(len(ads)) + ' ads':<34} {total_asked:>5} {total_found:>5} {total_right:>5} "
        f"{precision:>9.2f} {recall:>6.2f} {ratio(sides_right, total_right):>8.2f}"
    )
    long_ad = thousand_words(texts)
    milliseconds = timed(matcher.read, long_ad)
    floor = timed(lambda text: [line.lower().split() for line in text.splitlines()], long_ad)
    print(
        f"Reading a {len(long_ad.split()):,}-word ad: {milliseconds:.2f} ms median "
        f"({milliseconds / floor:.0f}x a {floor:.3f} ms floor: lower-casing and splitting it)"
    )
    met = {
        "precision": precision >= TARGETS["precision"],
        "recall": recall >= TARGETS["recall"],
        "milliseconds": milliseconds < TARGETS["milliseconds"],
    }
    missed = [name for name, ok in met.items() if not ok]
    print("Targets: all met" if not missed else f"Targets missed: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
