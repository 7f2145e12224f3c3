"""The versioned document engine: immutable revisions, three-way merge, forks that follow upstream.

Used by the roadmap and its national adaptations and by the catalog's methodology; later the toolkit.
The engine (models, services, merge, diff, sections, conflicts) knows no request and no blueprint;
`pages` is the kit of pages each of those areas mounts on its blueprint, with `forms` and
templates/documents/.
"""
