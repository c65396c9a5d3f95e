/*
 * schema.c - shared validation helpers of the check loader and the config.
 */
#include "../core/common.h"
#include "schema.h"
#include "../core/alloc.h"
#include "../core/str.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdarg.h>
#include <stdio.h>

/* How far back from a value its key is looked for in the text. */
#define KEY_SEARCH_MAX	 (4 * 1024)
#define KEY_SEARCH_LINES 8

static int verror(struct rc_schema_ctx *cx, unsigned line, unsigned col,
		  const char *fmt, va_list ap) RC_PRINTF(4, 0);

static int verror(struct rc_schema_ctx *cx, unsigned line, unsigned col,
		  const char *fmt, va_list ap)
{
	char msg[sizeof(cx->err->msg)];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	return rc_err_set(cx->err, RC_EUSAGE, cx->path, line, col, "%s", msg);
}

int rc_schema_error(struct rc_schema_ctx *cx, const struct rc_node *node,
		    const char *fmt, ...)
{
	va_list ap;
	int e;

	va_start(ap, fmt);
	e = verror(cx, node ? node->line : 0, node ? node->col : 0, fmt, ap);
	va_end(ap);
	return e;
}

int rc_schema_key_error(struct rc_schema_ctx *cx, const struct rc_node *node,
			const char *fmt, ...)
{
	unsigned line, col;
	va_list ap;
	int e;

	rc_schema_key_pos(cx, node, &line, &col);
	va_start(ap, fmt);
	e = verror(cx, line, col, fmt, ap);
	va_end(ap);
	return e;
}

/* Byte offset of 1-based (line, col) in src, or srclen when outside. */
static size_t offset_of(struct rc_schema_ctx *cx, unsigned line, unsigned col)
{
	const char *src = cx->src;
	size_t len = cx->srclen, off = 0;
	unsigned l = 1;

	if (cx->at_line && cx->at_line <= line) {
		l = cx->at_line;
		off = cx->at_off;
	}
	while (l < line && off < len) {
		const char *nl = memchr(src + off, '\n', len - off);

		if (!nl)
			return len;
		off = (size_t)(nl - src) + 1;
		l++;
	}
	if (l != line || !col)
		return len;
	cx->at_line = l;
	cx->at_off = off;
	for (; col > 1 && off < len && src[off] != '\n'; col--)
		off++;
	return off;
}

/* Is key written at s (possibly quoted), followed by ':'? */
static bool key_at(const char *src, size_t len, size_t s, const char *key,
		   size_t klen)
{
	size_t e = s + klen;

	if (s > 0 && !strchr(" \t\n\r{,-?'\"", src[s - 1]))
		return false;
	if (e > len || memcmp(src + s, key, klen))
		return false;
	if (e < len && (src[e] == '"' || src[e] == '\''))
		e++;
	while (e < len && (src[e] == ' ' || src[e] == '\t'))
		e++;
	return e < len && src[e] == ':';
}

void rc_schema_key_pos(struct rc_schema_ctx *cx, const struct rc_node *node,
		       unsigned *line, unsigned *col)
{
	size_t voff, klen, s, stop, bol;
	unsigned nl = 0, l;

	*line = node ? node->line : 0;
	*col = node ? node->col : 0;
	if (!node || !node->key || !*node->key || !cx->src || !cx->srclen ||
	    !node->line)
		return;
	voff = offset_of(cx, node->line, node->col);
	klen = strlen(node->key);
	if (voff >= cx->srclen)
		return;
	stop = voff > KEY_SEARCH_MAX ? voff - KEY_SEARCH_MAX : 0;
	for (s = voff + 1; s-- > stop;) {
		if (cx->src[s] == '\n' && ++nl > KEY_SEARCH_LINES)
			return;
		if (!key_at(cx->src, cx->srclen, s, node->key, klen))
			continue;
		if (s > 0 && (cx->src[s - 1] == '"' || cx->src[s - 1] == '\''))
			s--;
		/* the line and column of s, counting back from the value */
		l = node->line;
		for (bol = s; bol > 0 && cx->src[bol - 1] != '\n'; bol--)
			;
		*line = l - nl;
		*col = (unsigned)(s - bol) + 1;
		return;
	}
}

static size_t count_names(rc_schema_name_fn fn)
{
	size_t n = 0;

	while (fn(n))
		n++;
	return n;
}

int rc_schema_check_keys(struct rc_schema_ctx *cx, const struct rc_node *node,
			 const char *what, const char *const *keys, size_t n)
{
	size_t i, j, k;

	if (!rc_node_is(node, RC_NODE_TABLE))
		return rc_schema_error(cx, node, "expected %s (a mapping)",
				       what);
	for (i = 0; i < rc_node_count(node); i++) {
		const struct rc_node *kid = rc_node_at(node, i);

		for (k = 0; k < n; k++)
			if (!strcmp(kid->key, keys[k]))
				break;
		if (k == n) {
			int e = rc_schema_key_error(cx, kid, "unknown key '%s'",
						    kid->key);
			rc_err_hint(cx->err, rc_str_suggest(kid->key, keys, n));
			return e;
		}
		for (j = 0; j < i; j++)
			if (!strcmp(rc_node_at(node, j)->key, kid->key))
				return rc_schema_key_error(cx, kid,
							   "duplicate key '%s'",
							   kid->key);
	}
	return 0;
}

int rc_schema_str(struct rc_schema_ctx *cx, const struct rc_node *node,
		  const char *what, const char **out)
{
	const char *s = rc_node_str(node);

	if (!s)
		return rc_schema_error(cx, node, "expected %s (a string)",
				       what);
	if (strlen(s) != node->u.s.len)
		return rc_schema_error(cx, node, "%s contains a NUL byte",
				       what);
	if (!*s)
		return rc_schema_error(cx, node, "%s is empty", what);
	*out = rc_arena_strdup(cx->arena, s);
	return *out ? 0 : RC_ENOMEM;
}

/* "a glob" -> "globs", "an id" -> "ids" */
static void plural(const char *what, char *buf, size_t n)
{
	if (!strncmp(what, "a ", 2))
		what += 2;
	else if (!strncmp(what, "an ", 3))
		what += 3;
	snprintf(buf, n, "%ss", what);
}

int rc_schema_str_list(struct rc_schema_ctx *cx, const struct rc_node *node,
		       const char *what, const char ***out, size_t *n)
{
	const char **v;
	char many[64];
	size_t i, cnt;
	int e;

	plural(what, many, sizeof(many));
	if (rc_node_is(node, RC_NODE_STRING)) {
		cnt = 1;
	} else if (rc_node_is(node, RC_NODE_ARRAY)) {
		cnt = rc_node_count(node);
		if (!cnt)
			return rc_schema_error(cx, node,
					       "expected %s or a list of %s, "
					       "got an empty list",
					       what, many);
	} else {
		return rc_schema_error(cx, node, "expected %s or a list of %s",
				       what, many);
	}
	v = rc_arena_alloc(cx->arena, (cnt + 1) * sizeof(*v));
	if (!v)
		return RC_ENOMEM;
	for (i = 0; i < cnt; i++) {
		const struct rc_node *item = node->type == RC_NODE_STRING
						     ? node
						     : rc_node_at(node, i);

		if (!rc_node_is(item, RC_NODE_STRING))
			return rc_schema_error(cx, item,
					       "expected %s or a list of %s",
					       what, many);
		if ((e = rc_schema_str(cx, item, what, &v[i])))
			return e;
	}
	*out = v;
	*n = cnt;
	return 0;
}

int rc_schema_enum(struct rc_schema_ctx *cx, const struct rc_node *node,
		   const char *what, rc_schema_name_fn fn, size_t *index)
{
	const char *names[32];
	size_t n = count_names(fn), i;
	const char *s = rc_node_str(node), *hint;
	char list[256];
	size_t used = 0;
	int e;

	if (n > RC_ARRAY_SIZE(names))
		n = RC_ARRAY_SIZE(names);
	list[0] = '\0';
	for (i = 0; i < n; i++) {
		names[i] = fn(i);
		if (s && !strcmp(s, names[i])) {
			*index = i;
			return 0;
		}
		if (used < sizeof(list)) {
			int w = snprintf(list + used, sizeof(list) - used,
					 "%s%s", i ? ", " : "", names[i]);
			used += w > 0 ? (size_t)w : 0;
		}
	}
	if (!s)
		return rc_schema_error(cx, node, "expected %s: one of %s", what,
				       list);
	hint = rc_str_suggest(s, names, n);
	if (hint) {
		e = rc_schema_error(cx, node, "unknown %s '%s'", what, s);
		rc_err_hint(cx->err, hint);
		return e;
	}
	return rc_schema_error(cx, node, "unknown %s '%s' (expected one of %s)",
			       what, s, list);
}

int rc_schema_bool(struct rc_schema_ctx *cx, const struct rc_node *node,
		   const char *what, bool *out)
{
	if (!rc_node_is(node, RC_NODE_BOOL))
		return rc_schema_error(cx, node,
				       "expected true or false for %s", what);
	*out = node->u.b;
	return 0;
}

/* PCRE2 allocates through core/alloc.h, so failure injection reaches it. */
static void *re_alloc(PCRE2_SIZE n, void *data)
{
	(void)data;
	return rc_malloc(n);
}

int rc_schema_doc_list(struct rc_schema_ctx *cx, const struct rc_node *root,
		       const char *key, const struct rc_node **list)
{
	const char *const keys[] = { key };
	char what[64];
	int e;

	*list = NULL;
	if (!root || root->type == RC_NODE_NULL)
		return 0;
	snprintf(what, sizeof(what), "a '%s:' document", key);
	if ((e = rc_schema_check_keys(cx, root, what, keys, 1)))
		return e;
	if (!(*list = rc_node_get(root, key)))
		return rc_schema_error(cx, root, "missing key '%s'", key);
	if ((*list)->type == RC_NODE_NULL)
		*list = NULL;
	return 0;
}

static void re_release(void *p, void *data)
{
	(void)data;
	rc_free(p);
}

int rc_schema_regex(struct rc_schema_ctx *cx, const struct rc_node *node,
		    const char *re, uint32_t flags, void **out)
{
	pcre2_general_context *gc;
	pcre2_compile_context *cc = NULL;
	pcre2_code *code = NULL;
	PCRE2_SIZE off = 0;
	PCRE2_UCHAR msg[160];
	int code_err = 0;

	if (strlen(re) > RC_SCHEMA_REGEX_MAX)
		return rc_schema_error(cx, node,
				       "regex too long (over %d bytes)",
				       RC_SCHEMA_REGEX_MAX);
	if (cx->trusted && !out)
		return 0;
	gc = pcre2_general_context_create(re_alloc, re_release, NULL);
	if (gc)
		cc = pcre2_compile_context_create(gc);
	if (cc)
		code = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED,
				     flags, &code_err, &off, cc);
	pcre2_compile_context_free(cc);
	pcre2_general_context_free(gc);
	if (!cc || (!code && code_err == PCRE2_ERROR_HEAP_FAILED))
		return RC_ENOMEM;
	if (!code) {
		if (pcre2_get_error_message(code_err, msg, sizeof(msg)) < 0)
			snprintf((char *)msg, sizeof(msg), "error %d",
				 code_err);
		return rc_schema_error(cx, node,
				       "bad regex '%s': %s at offset %zu", re,
				       (const char *)msg, (size_t)off);
	}
	if (out)
		*out = code;
	else
		pcre2_code_free(code);
	return 0;
}
