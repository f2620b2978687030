"""Every limit vrpcmds puts on what it reads, in one place (README, "Limits").

Real command pages, syntax lines and configurations stay far inside these (the CE6800
reference: pages of at most 71 kB, 24 forms, 112 parameter rows, groups nested 8 deep,
repeat bounds up to 254, syntax lines of 3,000 characters). Input beyond a limit is
refused, or cut, with a message naming the page (or file and line), the limit and what
was found; it never costs unbounded time or memory.
"""

from __future__ import annotations

# -- pages (the scraper) ----------------------------------------------------------------
PAGE_BYTES = 4 * 1024 * 1024  # one page, HTML or text
FORMS_PER_PAGE = 200  # syntax lines (forms and undo forms) read from one page
PARAMETERS_PER_PAGE = 1000  # rows of one page's parameter tables
FORMAT_LINE_CHARS = 4000  # one Format line before it is parsed
FORMAT_MARKUP_DEPTH = 40  # HTML elements nested in one Format line
TEXT_LINE_CHARS = 4096  # a one-line field of a record (names, views, example lines)
PROSE_CHARS = 65536  # a prose field of a record (function, usage text...)

# -- the notation (every syntax line, from any source) ----------------------------------
FORM_DEPTH = 20  # groups nested inside one another
FORM_MARKS = 2000  # keywords, arguments, brackets, bars, stars and repeat marks
REPEAT_MAX = 100_000  # the largest bound of a repeat mark &<m-n>

# -- command lines and configurations (bindings, check, explain) ------------------------
LINE_CHARS = 4096  # one command line
MATCH_STATES = 200_000  # states one match of a line against a form may visit
QUOTED_LINES = 64  # lines a quoted string (a banner) may run over in a configuration

# -- fetching -----------------------------------------------------------------------------
FETCH_BYTES = 20 * 1024 * 1024  # one fetched body
RESPONSE_SECONDS = 120.0  # one whole answer, body included
MIN_BYTES_PER_SECOND = 256.0  # how fast an answer must keep coming once GRACE_SECONDS passed
GRACE_SECONDS = 10.0

# -- generated code -------------------------------------------------------------------------
MODULE_NAME_CHARS = 80  # a generated module's name (its file name is 3 more)
