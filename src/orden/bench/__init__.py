"""The national-scale performance benchmark behind ``make bench`` (docs/performance.md)."""
