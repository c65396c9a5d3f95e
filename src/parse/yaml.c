/*
 * yaml.c - YAML reader over libfyaml's event parser.
 *
 * libfyaml turns the text into events (mapping start, scalar, alias, ...);
 * we build the document tree from them with an explicit stack, so nesting
 * costs no C stack and is bounded by MAX_DEPTH. Scalars are resolved with
 * the YAML 1.2 core schema. Aliases are resolved by a shallow copy of the
 * anchored node (its children are shared, which is safe because the tree is
 * read-only once built); each alias adds the full size of the anchored
 * subtree to a running node count, which is bounded by MAX_NODES, so a
 * "billion laughs" document fails early instead of making every later
 * tree walk explode.
 *
 * libfyaml's diagnostics are collected, never printed, and the first error
 * becomes the rc_err message.
 */
#include "../core/common.h"
#include "yaml.h"
#include "../core/alloc.h"
#include "../core/buf.h"
#include "../core/utf8.h"
#include "../core/vec.h"

#include <libfyaml.h>
#include <math.h>
#include <stdio.h>

#define MAX_DEPTH 256
#define MAX_NODES 1000000

struct frame {
	struct rc_node *node; /* ARRAY or TABLE being filled */
	size_t start_count;   /* node count when it started */
	const char *anchor;   /* in the arena, or NULL */
	size_t anchor_len;
	const char *key; /* pending mapping key (arena), or NULL */
	size_t key_len;
	bool have_key;
};

/*
 * Anchors live in an open-addressing hash table. A slot belongs to the
 * current document only when its gen matches: starting a document bumps the
 * generation, which empties the table in O(1).
 */
struct anchor {
	const char *name; /* in the arena */
	size_t len;
	struct rc_node *node;
	size_t weight; /* nodes in the subtree, aliases expanded */
	uint32_t hash;
	unsigned gen; /* 0: never used */
};

struct yctx {
	struct rc_doc *doc;
	const char *path;
	struct rc_err *err;
	RC_VEC(struct frame) stack;
	struct anchor *anchors;
	size_t nanchors, used; /* table size (power of two), live entries */
	unsigned gen;
	size_t count;	     /* nodes so far, aliases expanded */
	struct fy_mark last; /* last valid mark, for events without one */
	struct fy_token_iter *iter;
	struct rc_buf text;	/* the current token's text */
	struct rc_node *result; /* the current document's root */
};

static void diag_quiet(struct fy_diag *diag, void *user, const char *buf,
		       size_t len)
{
	(void)diag;
	(void)user;
	(void)buf;
	(void)len;
}

/*
 * Empty plain scalars (a key with no value) come without a position: use
 * the last known one, which is their key or the "-" before them.
 */
static const struct fy_mark *event_mark(struct yctx *c, struct fy_event *fye)
{
	const struct fy_mark *m = fy_event_start_mark(fye);

	if (m && m->line >= 0 && m->column >= 0) {
		c->last = *m;
		return m;
	}
	return &c->last;
}

static unsigned mark_line(const struct fy_mark *m)
{
	return m && m->line >= 0 ? (unsigned)m->line + 1 : 0;
}

static unsigned mark_col(const struct fy_mark *m)
{
	return m && m->column >= 0 ? (unsigned)m->column + 1 : 0;
}

static int ctx_error(struct yctx *c, const struct fy_mark *m, const char *what,
		     const char *name, size_t len)
{
	if (name)
		return rc_err_set(c->err, RC_EPARSE, c->path, mark_line(m),
				  mark_col(m), "%s '%.*s'", what,
				  (int)(len > 64 ? 64 : len), name);
	return rc_err_set(c->err, RC_EPARSE, c->path, mark_line(m), mark_col(m),
			  "%s", what);
}

static int nomem(struct yctx *c)
{
	return rc_err_set(c->err, RC_ENOMEM, c->path, 0, 0, "out of memory");
}

/* Add n nodes to the running count; a parse error past MAX_NODES. */
static int count_nodes(struct yctx *c, size_t n, const struct fy_mark *m)
{
	if (rc_add_overflow(c->count, n, &c->count) || c->count > MAX_NODES)
		return ctx_error(c, m,
				 "document too large (over 1000000 nodes, "
				 "aliases expanded)",
				 NULL, 0);
	return 0;
}

static bool ieq(const char *s, size_t len, const char *word)
{
	size_t i;

	if (strlen(word) != len)
		return false;
	for (i = 0; i < len; i++) {
		char a = s[i], b = word[i];

		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (a != b)
			return false;
	}
	return true;
}

static bool all_digits(const char *s, size_t len, int base)
{
	size_t i;

	if (!len)
		return false;
	for (i = 0; i < len; i++) {
		char ch = s[i];
		bool ok;

		if (base == 8)
			ok = ch >= '0' && ch <= '7';
		else if (base == 16)
			ok = (ch >= '0' && ch <= '9') ||
			     (ch >= 'a' && ch <= 'f') ||
			     (ch >= 'A' && ch <= 'F');
		else
			ok = ch >= '0' && ch <= '9';
		if (!ok)
			return false;
	}
	return true;
}

/* Core schema float: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
static bool is_float(const char *s, size_t len)
{
	size_t i = 0, digits = 0;

	if (i < len && (s[i] == '-' || s[i] == '+'))
		i++;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++, digits++;
	if (i < len && s[i] == '.') {
		i++;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++, digits++;
	}
	if (!digits)
		return false;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		size_t e = 0;

		i++;
		if (i < len && (s[i] == '-' || s[i] == '+'))
			i++;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++, e++;
		if (!e)
			return false;
	}
	return i == len;
}

/* Parse digits in base; false on overflow past limit. */
static bool parse_uint(const char *s, size_t len, int base, uint64_t limit,
		       uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		char ch = s[i];
		unsigned d = ch <= '9'	 ? (unsigned)(ch - '0')
			     : ch >= 'a' ? (unsigned)(ch - 'a' + 10)
					 : (unsigned)(ch - 'A' + 10);

		if (v > (limit - d) / (unsigned)base)
			return false;
		v = v * (unsigned)base + d;
	}
	*out = v;
	return true;
}

static int make_float(struct yctx *c, const char *s, size_t len,
		      struct rc_node *n)
{
	char small[128], *tmp = small;

	if (len >= sizeof(small)) {
		tmp = rc_strndup(s, len);
		if (!tmp)
			return nomem(c);
	} else {
		memcpy(small, s, len);
		small[len] = '\0';
	}
	n->type = RC_NODE_FLOAT;
	n->u.f = strtod(tmp, NULL);
	if (tmp != small)
		rc_free(tmp);
	return 0;
}

/* Resolve a plain scalar with the core schema; fills n (type and value). */
static int resolve_plain(struct yctx *c, const char *s, size_t len,
			 struct rc_node *n)
{
	const char *d = s;
	size_t dl = len;
	bool neg = false;
	uint64_t v;

	if (!len || (len == 1 && s[0] == '~') || ieq(s, len, "null")) {
		n->type = RC_NODE_NULL;
		return 0;
	}
	if (ieq(s, len, "true") || ieq(s, len, "false")) {
		n->type = RC_NODE_BOOL;
		n->u.b = s[0] == 't' || s[0] == 'T';
		return 0;
	}
	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o')) {
		int base = s[1] == 'x' ? 16 : 8;

		if (all_digits(s + 2, len - 2, base) &&
		    parse_uint(s + 2, len - 2, base, INT64_MAX, &v)) {
			n->type = RC_NODE_INT;
			n->u.i = (int64_t)v;
			return 0;
		}
		return 1; /* a string */
	}
	if (dl && (d[0] == '-' || d[0] == '+')) {
		neg = d[0] == '-';
		d++, dl--;
	}
	if (all_digits(d, dl, 10)) {
		if (parse_uint(d, dl, 10, (uint64_t)INT64_MAX + neg, &v)) {
			n->type = RC_NODE_INT;
			n->u.i = neg ? (int64_t)(0 - v) : (int64_t)v;
			return 0;
		}
		return make_float(c, s, len, n);
	}
	if (dl == 4 && d[0] == '.' && ieq(d + 1, 3, "inf")) {
		n->type = RC_NODE_FLOAT;
		n->u.f = neg ? -INFINITY : INFINITY;
		return 0;
	}
	if (len == 4 && s[0] == '.' && ieq(s + 1, 3, "nan")) {
		n->type = RC_NODE_FLOAT;
		n->u.f = NAN;
		return 0;
	}
	if (is_float(s, len))
		return make_float(c, s, len, n);
	return 1;
}

/*
 * The text of a token into c->text (valid until the next call), through a
 * token iterator: fy_token_get_text() caches the text in the token, and
 * libfyaml 0.7.12 leaks that cache when a parse error follows.
 */
static int token_text(struct yctx *c, struct fy_token *t, const char **s,
		      size_t *len)
{
	const struct fy_iter_chunk *ch = NULL;
	int e = 0;

	rc_buf_reset(&c->text);
	if (t) {
		fy_token_iter_start(t, c->iter);
		while ((ch = fy_token_iter_chunk_next(c->iter, ch, &e)))
			rc_buf_add(&c->text, ch->str, ch->len);
		fy_token_iter_finish(c->iter);
	}
	if (rc_buf_err(&c->text))
		return nomem(c);
	if (e)
		return rc_err_set(c->err, RC_EPARSE, c->path, 0, 0,
				  "invalid YAML token");
	*s = c->text.ptr;
	*len = c->text.len;
	return 0;
}

/*
 * Is the node's explicit tag !!str (or its verbatim form) or the
 * non-specific "!", both of which make a plain scalar a string?
 */
static bool tagged_string(struct fy_event *fye)
{
	static const char core_str[] = "tag:yaml.org,2002:str";
	struct fy_token *t = fy_event_get_tag_token(fye);
	const struct fy_tag *tag;
	const char *h, *sfx;
	size_t n = 0;

	if (!t || !(tag = fy_tag_token_tag(t)))
		return false;
	h = tag->handle ? tag->handle : "";
	sfx = fy_tag_token_suffix(t, &n);
	if (!sfx)
		return false;
	if (!strcmp(h, "!"))
		return n == 0;
	if (!strcmp(h, "!!"))
		return n == 3 && !memcmp(sfx, "str", 3);
	return !*h && n == sizeof(core_str) - 1 && !memcmp(sfx, core_str, n);
}

static uint32_t name_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

/* The slot holding name in this document, or the free slot it would use. */
static struct anchor *anchor_slot(struct anchor *tab, size_t size, unsigned gen,
				  const char *name, size_t len, uint32_t h)
{
	size_t i, mask = size - 1;

	for (i = h & mask;; i = (i + 1) & mask) {
		struct anchor *a = &tab[i];

		if (a->gen != gen)
			return a;
		if (a->hash == h && a->len == len &&
		    !memcmp(a->name, name, len))
			return a;
	}
}

static struct anchor *find_anchor(struct yctx *c, const char *name, size_t len)
{
	struct anchor *a;

	if (!c->nanchors)
		return NULL;
	a = anchor_slot(c->anchors, c->nanchors, c->gen, name, len,
			name_hash(name, len));
	return a->gen == c->gen ? a : NULL;
}

/* Define (or redefine: later aliases see the newest) an anchor. */
static int add_anchor(struct yctx *c, const char *name, size_t len,
		      struct rc_node *node, size_t weight)
{
	uint32_t h = name_hash(name, len);
	struct anchor *a;

	if ((c->used + 1) * 2 > c->nanchors) {
		size_t n = c->nanchors ? c->nanchors * 2 : 16, i;
		struct anchor *tab = rc_calloc(n, sizeof(*tab));

		if (!tab)
			return nomem(c);
		for (i = 0; i < c->nanchors; i++) {
			struct anchor *o = &c->anchors[i];

			if (o->gen == c->gen)
				*anchor_slot(tab, n, c->gen, o->name, o->len,
					     o->hash) = *o;
		}
		rc_free(c->anchors);
		c->anchors = tab;
		c->nanchors = n;
	}
	a = anchor_slot(c->anchors, c->nanchors, c->gen, name, len, h);
	if (a->gen != c->gen)
		c->used++;
	a->name = name;
	a->len = len;
	a->node = node;
	a->weight = weight;
	a->hash = h;
	a->gen = c->gen;
	return 0;
}

/* A token's text copied into the arena. */
static int copy_token(struct yctx *c, struct fy_token *t, const char **out,
		      size_t *len)
{
	const char *s;
	int e;

	*len = 0;
	if ((e = token_text(c, t, &s, len)))
		return e;
	*out = rc_arena_strndup(&c->doc->arena, s, *len);
	return *out ? 0 : nomem(c);
}

/*
 * Attach a finished node (scalar, alias copy or closed container) to the
 * top of the stack, or make it the document root.
 */
static int attach(struct yctx *c, struct rc_node *n)
{
	struct frame *f;
	char buf[64];
	const char *k;
	int e;

	if (!c->stack.n) {
		c->result = n;
		return 0;
	}
	f = &c->stack.v[c->stack.n - 1];
	if (f->node->type == RC_NODE_ARRAY) {
		e = rc_node_append(c->doc, f->node, NULL, n);
		return e ? nomem(c) : 0;
	}
	if (!f->have_key) {
		/* n is a key: keep its text */
		switch (n->type) {
		case RC_NODE_STRING:
			f->key = n->u.s.ptr;
			f->key_len = n->u.s.len;
			break;
		case RC_NODE_NULL:
			f->key = "";
			f->key_len = 0;
			break;
		case RC_NODE_BOOL:
		case RC_NODE_INT:
		case RC_NODE_FLOAT:
			k = rc_node_text(n, buf, sizeof(buf));
			f->key_len = strlen(k);
			f->key =
				rc_arena_strndup(&c->doc->arena, k, f->key_len);
			if (!f->key)
				return nomem(c);
			break;
		default:
			return rc_err_set(c->err, RC_EPARSE, c->path, n->line,
					  n->col,
					  "unsupported non-scalar mapping key");
		}
		f->have_key = true;
		return 0;
	}
	f->have_key = false;
	e = rc_node_appendn(c->doc, f->node, f->key, f->key_len, n);
	return e ? nomem(c) : 0;
}

/* The top frame when it is a mapping waiting for a key, else NULL. */
static struct frame *want_key(struct yctx *c)
{
	struct frame *f;

	if (!c->stack.n)
		return NULL;
	f = &c->stack.v[c->stack.n - 1];
	return f->node->type == RC_NODE_TABLE && !f->have_key ? f : NULL;
}

static int on_scalar(struct yctx *c, struct fy_event *fye)
{
	const struct fy_mark *m = event_mark(c, fye);
	struct fy_token *vt = fye->scalar.value;
	enum fy_scalar_style style = fy_token_scalar_style(vt);
	struct frame *kf = want_key(c);
	unsigned line = mark_line(m), col = mark_col(m);
	const char *s, *aname;
	size_t len = 0, alen;
	struct rc_node *n;
	int e;

	if ((e = count_nodes(c, 1, m)) || (e = token_text(c, vt, &s, &len)))
		return e;
	if ((style == FYSS_SINGLE_QUOTED || style == FYSS_DOUBLE_QUOTED) &&
	    col > 1)
		col--; /* the mark is after the opening quote */
	n = rc_doc_node(c->doc, RC_NODE_STRING, line, col);
	if (!n)
		return nomem(c);
	e = 1;
	/* keys stay text: "on", "3" and "null" are all key names */
	if (!kf && style == FYSS_PLAIN && !tagged_string(fye)) {
		e = resolve_plain(c, s, len, n);
		if (e < 0)
			return e;
	}
	if (e) {
		n->type = RC_NODE_STRING;
		n->u.s.ptr = rc_arena_strndup(&c->doc->arena, s, len);
		if (!n->u.s.ptr)
			return nomem(c);
		n->u.s.len = len;
	}
	if (fye->scalar.anchor) {
		if ((e = copy_token(c, fye->scalar.anchor, &aname, &alen)) ||
		    (e = add_anchor(c, aname, alen, n, 1)))
			return e;
	}
	return attach(c, n);
}

static int on_alias(struct yctx *c, struct fy_event *fye)
{
	struct fy_mark am = *event_mark(c, fye);
	const struct fy_mark *m = &am;
	const char *name;
	size_t len = 0;
	struct rc_node *n;
	const struct anchor *a;
	int e;

	/* the mark is on the name: step back over the '*' */
	if (am.column > 0)
		am.column--;
	if ((e = token_text(c, fye->alias.anchor, &name, &len)))
		return e;
	a = find_anchor(c, name, len);
	if (!a)
		return ctx_error(c, m, "unknown alias", name, len);
	if ((e = count_nodes(c, a->weight, m)))
		return e;
	n = rc_doc_node(c->doc, a->node->type, mark_line(m), mark_col(m));
	if (!n)
		return nomem(c);
	n->u = a->node->u;
	if (n->type == RC_NODE_ARRAY || n->type == RC_NODE_TABLE)
		n->u.kids.cap = n->u.kids.n; /* shared: appending reallocates */
	return attach(c, n);
}

static int on_start(struct yctx *c, struct fy_event *fye, bool mapping)
{
	const struct fy_mark *m = event_mark(c, fye);
	struct fy_token *at = mapping ? fye->mapping_start.anchor
				      : fye->sequence_start.anchor;
	struct frame f = { 0 };
	int e;

	if (c->stack.n >= MAX_DEPTH)
		return ctx_error(c, m, "nesting too deep (over 256 levels)",
				 NULL, 0);
	if ((e = count_nodes(c, 1, m)))
		return e;
	f.node = rc_doc_node(c->doc, mapping ? RC_NODE_TABLE : RC_NODE_ARRAY,
			     mark_line(m), mark_col(m));
	if (!f.node)
		return nomem(c);
	f.start_count = c->count - 1;
	if (at && (e = copy_token(c, at, &f.anchor, &f.anchor_len)))
		return e;
	if (rc_vec_push(&c->stack, f))
		return nomem(c);
	return 0;
}

static int on_end(struct yctx *c, struct fy_event *fye)
{
	const struct fy_mark *m = event_mark(c, fye);
	struct frame f;
	int e;

	if (!c->stack.n)
		return ctx_error(c, m, "unbalanced end of collection", NULL, 0);
	f = c->stack.v[--c->stack.n];
	if (f.anchor) {
		e = add_anchor(c, f.anchor, f.anchor_len, f.node,
			       c->count - f.start_count);
		if (e)
			return e;
	}
	return attach(c, f.node);
}

/*
 * YAML is Unicode text. libfyaml stops quietly at a NUL byte and at some
 * invalid UTF-8 (in comments, for one), which would hand back a truncated
 * document as if it were whole, so check the bytes first and point at the
 * first bad one. Columns count characters, as libfyaml's do.
 */
static int check_text(struct yctx *c, const char *buf, size_t len)
{
	unsigned line = 1, col = 1;
	size_t i = 0, n;

	while (i < len) {
		if (buf[i] == '\n') {
			line++, col = 1, i++;
			continue;
		}
		if (buf[i] == '\0')
			return rc_err_set(c->err, RC_EPARSE, c->path, line, col,
					  "unexpected NUL byte");
		n = (unsigned char)buf[i] < 0x80
			    ? 1
			    : rc_utf8_valid_len(buf + i, len - i);
		if (!n)
			return rc_err_set(c->err, RC_EPARSE, c->path, line, col,
					  "invalid UTF-8");
		i += n, col++;
	}
	return 0;
}

/* Turn libfyaml's first collected error into c->err. */
static int fy_failure(struct yctx *c, struct fy_diag *diag)
{
	void *it = NULL;
	struct fy_diag_error *de;
	char msg[256];
	size_t n;

	while ((de = fy_diag_errors_iterate(diag, &it))) {
		if (de->type >= FYET_ERROR && de->msg)
			break;
	}
	if (!de)
		return rc_err_set(c->err, RC_EPARSE, c->path, 0, 0,
				  "invalid YAML");
	snprintf(msg, sizeof(msg), "%s", de->msg);
	n = strlen(msg);
	while (n &&
	       (msg[n - 1] == '.' || msg[n - 1] == ' ' || msg[n - 1] == '\n'))
		msg[--n] = '\0';
	/* git style: lower-case first letter unless it starts an acronym */
	if (msg[0] >= 'A' && msg[0] <= 'Z' && !(msg[1] >= 'A' && msg[1] <= 'Z'))
		msg[0] = (char)(msg[0] - 'A' + 'a');
	/* unlike struct fy_mark, diagnostics count from 1 */
	return rc_err_set(c->err, RC_EPARSE, c->path,
			  de->line > 0 ? (unsigned)de->line : 0,
			  de->column > 0 ? (unsigned)de->column : 0, "%s",
			  n ? msg : "invalid YAML");
}

static int parse(struct rc_doc **out, const char *buf, size_t len,
		 const char *path, struct rc_err *err, bool all)
{
	struct yctx c = { 0 };
	struct fy_diag_cfg dcfg;
	struct fy_diag *diag = NULL;
	struct fy_parse_cfg pcfg = { 0 };
	struct fy_parser *fyp = NULL;
	struct fy_event *fye;
	struct rc_node *docs = NULL;
	bool done = false, seen = false, ended = false;
	char *copy = NULL;
	int e;

	*out = NULL;
	c.path = path;
	c.err = err;
	c.gen = 1;
	rc_buf_init(&c.text, RC_BUF_MAX_DEFAULT);
	if ((e = check_text(&c, buf, len)))
		return e;
	if (rc_doc_new(&c.doc, path))
		return nomem(&c);

	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.output_fn = diag_quiet;
	dcfg.colorize = false;
	diag = fy_diag_create(&dcfg);
	if (!diag) {
		e = nomem(&c);
		goto out;
	}
	fy_diag_set_collect_errors(diag, true);
	c.iter = fy_token_iter_create(NULL);
	if (!c.iter) {
		e = nomem(&c);
		goto out;
	}
	/* GitHub reads a flow sequence closed at its key's indentation
	 * ("include: [\n  {...},\n]"): so must we, or the workflow is lost */
	pcfg.flags = FYPCF_QUIET | FYPCF_DEFAULT_VERSION_1_2 | FYPCF_JSON_NONE |
		     FYPCF_SLOPPY_FLOW_INDENTATION;
	pcfg.diag = diag;
	fyp = fy_parser_create(&pcfg);
	if (!fyp) {
		e = nomem(&c);
		goto out;
	}
	/*
	 * libfyaml 0.7.12 reads uninitialised memory on a block scalar whose
	 * last line is blanks without a newline ("a: >\n "); a final newline
	 * changes nothing else, so give it one when the file lacks it.
	 */
	if (len && buf[len - 1] != '\n') {
		if (len == SIZE_MAX || !(copy = rc_malloc(len + 1))) {
			e = nomem(&c);
			goto out;
		}
		memcpy(copy, buf, len);
		copy[len++] = '\n';
		buf = copy;
	}
	/* libfyaml wants a non-NULL pointer even for empty input */
	if (fy_parser_set_string(fyp, len ? buf : "", len)) {
		e = nomem(&c);
		goto out;
	}
	if (all) {
		docs = rc_doc_node(c.doc, RC_NODE_ARRAY, 1, 1);
		if (!docs) {
			e = nomem(&c);
			goto out;
		}
	}

	e = 0;
	while (!e && !done && (fye = fy_parser_parse(fyp))) {
		switch (fye->type) {
		case FYET_DOCUMENT_START:
			c.gen++; /* anchors are per document */
			c.used = 0;
			c.result = NULL;
			break;
		case FYET_STREAM_END:
			ended = true;
			break;
		case FYET_DOCUMENT_END:
			if (!c.result)
				break;
			if (all && c.result->type == RC_NODE_NULL) {
				/* "---" with nothing after it: skip */
			} else if (all) {
				if (rc_node_append(c.doc, docs, NULL, c.result))
					e = nomem(&c);
			} else {
				c.doc->root = c.result;
				done = true;
			}
			seen = true;
			break;
		case FYET_MAPPING_START:
			e = on_start(&c, fye, true);
			break;
		case FYET_SEQUENCE_START:
			e = on_start(&c, fye, false);
			break;
		case FYET_MAPPING_END:
		case FYET_SEQUENCE_END:
			e = on_end(&c, fye);
			break;
		case FYET_SCALAR:
			e = on_scalar(&c, fye);
			break;
		case FYET_ALIAS:
			e = on_alias(&c, fye);
			break;
		default:
			break;
		}
		fy_parser_event_free(fyp, fye);
	}
	if (!e && !done && (!ended || fy_parser_get_stream_error(fyp)))
		e = fy_failure(&c, diag);
	if (e)
		goto out;
	if (all) {
		c.doc->root = docs;
	} else if (!seen) {
		c.doc->root = rc_doc_node(c.doc, RC_NODE_NULL, 1, 1);
		if (!c.doc->root) {
			e = nomem(&c);
			goto out;
		}
	}
	*out = c.doc;
	c.doc = NULL;
out:
	/*
	 * Diagnostics first: destroyed the other way round, libfyaml 0.7.12
	 * leaks the text of a token held by a collected error.
	 */
	if (diag)
		fy_diag_destroy(diag);
	if (fyp)
		fy_parser_destroy(fyp);
	rc_free(copy);
	if (c.iter)
		fy_token_iter_destroy(c.iter);
	rc_buf_release(&c.text);
	rc_vec_free(&c.stack);
	rc_free(c.anchors);
	rc_doc_free(c.doc);
	return e;
}

int rc_yaml_parse_all(struct rc_doc **out, const char *buf, size_t len,
		      const char *path, struct rc_err *err)
{
	return parse(out, buf, len, path, err, true);
}

int rc_yaml_parse(struct rc_doc **out, const char *buf, size_t len,
		  const char *path, struct rc_err *err)
{
	return parse(out, buf, len, path, err, false);
}
