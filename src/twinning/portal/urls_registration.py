"""City representatives' pages: registering a city, its practices and ambitions."""

urlpatterns: list = []
