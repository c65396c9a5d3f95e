/*
 * json.h - JSON reader producing the common document model (doc.h).
 */
#ifndef RC_PARSE_JSON_H
#define RC_PARSE_JSON_H

#include "../core/common.h"
#include "../core/err.h"
#include "doc.h"

/*
 * Parse len bytes of JSON. On success *out is a new document the caller frees
 * with rc_doc_free(). On malformed input returns RC_EPARSE with path, line,
 * column and a message such as "expected '='" in err; RC_ENOMEM on
 * allocation failure. Never reads past buf + len.
 */
int rc_json_parse(struct rc_doc **out, const char *buf, size_t len,
		  const char *path, struct rc_err *err);

#endif
