"""The models shipped with berita; pyproject.toml installs this folder as the package `pipeline.models`
so that a wheel carries them (see pipeline.nlp.shipped_models_dir)."""
