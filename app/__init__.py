"""Terrain: social-impact evaluation by qualitative interviews."""

__version__ = "0.1.0"
