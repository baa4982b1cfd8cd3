"""Reusable widgets; they hold no store access."""
