"""Public catalogue: published practices and city profiles."""

urlpatterns: list = []
