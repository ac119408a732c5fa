"""What the checker's tests share: where the learner files are, and grading many at once
(``from checking import ...``). Each check runs a worker process, so files are graded side by side."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from glassnet.checker import CheckResult, check

SOLUTIONS = Path(__file__).parent / "exercise_solutions"
WRONG, FORGED, RIGHT, BROKEN = (SOLUTIONS / name for name in ("wrong", "forged", "right", "broken"))


def exercise_of(path: Path) -> str:
    """The exercise a test file is for: ``NAME__what.py`` or ``NAME.py``."""
    return path.stem.split("__")[0]


def grade(paths: list[Path], seed: int | None = 1, timeout: float = 10.0) -> dict[str, CheckResult]:
    """check() on each file (its exercise from its name), several at once; results by file stem."""
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = pool.map(lambda path: check(exercise_of(path), path, seed=seed, timeout=timeout), paths)
        return {path.stem: result for path, result in zip(paths, results, strict=True)}


def learner_files(folder: Path) -> list[Path]:
    """The learner files of a folder (``NAME__what.py``), sorted; helpers such as backprop.py left out."""
    return sorted(path for path in folder.glob("*__*.py"))
