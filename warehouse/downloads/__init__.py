"""Downloads: the parameters of a download (:mod:`.filter`), the columns each level offers and the SQL
that reads them (:mod:`.tables`). URLs keep the word "extract" (/export.csv, /<plan>/extract)."""
