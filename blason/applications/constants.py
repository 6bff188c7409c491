# The practice a CFA presents is summed up in a few keywords on the badge (seed 000).
PRACTICE_KEYWORDS_MAX = 8
PRACTICE_KEYWORD_MAX_LENGTH = 40
