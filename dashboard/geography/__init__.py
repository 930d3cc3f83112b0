"""Geography: district boundaries (GeoJSON, optional) and the tile grid used without them, the map
figures drawn from either, and the map component the pages place (with its geographic/tile switch)."""
