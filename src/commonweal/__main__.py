import sys

from commonweal.cli import main

sys.exit(main())
