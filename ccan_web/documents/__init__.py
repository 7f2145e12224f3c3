"""The versioned document engine: immutable revisions, three-way merge, forks that follow upstream.

Used by the roadmap and its national adaptations, and later the toolkit and the methodology page.
It knows no request and no blueprint.
"""
