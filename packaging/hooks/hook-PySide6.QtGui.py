"""PyInstaller hook for PySide6.QtGui (replaces the built-in one, which it calls): the same
collection minus Qt plugins a desktop case-reading application never loads, and so minus
the system libraries they would drag in (GTK 3, cairo and pango for the GTK theme plugin;
DBus for the desktop-portal theme; the embedded-device platforms and input drivers).

Kept: the desktop platforms (xcb, wayland, windows, cocoa), offscreen and minimal (used
by --self-test and --screenshot), input methods (compose keys for Welsh accents),
accessibility, icon engines and the common image formats.
"""

from PyInstaller.utils.hooks.qt import get_qt_library_info

UNUSED = (
    "/platformthemes/",          # GTK 3 / xdg-desktop-portal themes: Qt's own look is used instead
    "/egldeviceintegrations/",   # EGLFS on embedded boards
    "/generic/",                 # evdev and TUIO input for kiosks
    "qeglfs", "qlinuxfb", "qvnc", "qvkkhrdisplay", "qminimalegl",  # embedded platforms
    "qtiff", "qwebp", "qtga", "qwbmp",  # image formats the application has no use for
)

hiddenimports, binaries, datas = get_qt_library_info("PySide6").collect_module("PySide6.QtGui")
binaries = [(src, dest) for src, dest in binaries if not any(part in src.replace("\\", "/") for part in UNUSED)]
