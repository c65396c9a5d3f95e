/*
 * yaml.h - YAML reader producing the common document model (doc.h).
 *
 * Built on libfyaml's event parser. Scalars are typed with the YAML 1.2 core
 * schema: plain true/false (any case) are BOOL; null/~/empty are NULL;
 * decimal, 0x hex and 0o octal integers that fit in int64 are INT (larger
 * decimals become FLOAT); floats, .inf and .nan are FLOAT; anything else is
 * a STRING, and so is every quoted or block scalar and every scalar tagged
 * !!str or "!". Mapping keys are kept as their text ("on" stays "on").
 * Other tags (!Ref, !!int ...) are ignored. "<<" merge keys are not
 * expanded: the key "<<" holds the aliased mapping.
 *
 * Every node has the line and column (1-based, columns in characters) where
 * its value starts: the opening quote of a quoted scalar, the first content
 * line of a block scalar, the key of an empty value.
 *
 * Aliases are resolved: the alias becomes a copy of the anchored node that
 * shares its children (the tree is read-only after parsing, so this is
 * invisible to readers). To defeat "billion laughs" the node count with
 * aliases expanded is limited to 1,000,000, and nesting to 256 levels.
 * Non-scalar mapping keys ("? [a, b]") are rejected.
 *
 * Input must be UTF-8 without NUL bytes (a UTF-8 BOM is accepted).
 */
#ifndef RC_PARSE_YAML_H
#define RC_PARSE_YAML_H

#include "../core/common.h"
#include "../core/err.h"
#include "doc.h"

/*
 * Parse len bytes of YAML and keep the first document (the stream is not
 * read further). The root is that document's top node; a stream with no
 * document gives a NULL node at 1:1. On success *out is a new document the
 * caller frees with rc_doc_free(). On malformed input returns RC_EPARSE with
 * path, line, column and libfyaml's message in git style (say "double-quoted
 * scalar without closing quote") in err, and *out is NULL; RC_ENOMEM on
 * allocation failure. Never reads past buf + len; never prints.
 */
int rc_yaml_parse(struct rc_doc **out, const char *buf, size_t len,
		  const char *path, struct rc_err *err);

/*
 * Like rc_yaml_parse() for multi-document streams (Kubernetes manifests):
 * the root is an ARRAY holding each document's top node in order. Empty
 * documents (a trailing "---", or "--- null") are left out, so an empty
 * file gives an empty ARRAY. An error anywhere in the stream fails the
 * whole parse.
 */
int rc_yaml_parse_all(struct rc_doc **out, const char *buf, size_t len,
		      const char *path, struct rc_err *err);

#endif
