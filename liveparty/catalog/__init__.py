"""Songs on offer: the catalog, its import and its search."""
