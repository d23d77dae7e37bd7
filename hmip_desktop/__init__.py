"""hmip-desktop: offline case reading for probation and youth justice inspection."""

__version__ = "0.1.0"
