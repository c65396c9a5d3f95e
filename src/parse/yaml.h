/*
 * yaml.h - YAML reader producing the common document model (doc.h).
 */
#ifndef RC_PARSE_YAML_H
#define RC_PARSE_YAML_H

#include "../core/common.h"
#include "../core/err.h"
#include "doc.h"

/*
 * Parse len bytes of YAML. On success *out is a new document the caller frees
 * with rc_doc_free(). On malformed input returns RC_EPARSE with path, line,
 * column and a message such as "expected '='" in err; RC_ENOMEM on
 * allocation failure. Never reads past buf + len.
 */
/* Multi-document streams: the root is an ARRAY of the documents when
 * all_docs is set (rc_yaml_parse_all); rc_yaml_parse keeps the first. */
int rc_yaml_parse_all(struct rc_doc **out, const char *buf, size_t len,
		      const char *path, struct rc_err *err);
int rc_yaml_parse(struct rc_doc **out, const char *buf, size_t len,
		  const char *path, struct rc_err *err);

#endif
