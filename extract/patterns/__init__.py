"""Matcher and EntityRuler patterns of the extractors, as JSONL package data."""
