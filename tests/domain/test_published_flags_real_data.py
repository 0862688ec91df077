"""The flag rules over the real published series: they flag some LAs, and not all."""

import csv
from collections import Counter, defaultdict
from pathlib import Path

from dashboard.domain.published_series import AreaFigure, band, compare, national_rank

DATA = Path(__file__).resolve().parents[2] / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_rules_flag_some_las_and_not_all_on_the_published_data():
    las = _rows("local_authorities.csv")
    codes = [la["la_code"] for la in las]
    figures: dict[str, dict[tuple[str, int], AreaFigure]] = defaultdict(dict)
    for row in _rows("indicator_series.csv"):
        count = int(row["n_areas"]) if row["n_areas"] else None
        figures[row["measure_id"]][(row["area_code"], int(row["year"]))] = AreaFigure(
            float(row["value"]), row["published"] == "yes", count)
    measures = _rows("indicator_measures.csv")
    assert len(measures) >= 40
    rules = ("worst_quartile", "beyond_neighbours", "large_change")
    per_measure: dict[tuple[str, str], set[str]] = defaultdict(set)
    checked = set(codes[::10])
    for measure in measures:
        for la in las:
            row = compare(measure["id"], measure["polarity"], figures[measure["id"]], codes,
                          la["la_code"], la["statistical_neighbours"].split(";"),
                          la["region_code"], "970")
            for flag in row.flags:
                per_measure[(flag.rule, measure["id"])].add(la["la_code"])
            # the quick rank and band (sorted once per measure) agree with the plain rules
            if la["la_code"] in checked:
                all_las = [f.value for (code, year), f in figures[measure["id"]].items()
                           if year == row.year and code in codes]
                assert row.rank == national_rank(row.value, all_las, measure["polarity"])
                assert row.band == band(row.value, all_las, measure["polarity"])
    counts = {rule: Counter({m["id"]: len(per_measure[(rule, m["id"])]) for m in measures})
              for rule in rules}
    message = "; ".join(
        f"{rule}: {sum(c.values())} LA-measure flags, most on one measure "
        f"{c.most_common(1)[0][1]} of {len(las)} LAs ({c.most_common(1)[0][0]})"
        for rule, c in counts.items())
    for c in counts.values():
        assert sum(c.values()) > 0, message  # flags some LAs
        assert max(c.values()) < len(las), message  # never every LA on a measure
    assert sum(sum(c.values()) for c in counts.values()) < len(las) * len(measures) / 2, message
    print(message)
