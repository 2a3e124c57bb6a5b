"""The study's design on screen: the study dialog (fields, waves, territories, stakeholder groups,
dimensions) and the indicator dialog (definition, source, figures typed in)."""
