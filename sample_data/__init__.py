"""The demo's readable files (TOML and CSV), kept at the top of the repository so they are easy
to find and edit, and shipped inside the wheel as ``facilitator.sample_data``
(``package-dir`` in pyproject.toml)."""
