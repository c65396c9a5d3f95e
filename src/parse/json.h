/*
 * json.h - JSON reader producing the common document model (doc.h).
 *
 * Our own strict RFC 8259 parser (jansson keeps no value positions; see
 * docs/internals/parse.md). Objects become TABLEs (member order kept,
 * duplicate names kept), arrays ARRAYs, strings STRINGs (decoded, may hold
 * NUL from \u0000), true/false BOOL, null NULL. A number without fraction or
 * exponent that fits in int64 is an INT; any other number is a FLOAT ("1.0"
 * stays FLOAT, 1e400 is inf). Every node has the line and column (1-based,
 * columns in characters) of its first character.
 *
 * Rejected: comments, trailing commas, single quotes, NaN/Infinity, leading
 * zeros or '+', raw control characters in strings, invalid UTF-8 in strings,
 * lone surrogates, anything after the top-level value, nesting deeper than
 * 256. A UTF-8 byte order mark at the start is skipped.
 */
#ifndef RC_PARSE_JSON_H
#define RC_PARSE_JSON_H

#include "../core/common.h"
#include "../core/err.h"
#include "doc.h"

/*
 * Parse len bytes of JSON. On success *out is a new document the caller frees
 * with rc_doc_free(). On malformed input returns RC_EPARSE with path, line,
 * column and a message such as "expected ',' or '}'" in err, and *out is
 * NULL; RC_ENOMEM on allocation failure. Never reads past buf + len.
 */
int rc_json_parse(struct rc_doc **out, const char *buf, size_t len,
		  const char *path, struct rc_err *err);

#endif
