/*
 * schema.h - validating document trees against a fixed schema (rules/ only).
 *
 * The check loader (catalog.c) and the config reader (config.c) share these
 * helpers so that both speak with one voice: every error is RC_EUSAGE with
 * path:line:col, says what was expected, and names the nearest valid word
 * through rc_err_hint() ("unknown key 'sevrity'" + hint 'severity').
 *
 * Positions: the document model records where each *value* starts. Errors
 * about a key (unknown, duplicate) point at the key itself; when the source
 * text is known (ctx.src) the key is found just before its value, otherwise
 * the value's position is used.
 *
 * Strings handed out are copied into ctx.arena and live as long as it.
 */
#ifndef RC_RULES_SCHEMA_H
#define RC_RULES_SCHEMA_H

#include "../core/common.h"
#include "../core/arena.h"
#include "../core/err.h"
#include "../parse/doc.h"

struct rc_schema_ctx {
	const char *path; /* file name used in errors */
	const char *src;  /* the document's text, or NULL */
	size_t srclen;
	struct rc_err *err;
	struct rc_arena *arena; /* where copied strings go */
	/* the built-in rules, which the build already loaded with every
	 * check (tools/embed.c): regexes compiled only to be validated are
	 * not compiled again */
	bool trusted;
	/* private: the start of a line of src seen last (lookups go
	 * forward from it, so visiting a document in order is linear) */
	unsigned at_line;
	size_t at_off;
};

/* Return the i-th valid name, NULL past the end. */
typedef const char *(*rc_schema_name_fn)(size_t i);

/* Set an RC_EUSAGE error at node's value position; returns RC_EUSAGE. */
int rc_schema_error(struct rc_schema_ctx *cx, const struct rc_node *node,
		    const char *fmt, ...) RC_PRINTF(3, 4);
/* Same at the position of node's key (node must be a table child). */
int rc_schema_key_error(struct rc_schema_ctx *cx, const struct rc_node *node,
			const char *fmt, ...) RC_PRINTF(3, 4);
/*
 * Where node's key starts: searched in src a few lines (at most 4 KiB)
 * back from the value; the value's own position when not found.
 */
void rc_schema_key_pos(struct rc_schema_ctx *cx, const struct rc_node *node,
		       unsigned *line, unsigned *col);

/*
 * node must be a TABLE whose keys are all in keys[0..n) and distinct.
 * what names the table in the type error ("a check", "the config").
 */
int rc_schema_check_keys(struct rc_schema_ctx *cx, const struct rc_node *node,
			 const char *what, const char *const *keys, size_t n);

/*
 * A rules document: its root has exactly one key, key ("checks", "fixes",
 * "secrets"), holding a list. *list is that node, or NULL when the document
 * or the key is empty; any other key, or none, is a located error.
 */
int rc_schema_doc_list(struct rc_schema_ctx *cx, const struct rc_node *root,
		       const char *key, const struct rc_node **list);

/* A string scalar without NUL bytes, non-empty; *out in the arena. */
int rc_schema_str(struct rc_schema_ctx *cx, const struct rc_node *node,
		  const char *what, const char **out);

/*
 * A string or a non-empty list of strings (what: "a glob" reads "expected a
 * glob or a list of globs"; plural is what + "s" with the article dropped).
 * *out is a NULL-terminated array in the arena, *n its length.
 */
int rc_schema_str_list(struct rc_schema_ctx *cx, const struct rc_node *node,
		       const char *what, const char ***out, size_t *n);

/*
 * A string that is one of the names of fn; *index its position. Errors:
 * "unknown severity 'hgh'" + hint, listing the valid names when none is
 * close.
 */
int rc_schema_enum(struct rc_schema_ctx *cx, const struct rc_node *node,
		   const char *what, rc_schema_name_fn fn, size_t *index);

/*
 * Check regex re (written at node) with PCRE2; flags are PCRE2 compile
 * options (PCRE2_MULTILINE, PCRE2_CASELESS). With out, the compiled code
 * (pcre2_code *, allocated through core/alloc.h) is handed to the caller,
 * who frees it with pcre2_code_free(); with out NULL it is only validated.
 * Errors: "bad regex 'a(': missing closing parenthesis at offset 2".
 */
int rc_schema_regex(struct rc_schema_ctx *cx, const struct rc_node *node,
		    const char *re, uint32_t flags, void **out);

/* Longest regex accepted. */
#define RC_SCHEMA_REGEX_MAX 4096

/* A boolean scalar. */
int rc_schema_bool(struct rc_schema_ctx *cx, const struct rc_node *node,
		   const char *what, bool *out);

#endif
