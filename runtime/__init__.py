"""Run-time support of the vrpcmds bindings: the one grammar engine.

The notation parser (marked text -> tree), the renderer (tree + values -> command
line), the matcher (command line -> bound values, or a precise error) and the value
checks live here once; the scraper, the generated classes, ``check`` and ``explain``
all use them.
"""

# The version of the vrpcmds distribution. Bindings packages of a manual (``vrpcmds
# package``) require a vrpcmds of the same major and minor version.
__version__ = "0.2.0"
