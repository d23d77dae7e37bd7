"""The Qt-free core. Nothing below this package may import Qt."""
