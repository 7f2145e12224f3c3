"""The roadmap keeps its texts in the document engine (ccan_web/documents); it has no tables of its own."""
