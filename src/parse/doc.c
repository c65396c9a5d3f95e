/*
 * doc.c - the document model shared by the TOML, YAML and JSON readers.
 *
 * Nodes, strings and child arrays all live in the document's arena, so
 * freeing a document is one rc_arena_release(). Child arrays grow by
 * doubling inside the arena; the abandoned smaller arrays stay in the arena
 * until the document is freed, which costs at most as much again as the
 * final array.
 */
#include "../core/common.h"
#include "doc.h"
#include "../core/alloc.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>

int rc_doc_new(struct rc_doc **out, const char *path)
{
	struct rc_doc *doc;

	*out = NULL;
	doc = rc_calloc(1, sizeof(*doc));
	if (!doc)
		return RC_ENOMEM;
	rc_arena_init(&doc->arena);
	doc->path = rc_arena_strdup(&doc->arena, path ? path : "");
	if (!doc->path) {
		rc_free(doc);
		return RC_ENOMEM;
	}
	*out = doc;
	return 0;
}

void rc_doc_free(struct rc_doc *doc)
{
	if (!doc)
		return;
	rc_arena_release(&doc->arena);
	rc_free(doc);
}

struct rc_node *rc_doc_node(struct rc_doc *doc, enum rc_node_type type,
			    unsigned line, unsigned col)
{
	struct rc_node *n = rc_arena_alloc(&doc->arena, sizeof(*n));

	if (!n)
		return NULL;
	n->type = type;
	n->line = line;
	n->col = col;
	return n;
}

struct rc_node *rc_doc_string(struct rc_doc *doc, const char *s, size_t len,
			      unsigned line, unsigned col)
{
	struct rc_node *n = rc_doc_node(doc, RC_NODE_STRING, line, col);

	if (!n)
		return NULL;
	n->u.s.ptr = rc_arena_strndup(&doc->arena, s ? s : "", s ? len : 0);
	if (!n->u.s.ptr)
		return NULL;
	n->u.s.len = s ? len : 0;
	return n;
}

int rc_node_appendn(struct rc_doc *doc, struct rc_node *parent, const char *key,
		    size_t keylen, struct rc_node *child)
{
	struct rc_node **items;
	size_t cap, bytes;

	if (!parent || !child ||
	    (parent->type != RC_NODE_ARRAY && parent->type != RC_NODE_TABLE))
		return RC_EINTERNAL;
	if (parent->type == RC_NODE_TABLE) {
		child->key = rc_arena_strndup(&doc->arena, key ? key : "",
					      key ? keylen : 0);
		if (!child->key)
			return RC_ENOMEM;
	}
	if (parent->u.kids.n == parent->u.kids.cap) {
		cap = parent->u.kids.cap ? parent->u.kids.cap : 4;
		if (parent->u.kids.cap && rc_mul_overflow(cap, 2, &cap))
			return RC_ENOMEM;
		if (rc_mul_overflow(cap, sizeof(*items), &bytes))
			return RC_ENOMEM;
		items = rc_arena_alloc(&doc->arena, bytes);
		if (!items)
			return RC_ENOMEM;
		if (parent->u.kids.n)
			memcpy(items, parent->u.kids.items,
			       parent->u.kids.n * sizeof(*items));
		parent->u.kids.items = items;
		parent->u.kids.cap = cap;
	}
	parent->u.kids.items[parent->u.kids.n++] = child;
	return 0;
}

int rc_node_append(struct rc_doc *doc, struct rc_node *parent, const char *key,
		   struct rc_node *child)
{
	return rc_node_appendn(doc, parent, key, key ? strlen(key) : 0, child);
}

static const struct rc_node *get_n(const struct rc_node *table, const char *key,
				   size_t len)
{
	size_t i;

	if (!table || table->type != RC_NODE_TABLE || !key)
		return NULL;
	for (i = 0; i < table->u.kids.n; i++) {
		const struct rc_node *k = table->u.kids.items[i];

		if (k->key && !strncmp(k->key, key, len) && k->key[len] == '\0')
			return k;
	}
	return NULL;
}

const struct rc_node *rc_node_get(const struct rc_node *table, const char *key)
{
	return key ? get_n(table, key, strlen(key)) : NULL;
}

const struct rc_node *rc_node_path(const struct rc_node *node,
				   const char *dotted)
{
	const char *p = dotted, *dot;

	if (!node || !dotted)
		return NULL;
	if (!*p)
		return node;
	for (;;) {
		dot = strchr(p, '.');
		node = get_n(node, p, dot ? (size_t)(dot - p) : strlen(p));
		if (!node || !dot)
			return node;
		p = dot + 1;
	}
}

size_t rc_node_count(const struct rc_node *node)
{
	if (!node ||
	    (node->type != RC_NODE_ARRAY && node->type != RC_NODE_TABLE))
		return 0;
	return node->u.kids.n;
}

const struct rc_node *rc_node_at(const struct rc_node *node, size_t i)
{
	if (i >= rc_node_count(node))
		return NULL;
	return node->u.kids.items[i];
}

const char *rc_node_str(const struct rc_node *node)
{
	return node && node->type == RC_NODE_STRING ? node->u.s.ptr : NULL;
}

/*
 * Shortest text that reads back to the same double: plain decimals for
 * everyday magnitudes ("1000.0", "0.001"), exponent form otherwise.
 */
static void format_double(double d, char *buf, size_t n)
{
	double a = fabs(d);
	int prec;

	if (isnan(d)) {
		snprintf(buf, n, "nan");
		return;
	}
	if (isinf(d)) {
		snprintf(buf, n, "%sinf", d < 0 ? "-" : "");
		return;
	}
	if (a == 0 || (a >= 1e-5 && a < 1e16)) {
		for (prec = 1; prec <= 24; prec++) {
			snprintf(buf, n, "%.*f", prec, d);
			if (strtod(buf, NULL) == d)
				return;
		}
	}
	for (prec = 1; prec <= 17; prec++) {
		snprintf(buf, n, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
}

const char *rc_node_text(const struct rc_node *node, char *buf, size_t n)
{
	if (!node || !buf || !n)
		return NULL;
	switch (node->type) {
	case RC_NODE_BOOL:
		snprintf(buf, n, "%s", node->u.b ? "true" : "false");
		return buf;
	case RC_NODE_INT:
		snprintf(buf, n, "%" PRId64, node->u.i);
		return buf;
	case RC_NODE_FLOAT:
		format_double(node->u.f, buf, n);
		return buf;
	case RC_NODE_STRING:
		return node->u.s.ptr;
	default:
		return NULL;
	}
}

bool rc_node_is(const struct rc_node *node, enum rc_node_type type)
{
	return node && node->type == type;
}

const char *rc_node_type_name(enum rc_node_type type)
{
	switch (type) {
	case RC_NODE_NULL:
		return "null";
	case RC_NODE_BOOL:
		return "boolean";
	case RC_NODE_INT:
		return "integer";
	case RC_NODE_FLOAT:
		return "float";
	case RC_NODE_STRING:
		return "string";
	case RC_NODE_ARRAY:
		return "array";
	case RC_NODE_TABLE:
		return "table";
	}
	return "unknown";
}
