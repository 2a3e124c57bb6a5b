"""Agreement between two coders, the passages they disagree on, and blind coding."""
