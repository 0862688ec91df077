"""Component ids of the regional overview that its callbacks name: declared once, here."""

REGION_CODE = "region-code"
FILTER = "region-filter"
GRID = "region-grid"
EXPORT = "region-export"
DOWNLOAD = "region-download"
