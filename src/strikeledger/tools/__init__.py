"""Tools around the data: canonical CSVs, codebook, release diff, audit, figures."""
