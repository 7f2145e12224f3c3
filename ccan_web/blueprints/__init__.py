"""One package per feature area; each exposes `bp`."""
