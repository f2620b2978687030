"""The ``vrpcmds`` command line."""
