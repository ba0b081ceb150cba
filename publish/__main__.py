import sys

from publish._build import main

sys.exit(main())
