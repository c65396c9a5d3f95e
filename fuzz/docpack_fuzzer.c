/*
 * docpack_fuzzer.c - libFuzzer target for rc_doc_unpack(), the reader of
 * packed documents (the built-in rules are embedded that way).
 *
 * A document that unpacks must pack back to the same bytes (the format has
 * one spelling per document) and have NUL-terminated strings; anything
 * else must be RC_EPARSE with a message and no document.
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/err.h"
#include "parse/doc.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void walk(const struct rc_node *n, unsigned depth)
{
	size_t i;

	if (depth > RC_DOC_PACK_DEPTH + 1)
		abort(); /* the reader promised a bound */
	if (n->type == RC_NODE_STRING && n->u.s.ptr[n->u.s.len] != '\0')
		abort();
	for (i = 0; i < rc_node_count(n); i++)
		walk(rc_node_at(n, i), depth + 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rc_err err = RC_ERR_INIT;
	struct rc_doc *doc = NULL;
	struct rc_buf again = RC_BUF_INIT;
	int e;

	e = rc_doc_unpack(&doc, data, size, "fuzz", &err);
	if (e == 0) {
		if (!doc)
			abort();
		if (doc->root)
			walk(doc->root, 0);
		if (rc_doc_pack(doc, &again) == 0 &&
		    (again.len != size || memcmp(again.ptr, data, size)))
			abort();
	} else if (e != RC_EPARSE || doc || !err.msg[0]) {
		abort();
	}
	rc_buf_release(&again);
	rc_doc_free(doc);
	return 0;
}
