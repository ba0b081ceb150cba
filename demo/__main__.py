"""`python -m demo [folder]`: regenerate the demo county's registers (default: data/demo)."""

import sys
from pathlib import Path

from demo import write_demo

for path in write_demo(Path(sys.argv[1] if len(sys.argv) > 1 else "data/demo")):
    print(f"wrote {path}")
