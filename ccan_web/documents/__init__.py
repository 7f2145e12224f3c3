"""The versioned document engine: immutable revisions, three-way merge, forks that follow upstream.

Used by the roadmap and its national adaptations and by the catalog's methodology; later the toolkit.
It knows no request and no blueprint.
"""
