"""Every file a package names must be a regular file inside the package folder.

Why before any read: `schools = "../../../../etc/passwd"`, an absolute path or a symlink out of
the folder would publish a file that is not the county's; a FIFO hangs a reader and a device
(`/dev/zero`) reads until memory runs out. So the name is resolved and the file type checked
with one `stat`, and nothing is opened until both pass.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from loaders._errors import InputError

OUTSIDE = "outside-package"
NOT_REGULAR = "not-regular-file"


def unsafe_reason(root: Path, name: str) -> str | None:
    """Return the error code for a name that leads out of the package or to a non-file, else
    None (a name that does not exist is None too: the caller says it is missing)."""
    if Path(name).is_absolute() or Path(name).drive:
        return OUTSIDE
    base = root.resolve()
    target = (root / name).resolve()  # follows every symlink on the way
    if not target.is_relative_to(base):
        return OUTSIDE
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) else NOT_REGULAR


def unsafe_error(file: str, column: str | None, name: str, code: str) -> InputError:
    """The message for `unsafe_reason`: says which rule the name breaks, never the contents."""
    if code == OUTSIDE:
        zh = (
            "文件必须放在数据包文件夹之内：请写文件夹内的相对路径，"
            "不要用绝对路径、“..”或指向外部的快捷方式"
        )
        en = (
            "the file must be inside the package folder: give a path relative to the folder, "
            "without an absolute path, “..” or a link that leads out of it"
        )
    else:
        zh = "这不是一个普通文件（是文件夹、管道或设备）"
        en = "this is not an ordinary file (it is a folder, a pipe or a device)"
    return InputError(file, code, column=column, value=name[:200], detail=zh, detail_en=en)
