"""Builders for Sift's bundled example datasets; run through ../generate.py."""
