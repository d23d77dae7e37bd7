"""The frozen application's entry point (PyInstaller runs this script)."""

import sys

from hmip_desktop.ui.app import main

if __name__ == "__main__":
    sys.exit(main())
