"""One module per field. Each exposes ``extract(article) -> list[dict]``, where
``article`` is an :class:`pipeline.article.ArticleText` and each dict is one mention
in the spec's shape (``text``, ``start``, ``end`` and the field's values)."""
