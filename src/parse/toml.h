/*
 * toml.h - TOML 1.0 reader producing the common document model (doc.h).
 *
 * Our own reader (no C TOML library is packaged). The root is always a
 * TABLE. [table] and inline tables become TABLEs, [[array.of.tables]] an
 * ARRAY of TABLEs, arrays ARRAYs (mixed types allowed), strings STRINGs
 * (escapes decoded, may hold NUL from \u0000), integers INT, floats FLOAT
 * (inf, nan included), booleans BOOL. Dates, times and date-times are
 * validated and kept as STRINGs exactly as written ("1979-05-27T07:32:00Z").
 * Children keep source order; a table created implicitly by a longer header
 * sits where it was first mentioned.
 *
 * Every node has the line and column (1-based, columns in characters) of
 * its value; a table from a header has the position of its '['.
 *
 * TOML's rules are enforced: duplicate keys, tables defined twice, dotted
 * keys reaching into a [table], extending inline tables or static arrays are
 * errors. Input must be valid UTF-8 (a BOM is skipped); nesting of tables,
 * arrays and inline tables together is bounded at 256 levels.
 */
#ifndef RC_PARSE_TOML_H
#define RC_PARSE_TOML_H

#include "../core/common.h"
#include "../core/err.h"
#include "doc.h"

/*
 * Parse len bytes of TOML. On success *out is a new document the caller frees
 * with rc_doc_free(). On malformed input returns RC_EPARSE with path, line,
 * column and a short message in TOML terms in err ("expected '=' after key
 * 'name'", "duplicate key 'name'", "table 'x' defined twice", "unterminated
 * string", "invalid escape '\q'"), and *out is NULL; RC_ENOMEM on allocation
 * failure. Never reads past buf + len. Calls share no state, so threads may
 * parse different buffers at once.
 */
int rc_toml_parse(struct rc_doc **out, const char *buf, size_t len,
		  const char *path, struct rc_err *err);

#endif
