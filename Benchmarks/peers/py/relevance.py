"""bms's text relevance (Q3) as SQL, for PostgreSQL and SQLite alike.

bms scores a property for each query word by the best field the word occurs in as a whole token (the
last word: as a token prefix) -- name 3, locality or city 2, description 1 -- sums the words' scores,
and sorts by score, then rating (best first), then id. The data set's text is ASCII letters separated
by single spaces, so "occurs as a token" is a LIKE on the field padded with spaces: '% word %', and
'% prefix%' for the last word. The engines' own text indexes (tsvector GIN, FTS5) only find the
candidates; this expression orders them.
"""

FIELDS = (
    (3, "' ' || lower(p.property_name) || ' '"),
    (2, "' ' || lower(p.locality) || ' ' || lower(p.city) || ' '"),
    (1, "' ' || p.description || ' '"),
)


def term_score(placeholder):
    cases = " ".join("WHEN %s LIKE %s THEN %d" % (field, placeholder, weight) for weight, field in FIELDS)
    return "(CASE %s ELSE 0 END)" % cases


def score_sql(word_placeholder, prefix_placeholder):
    return "%s + %s" % (term_score(word_placeholder), term_score(prefix_placeholder))


def terms(params):
    """Q3's `q` ("koramangala furn"): the exact word and the prefix, and their LIKE patterns."""
    word, prefix = params["q"].lower().split()
    return word, prefix, "%% %s %%" % word, "%% %s%%" % prefix
