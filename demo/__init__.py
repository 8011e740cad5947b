"""The demo clinic: approved documents (clinic/), their sources and the PDF generator."""
