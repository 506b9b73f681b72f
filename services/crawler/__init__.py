"""The crawler service."""
