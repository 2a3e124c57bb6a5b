"""Word documents (python-docx): the impact report, the guide, the codebook, the quotes, the summary."""
