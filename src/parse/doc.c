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
#include <limits.h>
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

#define PACK_MAGIC "rcdoc1\n"

static void put_varint(struct rc_buf *b, uint64_t v)
{
	unsigned char tmp[10];
	size_t n = 0;

	do {
		tmp[n] = (unsigned char)(v & 0x7f);
		v >>= 7;
		if (v)
			tmp[n] |= 0x80;
		n++;
	} while (v);
	rc_buf_add(b, tmp, n);
}

static int pack_node(const struct rc_node *n, bool keyed, unsigned depth,
		     struct rc_buf *b)
{
	unsigned char t = (unsigned char)n->type;
	size_t i;

	if (depth > RC_DOC_PACK_DEPTH)
		return RC_ETOOBIG;
	rc_buf_add(b, &t, 1);
	put_varint(b, n->line);
	put_varint(b, n->col);
	if (keyed) {
		size_t kl = n->key ? strlen(n->key) : 0;

		put_varint(b, kl);
		rc_buf_add(b, n->key ? n->key : "", kl);
	}
	switch (n->type) {
	case RC_NODE_NULL:
		break;
	case RC_NODE_BOOL:
		t = n->u.b;
		rc_buf_add(b, &t, 1);
		break;
	case RC_NODE_INT: /* zigzag */
		put_varint(b, ((uint64_t)n->u.i << 1) ^
				      (uint64_t)(n->u.i < 0 ? -1 : 0));
		break;
	case RC_NODE_FLOAT:
		rc_buf_add(b, &n->u.f, sizeof(n->u.f));
		break;
	case RC_NODE_STRING:
		put_varint(b, n->u.s.len);
		rc_buf_add(b, n->u.s.ptr, n->u.s.len);
		break;
	case RC_NODE_ARRAY:
	case RC_NODE_TABLE:
		put_varint(b, n->u.kids.n);
		for (i = 0; i < n->u.kids.n; i++) {
			int e = pack_node(n->u.kids.items[i],
					  n->type == RC_NODE_TABLE, depth + 1,
					  b);

			if (e)
				return e;
		}
		break;
	}
	return 0;
}

int rc_doc_pack(const struct rc_doc *doc, struct rc_buf *out)
{
	unsigned char has = doc->root != NULL;
	int e = 0;

	rc_buf_adds(out, PACK_MAGIC);
	rc_buf_add(out, &has, 1);
	if (has)
		e = pack_node(doc->root, false, 0, out);
	if (!e && rc_buf_err(out))
		e = RC_ENOMEM;
	return e;
}

struct unpack {
	struct rc_doc *doc;
	const unsigned char *p, *start, *end;
	int e; /* RC_EPARSE or RC_ENOMEM once something failed */
};

/* A varint as put_varint() writes it: no overlong or overflowing forms,
 * so that every document has one packed spelling. */
static uint64_t get_varint(struct unpack *u)
{
	uint64_t v = 0;
	unsigned shift = 0;

	while (u->p < u->end && shift < 64) {
		unsigned char c = *u->p++;

		if ((shift == 63 && c > 1) || (shift && c == 0))
			break;
		v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return v;
		shift += 7;
	}
	u->e = RC_EPARSE;
	return 0;
}

/* n bytes, or NULL (and u->e set) when fewer are left. */
static const unsigned char *get_bytes(struct unpack *u, uint64_t n)
{
	const unsigned char *at = u->p;

	if (u->e || n > (uint64_t)(u->end - u->p)) {
		u->e = RC_EPARSE;
		return NULL;
	}
	u->p += n;
	return at;
}

static struct rc_node *unpack_node(struct unpack *u, bool keyed, unsigned depth)
{
	const unsigned char *t = get_bytes(u, 1), *bytes;
	uint64_t line, col, len, i;
	struct rc_node *n;

	if (!t || *t > RC_NODE_TABLE || depth > RC_DOC_PACK_DEPTH) {
		u->e = RC_EPARSE;
		return NULL;
	}
	line = get_varint(u);
	col = get_varint(u);
	if (u->e || line > UINT_MAX || col > UINT_MAX) {
		u->e = RC_EPARSE;
		return NULL;
	}
	if (!(n = rc_doc_node(u->doc, (enum rc_node_type) * t, (unsigned)line,
			      (unsigned)col))) {
		u->e = RC_ENOMEM;
		return NULL;
	}
	if (keyed) {
		len = get_varint(u);
		if (!(bytes = get_bytes(u, len)))
			return NULL;
		if (memchr(bytes, '\0', (size_t)len)) {
			u->e = RC_EPARSE; /* keys are C strings */
			return NULL;
		}
		if (!(n->key = rc_arena_strndup(&u->doc->arena,
						(const char *)bytes,
						(size_t)len))) {
			u->e = RC_ENOMEM;
			return NULL;
		}
	}
	switch (n->type) {
	case RC_NODE_NULL:
		break;
	case RC_NODE_BOOL:
		if (!(bytes = get_bytes(u, 1)) || *bytes > 1) {
			u->e = RC_EPARSE;
			return NULL;
		}
		n->u.b = *bytes;
		break;
	case RC_NODE_INT:
		len = get_varint(u);
		n->u.i = (int64_t)(len >> 1) ^ -(int64_t)(len & 1);
		break;
	case RC_NODE_FLOAT:
		if (!(bytes = get_bytes(u, sizeof(n->u.f))))
			return NULL;
		memcpy(&n->u.f, bytes, sizeof(n->u.f));
		break;
	case RC_NODE_STRING:
		len = get_varint(u);
		if (!(bytes = get_bytes(u, len)))
			return NULL;
		n->u.s.len = (size_t)len;
		if (!(n->u.s.ptr = rc_arena_strndup(&u->doc->arena,
						    (const char *)bytes,
						    (size_t)len))) {
			u->e = RC_ENOMEM;
			return NULL;
		}
		break;
	case RC_NODE_ARRAY:
	case RC_NODE_TABLE:
		len = get_varint(u);
		/* every child takes at least 3 bytes: no huge bogus counts */
		if (u->e || len > (uint64_t)(u->end - u->p) / 3) {
			u->e = RC_EPARSE;
			return NULL;
		}
		n->u.kids.cap = n->u.kids.n = (size_t)len;
		if (len && !(n->u.kids.items = rc_arena_alloc(
				     &u->doc->arena,
				     (size_t)len * sizeof(*n->u.kids.items)))) {
			u->e = RC_ENOMEM;
			return NULL;
		}
		for (i = 0; i < len; i++)
			if (!(n->u.kids.items[i] = unpack_node(
				      u, n->type == RC_NODE_TABLE, depth + 1)))
				return NULL;
		break;
	}
	return u->e ? NULL : n;
}

int rc_doc_unpack(struct rc_doc **out, const void *data, size_t len,
		  const char *path, struct rc_err *err)
{
	struct unpack u = { NULL, data, data, (const unsigned char *)data + len,
			    0 };
	const unsigned char *has;
	size_t ml = strlen(PACK_MAGIC);
	int e;

	*out = NULL;
	if ((e = rc_doc_new(&u.doc, path)))
		return rc_err_set(err, e, path, 0, 0, "out of memory");
	if (len < ml + 1 || memcmp(data, PACK_MAGIC, ml)) {
		u.e = RC_EPARSE;
	} else {
		u.p += ml;
		has = get_bytes(&u, 1);
		if (has && *has > 1)
			u.e = RC_EPARSE;
		else if (has && *has)
			u.doc->root = unpack_node(&u, false, 0);
		if (!u.e && u.p != u.end)
			u.e = RC_EPARSE; /* trailing bytes */
	}
	if (u.e) {
		size_t at = (size_t)(u.p - u.start);

		rc_doc_free(u.doc);
		if (u.e == RC_ENOMEM)
			return rc_err_set(err, RC_ENOMEM, path, 0, 0,
					  "out of memory");
		return rc_err_set(err, RC_EPARSE, path, 0,
				  at > UINT_MAX ? UINT_MAX : (unsigned)at + 1,
				  "not a packed document (damaged at byte "
				  "%zu)",
				  at);
	}
	*out = u.doc;
	return 0;
}
