"""Geography: province polygons, municipality points, bike-network geometry, pydeck layers."""
