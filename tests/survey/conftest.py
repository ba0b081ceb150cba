"""Shared survey fixtures: the small config, coded responses built from arrays, the demo survey."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from loaders import SurveyConfig, SurveyResponses, SurveySource, load_survey_config

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "survey"
DEMO = ROOT / "data" / "demo"


@pytest.fixture(scope="session")
def small_config() -> SurveyConfig:
    return load_survey_config(FIXTURES / "small.yaml")


def responses(
    group,
    answers,
    town=None,
    duration=None,
    submitted=None,
) -> SurveyResponses:
    """Return coded responses from plain lists (option indices, −1 = no answer)."""
    group = np.asarray(group, dtype=np.int8)
    return SurveyResponses(
        source=SurveySource("test", "frame", "", ""),
        group=group,
        town=None if town is None else np.asarray(town, dtype=np.int16),
        answers=np.asarray(answers, dtype=np.int8).reshape(len(group), -1),
        duration_s=np.full(len(group), 300.0) if duration is None else np.asarray(duration, float),
        submitted=(
            np.arange(len(group), dtype=np.uint64)
            if submitted is None
            else np.asarray(submitted, dtype=np.uint64)
        ),
    )


@pytest.fixture(scope="session")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generate the demo survey once per session into a temporary copy of the demo config."""
    from demo import ensure_demo_survey

    folder = tmp_path_factory.mktemp("demo-survey")
    for name in ("survey.yaml", "survey_population.csv"):
        shutil.copy(DEMO / name, folder / name)
    ensure_demo_survey(folder)
    return folder
