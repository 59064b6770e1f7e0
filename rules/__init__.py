"""Language data shipped with the package (see ``pipeline.rules``)."""
