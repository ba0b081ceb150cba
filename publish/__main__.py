import sys

from publish._cli import main

sys.exit(main())
