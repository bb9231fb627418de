"""Static files for production: hashed names, compressed copies, and the pages' JavaScript
module imports rewritten to the hashed names too."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True
