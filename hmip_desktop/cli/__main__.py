"""``python -m hmip_desktop.cli``: the same as the ``hmip`` command."""

import sys

from . import main

sys.exit(main())
