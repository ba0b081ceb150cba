"""Every file a package names is a regular file inside the package (issue 15 §3): a path out of
the folder, an absolute path, a symlink out, a FIFO, a device or a folder is refused before any
read, with the key it is named by, and the file's contents never appear in the message."""

from __future__ import annotations

import os
import re
import shutil
import threading
from pathlib import Path

import pytest

from loaders import InputErrors, load_county

SMALL = Path(__file__).resolve().parents[1] / "fixtures" / "county_small"


def name_file(package: Path, key: str, value: str) -> None:
    text = (package / "county.toml").read_text(encoding="utf-8")
    text = re.sub(rf"(?m)^{key} = .*$", f'{key} = "{value}"', text)
    (package / "county.toml").write_text(text, encoding="utf-8")


def refusal(package: Path) -> tuple:
    with pytest.raises(InputErrors) as caught:
        load_county(package)
    (error,) = caught.value.report.errors
    return error


def outside_register(package: Path) -> Path:
    """A valid register outside the package: if it were read, the load would pass."""
    outside = package.parent / "elsewhere"
    outside.mkdir()
    shutil.copy(package / "schools.xlsx", outside / "schools.xlsx")
    return outside / "schools.xlsx"


@pytest.mark.parametrize("kind", ["dotdot", "absolute"])
def test_a_name_leading_out_of_the_package_is_refused(package, kind):
    register = outside_register(package)
    name_file(
        package, "schools", "../elsewhere/schools.xlsx" if kind == "dotdot" else str(register)
    )
    error = refusal(package)
    assert (error.file, error.column, error.code) == (
        "county.toml",
        "files.schools",
        "outside-package",
    )
    assert "数据包文件夹之内" in error.message("zh") and "inside the package" in error.message("en")


def test_a_symlink_out_of_the_package_is_refused(package):
    link = package / "linked.xlsx"
    link.symlink_to(outside_register(package))
    name_file(package, "schools", "linked.xlsx")
    assert refusal(package).code == "outside-package"


def test_a_symlink_within_the_package_is_read(package):
    (package / "data").mkdir()
    (package / "schools.xlsx").rename(package / "data" / "register.xlsx")
    (package / "schools.xlsx").symlink_to(package / "data" / "register.xlsx")
    assert len(load_county(package).schools) == 11


def test_a_system_file_is_refused_and_its_contents_never_shown(package):
    name_file(package, "survey_config", "../../../../../../../../etc/passwd")
    error = refusal(package)
    assert error.code == "outside-package"
    assert "root:" not in error.message("zh") + error.message("en")


def test_a_fifo_is_refused_without_opening_it(package):
    os.mkfifo(package / "classes.csv.fifo")
    name_file(package, "classes", "classes.csv.fifo")
    result = {}
    worker = threading.Thread(target=lambda: result.update(error=refusal(package)), daemon=True)
    worker.start()
    worker.join(timeout=20)  # opening the FIFO for reading would block forever
    assert not worker.is_alive(), "the load opened the FIFO"
    assert (result["error"].column, result["error"].code) == ("files.classes", "not-regular-file")


def test_a_device_or_a_folder_is_refused(package):
    (package / "sub").mkdir()
    name_file(package, "classes", "sub")
    assert refusal(package).code == "not-regular-file"
    os.symlink("/dev/zero", package / "zero.yaml")  # a link out, to a device
    shutil.copy(SMALL / "county.toml", package / "county.toml")
    name_file(package, "survey_config", "zero.yaml")
    assert refusal(package).code == "outside-package"
