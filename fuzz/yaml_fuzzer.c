/*
 * yaml_fuzzer.c - libFuzzer target for the YAML reader.
 *
 * Parses the input (as a stream and as a first document) and walks the
 * resulting tree, touching every node, so that a dangling pointer or a bad
 * length shows up under ASan. A parse error must come with a message and a
 * position.
 */
#include "core/common.h"
#include "core/err.h"
#include "parse/yaml.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t walk(const struct rc_node *n, unsigned depth)
{
	char buf[64];
	size_t i, count = 1;
	const char *s;

	if (depth > 1000)
		abort(); /* the reader promised a bound */
	if (n->key)
		count += strlen(n->key) > 0;
	s = rc_node_text(n, buf, sizeof(buf));
	if (s && n->type == RC_NODE_STRING && s[n->u.s.len] != '\0')
		abort(); /* strings are NUL-terminated at len */
	for (i = 0; i < rc_node_count(n); i++)
		count += walk(rc_node_at(n, i), depth + 1);
	return count;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rc_err err = RC_ERR_INIT;
	struct rc_doc *doc = NULL;
	int e;

	e = rc_yaml_parse_all(&doc, (const char *)data, size, "fuzz.yml", &err);
	if (e == 0) {
		if (!doc || !doc->root)
			abort();
		walk(doc->root, 0);
	} else if (e != RC_EPARSE || doc || !err.msg[0]) {
		abort();
	}
	rc_doc_free(doc);

	/* the first-document variant stops early: a different path */
	doc = NULL;
	e = rc_yaml_parse(&doc, (const char *)data, size, "fuzz.yml", &err);
	if (e == 0) {
		if (!doc || !doc->root)
			abort();
		walk(doc->root, 0);
	} else if (e != RC_EPARSE || doc || !err.msg[0]) {
		abort();
	}
	rc_doc_free(doc);
	return 0;
}
