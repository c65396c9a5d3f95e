/*
 * eval.c - predicates over the fact store, with evidence.
 *
 * Every predicate produces a verdict and a short list of evidence items
 * (docs/checks.md, "Evidence"): what was found when it passes, what was
 * searched (or the offending thing) when it fails. Composite predicates pass
 * their children's lists up: `not` keeps its child's list and flips the
 * verdict, `all` fails with its first failing child's list, `any` fails with
 * the concatenation of everything it searched.
 *
 * Lists are bounded: at most RC_EVAL_MAX_EVIDENCE items are kept and the
 * rest only counted, so a `**` glob over 100k files costs no memory. The
 * count surfaces as "(and N more)" on the last item of the final outcome.
 *
 * With a NULL arena no evidence is built at all (applicability tests).
 */
#include "../core/common.h"
#include "eval.h"
#include "../core/buf.h"
#include "../core/lang.h"
#include "../core/alloc.h"
#include "../core/pool.h"
#include "../walk/glob.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdio.h>

/* Longest text built for one evidence item ("no file matches ..."). */
#define EV_TEXT_MAX 1024

struct evl {
	struct rc_evidence it[RC_EVAL_MAX_EVIDENCE];
	size_t n;
	uint64_t more; /* items found but not kept */
};

struct ctx {
	const struct rc_facts *f;
	struct rc_arena *arena;		     /* NULL: verdicts only */
	const struct rc_scope *scope;	     /* NULL: the whole repository */
	const struct rc_exists_index *index; /* NULL: match globs */
};

struct rc_exists_index {
	struct rc_globlists *lists; /* list i: the globs of predicate xid i */
	size_t nfiles, words;	    /* words: uint64_t per predicate bitmap */
	size_t nexists;
	uint64_t *path; /* per file: the predicates its path matches */
	uint64_t *rel;	/* per file: ... its path in its package, or NULL */
	/* while building */
	const struct rc_facts *f;
	const char *const *dirs;
	size_t ndirs;
	uint64_t *scratch; /* per worker */
	size_t swords;
};

/* The package directory owning dir[0..n) (a directory, "" the root): the
 * longest package directory equal to it or above it; "" when none. */
static const char *owner_of_dir(const struct rc_scope *s, const char *dir,
				size_t n)
{
	const char *best = "";
	size_t i, best_len = 0;

	for (i = 0; i < s->ndirs; i++) {
		size_t k = strlen(s->dirs[i]);

		if (k == 0 || k > n || k <= best_len ||
		    strncmp(s->dirs[i], dir, k) || (k < n && dir[k] != '/'))
			continue;
		best = s->dirs[i];
		best_len = k;
	}
	return best;
}

/* Does the scope see a file (or group) owned by package directory owner?
 * code: it is source code. */
static bool sees(const struct rc_scope *s, const char *owner, bool code)
{
	if (*owner)
		return !strcmp(owner, s->dir);
	return !code || !*s->dir;
}

/* Does the scope see the file at path? *rel is set to the path relative to
 * the owning package directory (the path itself at the root). */
static bool sees_path(const struct ctx *cx, const char *path, const char **rel)
{
	const char *slash, *owner;

	*rel = path;
	if (!cx->scope || !path || !*path)
		return true;
	slash = strrchr(path, '/');
	owner = owner_of_dir(cx->scope, path,
			     slash ? (size_t)(slash - path) : 0);
	if (*owner)
		*rel = path + strlen(owner) + 1;
	return sees(cx->scope, owner, rc_code_language(path) != NULL);
}

static void evl_append(struct evl *dst, const struct evl *src)
{
	size_t i;

	for (i = 0; i < src->n; i++) {
		if (dst->n < RC_EVAL_MAX_EVIDENCE)
			dst->it[dst->n++] = src->it[i];
		else
			dst->more++;
	}
	dst->more += src->more;
}

/* Room for one more item? If not, count it and say so. */
static bool evl_room(struct evl *l)
{
	if (l->n < RC_EVAL_MAX_EVIDENCE)
		return true;
	l->more++;
	return false;
}

static const char *adup(struct ctx *cx, const char *s)
{
	return s ? rc_arena_strdup(cx->arena, s) : NULL;
}

/* The text of b in the arena, cut to EV_TEXT_MAX bytes with "...". */
static const char *cut(struct ctx *cx, const struct rc_buf *b)
{
	size_t n = b->len;
	char *s;

	if (n <= EV_TEXT_MAX)
		return rc_arena_strndup(cx->arena, b->ptr, n);
	n = EV_TEXT_MAX - 3;
	while (n > 0 && ((unsigned char)b->ptr[n] & 0xC0) == 0x80)
		n--; /* not inside a UTF-8 sequence */
	s = rc_arena_alloc(cx->arena, n + 4);
	if (s) {
		memcpy(s, b->ptr, n);
		memcpy(s + n, "...", 4);
	}
	return s;
}

/*
 * Add an item; path/snippet are copied to the arena, text is taken from b
 * (and b reset). Empty paths (repository-wide facts) become NULL.
 */
static int evl_add(struct ctx *cx, struct evl *l, const char *path,
		   unsigned line, const char *snippet, struct rc_buf *text)
{
	struct rc_evidence *e;

	if (!cx->arena || !evl_room(l))
		goto out;
	if (text && rc_buf_err(text))
		return RC_ENOMEM;
	e = &l->it[l->n];
	memset(e, 0, sizeof(*e));
	if (path && *path && !(e->path = adup(cx, path)))
		return RC_ENOMEM;
	e->line = line;
	if (snippet && !(e->snippet = adup(cx, snippet)))
		return RC_ENOMEM;
	if (text && !(e->text = cut(cx, text)))
		return RC_ENOMEM;
	l->n++;
out:
	if (text)
		rc_buf_reset(text);
	return 0;
}

static void add_list(struct rc_buf *b, const char *const *items, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			rc_buf_adds(b, ", ");
		rc_buf_adds(b, items[i]);
	}
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Does a glob of predicate xid match file i, by the bitmaps of files? */
static bool indexed(const struct rc_exists_index *ix, size_t xid,
		    const uint64_t *files, size_t i)
{
	return (files[i * ix->words + xid / 64] >> (xid % 64)) & 1;
}

static int eval_exists(struct ctx *cx, const struct rc_pred *p, bool *pass,
		       struct evl *ev)
{
	size_t nfiles = rc_facts_file_count(cx->f), i;
	struct rc_buf b = RC_BUF_INIT;
	bool found = false;
	int err = 0;

	if (!p->globset)
		return RC_EINTERNAL; /* the loader compiles every exists */
	const struct rc_exists_index *ix = cx->index;

	if (ix && (ix->nfiles != nfiles || p->xid >= ix->nexists))
		ix = NULL; /* not built for these facts: glob as usual */
	for (i = 0; i < nfiles; i++) {
		const struct rc_file_entry *e = rc_facts_file_at(cx->f, i);

		const char *rel;

		if (!e || (e->flags & RC_FILE_SYMLINK) ||
		    !sees_path(cx, e->path, &rel))
			continue;
		if (ix) {
			if (!indexed(ix, p->xid, ix->path, i) &&
			    (rel == e->path || !ix->rel ||
			     !indexed(ix, p->xid, ix->rel, i)))
				continue;
		} else if (!rc_globset_match(p->globset, e->path,
					     strlen(e->path)) &&
			   (rel == e->path ||
			    !rc_globset_match(p->globset, rel, strlen(rel)))) {
			continue;
		}
		found = true;
		if (!cx->arena)
			break; /* the verdict is all that is asked */
		rc_buf_adds(&b, "found");
		if ((err = evl_add(cx, ev, e->path, 0, NULL, &b)))
			goto out;
	}
	*pass = found;
	if (!found && cx->arena) {
		rc_buf_adds(&b, "no file matches ");
		add_list(&b, p->globs, p->nglobs);
		err = evl_add(cx, ev, NULL, 0, NULL, &b);
	}
out:
	rc_buf_release(&b);
	return err;
}

/* The hits of a pattern the scope sees, at most RC_FACTS_MAX_HITS kept in
 * out (room for that many), all counted in *total. */
static size_t scoped_hits(const struct ctx *cx, unsigned pattern,
			  struct rc_hit *out, uint64_t *total)
{
	const struct rc_hit_group *g;
	size_t n = 0, k;

	*total = 0;
	for (g = rc_facts_hit_groups(cx->f, pattern); g; g = g->next) {
		if (!sees(cx->scope,
			  owner_of_dir(cx->scope, g->scope, strlen(g->scope)),
			  g->flags & RC_HIT_CODE))
			continue;
		for (k = 0; k < g->n && n < RC_FACTS_MAX_HITS; k++)
			out[n++] = g->hits[k];
		*total += g->total;
	}
	return n;
}

static int eval_contains(struct ctx *cx, const struct rc_pred *p, bool *pass,
			 struct evl *ev)
{
	struct rc_hit scoped[RC_FACTS_MAX_HITS];
	const struct rc_hit *hits = NULL;
	uint64_t total = 0;
	size_t n, i;
	struct rc_buf b = RC_BUF_INIT;
	int err = 0;

	if (cx->scope) {
		n = scoped_hits(cx, p->pattern, scoped, &total);
		hits = scoped;
	} else {
		n = rc_facts_hits(cx->f, p->pattern, &hits, &total);
	}
	if (total < n)
		total = n;
	*pass = total > 0;
	if (!cx->arena)
		return 0;
	if (*pass) {
		for (i = 0; i < n; i++) {
			rc_buf_adds(&b, "found");
			err = evl_add(cx, ev, hits[i].path, hits[i].line,
				      hits[i].snippet, &b);
			if (err)
				goto out;
		}
		ev->more += total - n;
	} else {
		rc_buf_addf(&b, "no match for /%s/%s in ", p->regex,
			    p->caseless ? "i" : "");
		add_list(&b, p->globs, p->nglobs);
		err = evl_add(cx, ev, NULL, 0, NULL, &b);
	}
out:
	rc_buf_release(&b);
	return err;
}

/*
 * Package names compare ASCII case-insensitively; for Python and Rust '-',
 * '_' (and for Python '.') are the same character, as their registries
 * normalise names. A name with '*', '?' or '[' is a glob.
 */
static char dep_fold(char c, bool py, bool rs)
{
	c = lower(c);
	if ((py || rs) && c == '_')
		return '-';
	if (py && c == '.')
		return '-';
	return c;
}

static bool dep_name_eq(const char *want, const char *have, const char *eco)
{
	bool py = eco && !strcmp(eco, "python");
	bool rs = eco && !strcmp(eco, "rust");

	if (strpbrk(want, "*?["))
		return rc_glob_match(want, have, RC_GLOB_CASEFOLD);
	while (*want && *have) {
		if (dep_fold(*want, py, rs) != dep_fold(*have, py, rs))
			return false;
		want++;
		have++;
	}
	return *want == *have;
}

static int eval_dependency(struct ctx *cx, const struct rc_pred *p, bool *pass,
			   struct evl *ev)
{
	static const char *const prefixes[] = { "dependency",
						"dev_dependency" };
	char name[128];
	struct rc_buf b = RC_BUF_INIT;
	size_t k, i;
	int err = 0;

	*pass = false;
	for (k = 0; k < RC_ARRAY_SIZE(prefixes); k++) {
		const struct rc_fact *fa;
		size_t iter = 0;

		snprintf(name, sizeof(name), "%s.%s", prefixes[k],
			 p->ecosystem ? p->ecosystem : "*");
		while ((fa = rc_facts_next(cx->f, name, &iter))) {
			const char *eco = strchr(fa->name, '.');

			const char *rel;

			eco = eco ? eco + 1 : "";
			if (fa->type != RC_FACT_STR ||
			    !sees_path(cx, fa->path, &rel))
				continue;
			for (i = 0; i < p->nnames; i++)
				if (dep_name_eq(p->names[i], fa->str, eco))
					break;
			if (i == p->nnames)
				continue;
			*pass = true;
			if (!cx->arena)
				goto out;
			rc_buf_addf(&b, "%s %s (%s)",
				    k ? "dev dependency" : "dependency",
				    fa->str, eco);
			err = evl_add(cx, ev, fa->path, fa->line, NULL, &b);
			if (err)
				goto out;
		}
	}
	if (!*pass && cx->arena) {
		rc_buf_adds(&b, "no dependency on ");
		add_list(&b, p->names, p->nnames);
		if (p->ecosystem)
			rc_buf_addf(&b, " (%s)", p->ecosystem);
		err = evl_add(cx, ev, NULL, 0, NULL, &b);
	}
out:
	rc_buf_release(&b);
	return err;
}

/* A fact's value as text. */
static const char *fact_text(const struct rc_fact *fa, char *buf, size_t n)
{
	switch (fa->type) {
	case RC_FACT_BOOL:
		return fa->b ? "true" : "false";
	case RC_FACT_NUM:
		/* whole numbers exactly, ratios to two decimals */
		if (!(fa->num > -1e15 && fa->num < 1e15) ||
		    fa->num == (double)(long long)fa->num)
			snprintf(buf, n, "%.15g", fa->num);
		else
			snprintf(buf, n, "%.2f", fa->num);
		return buf;
	case RC_FACT_STR:
	default:
		return fa->str ? fa->str : "";
	}
}

/* A string that is entirely a decimal number. */
static bool parse_num(const char *s, double *out)
{
	char *end;

	if (!s || !*s || strchr(" \t\n\r\f\v", *s))
		return false;
	*out = strtod(s, &end);
	return *end == '\0';
}

static const char *op_name(enum rc_op op)
{
	switch (op) {
	case RC_OP_EQ:
		return "==";
	case RC_OP_NE:
		return "!=";
	case RC_OP_LT:
		return "<";
	case RC_OP_LE:
		return "<=";
	case RC_OP_GT:
		return ">";
	case RC_OP_GE:
		return ">=";
	case RC_OP_MATCHES:
		return "matches";
	case RC_OP_EXISTS:
	default:
		return "exists";
	}
}

static bool cmp_holds(enum rc_op op, int c)
{
	switch (op) {
	case RC_OP_EQ:
		return c == 0;
	case RC_OP_NE:
		return c != 0;
	case RC_OP_LT:
		return c < 0;
	case RC_OP_LE:
		return c <= 0;
	case RC_OP_GT:
		return c > 0;
	case RC_OP_GE:
		return c >= 0;
	default:
		return false;
	}
}

/* Does fact fa satisfy p? md: match data for RC_OP_MATCHES. */
static bool fact_holds(const struct rc_pred *p, const struct rc_fact *fa,
		       pcre2_match_data *md)
{
	char buf[64];
	const char *s = fact_text(fa, buf, sizeof(buf));
	double v;

	switch (p->op) {
	case RC_OP_EXISTS:
		return fa->type != RC_FACT_BOOL || fa->b;
	case RC_OP_MATCHES:
		if (!p->re || !md)
			return false;
		return pcre2_match(p->re, (PCRE2_SPTR)s, strlen(s), 0, 0, md,
				   NULL) >= 0;
	default:
		break;
	}
	if (p->value_is_num) {
		if (fa->type == RC_FACT_NUM)
			v = fa->num;
		else if (fa->type != RC_FACT_STR || !parse_num(fa->str, &v))
			return p->op == RC_OP_NE; /* not a number: unequal */
		if (v != v) /* NaN compares with nothing */
			return p->op == RC_OP_NE;
		return cmp_holds(p->op, (v > p->num) - (v < p->num));
	}
	return cmp_holds(p->op, strcmp(s, p->value ? p->value : ""));
}

/* Fact values in evidence text are cut to this many bytes. */
#define VALUE_MAX 80

/* Append s, cut at VALUE_MAX bytes (not inside a UTF-8 sequence). */
static void add_value(struct rc_buf *b, const char *s)
{
	size_t n = strlen(s);

	if (n <= VALUE_MAX) {
		rc_buf_add(b, s, n);
		return;
	}
	n = VALUE_MAX - 3;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	rc_buf_add(b, s, n);
	rc_buf_adds(b, "...");
}

static void fact_describe(struct rc_buf *b, const struct rc_pred *p,
			  const struct rc_fact *fa, bool holds)
{
	char buf[64];

	rc_buf_addf(b, "%s = ", fa->name);
	add_value(b, fact_text(fa, buf, sizeof(buf)));
	if (fa->note && *fa->note) {
		rc_buf_adds(b, " (");
		add_value(b, fa->note);
		rc_buf_addc(b, ')');
	}
	if (!holds && p->op != RC_OP_EXISTS)
		rc_buf_addf(b, ", expected %s %s", op_name(p->op), p->value);
}

static int eval_fact(struct ctx *cx, const struct rc_pred *p, bool *pass,
		     struct evl *ev)
{
	struct rc_buf b = RC_BUF_INIT;
	struct evl good = { .n = 0 }, bad = { .n = 0 };
	pcre2_match_data *md = NULL;
	const struct rc_fact *fa;
	size_t iter = 0, count = 0, nbad = 0;
	int err = 0;

	if (p->op == RC_OP_MATCHES && p->re) {
		md = pcre2_match_data_create_from_pattern(p->re, NULL);
		if (!md)
			return RC_ENOMEM;
	}
	while ((fa = rc_facts_next(cx->f, p->fact, &iter))) {
		const char *rel;
		bool holds;

		if (!sees_path(cx, fa->path, &rel))
			continue;
		holds = fact_holds(p, fa, md);

		count++;
		if (!holds)
			nbad++;
		if (!cx->arena)
			continue;
		fact_describe(&b, p, fa, holds);
		err = evl_add(cx, holds ? &good : &bad, fa->path, fa->line,
			      NULL, &b);
		if (err)
			goto out;
	}
	if (p->op == RC_OP_NE)
		*pass = count > 0 && nbad == 0;
	else
		*pass = count > nbad;
	if (!cx->arena)
		goto out;
	if (count == 0) {
		rc_buf_addf(&b, "no fact '%s'", p->fact);
		err = evl_add(cx, ev, NULL, 0, NULL, &b);
	} else if (!*pass && p->op == RC_OP_MATCHES) {
		/* values searched by a regex are long (ci.run): summarise */
		rc_buf_addf(&b, "no fact '%s' matches /%s/ (%zu searched)",
			    p->fact, p->value, count);
		err = evl_add(cx, ev, NULL, 0, NULL, &b);
	} else {
		/* pass: what holds; fail: what does not */
		evl_append(ev, *pass ? &good : &bad);
	}
out:
	pcre2_match_data_free(md);
	rc_buf_release(&b);
	return err;
}

static int eval(struct ctx *cx, const struct rc_pred *p, unsigned depth,
		bool *pass, struct evl *ev);

static int eval_group(struct ctx *cx, const struct rc_pred *p, unsigned depth,
		      bool *pass, struct evl *ev)
{
	bool want = p->type == RC_PRED_ANY; /* the verdict that decides */
	struct evl acc = { .n = 0 }, kid;
	size_t i;
	int err;

	for (i = 0; i < p->nkids; i++) {
		bool kp = false;

		memset(&kid, 0, sizeof(kid));
		if ((err = eval(cx, p->kids[i], depth + 1, &kp, &kid)))
			return err;
		if (kp == want) {
			/* all: first failure; any: first success */
			*pass = want;
			evl_append(ev, &kid);
			return 0;
		}
		evl_append(&acc, &kid);
	}
	*pass = !want; /* all: every kid passed; any: none did */
	evl_append(ev, &acc);
	return 0;
}

static int eval_one(struct ctx *cx, const struct rc_pred *p, unsigned depth,
		    bool *pass, struct evl *ev);

/* A labelled predicate that fails says what was not found, in words. */
static int eval(struct ctx *cx, const struct rc_pred *p, unsigned depth,
		bool *pass, struct evl *ev)
{
	struct rc_buf text = RC_BUF_INIT;
	struct evl own = { .n = 0 };
	int err;

	if (!p || !p->label || p->type == RC_PRED_NOT)
		return eval_one(cx, p, depth, pass, ev);
	if ((err = eval_one(cx, p, depth, pass, &own)))
		return err;
	if (*pass) {
		evl_append(ev, &own);
		return 0;
	}
	rc_buf_addf(&text, "not found: %s", p->label);
	err = evl_add(cx, ev, NULL, 0, NULL, &text);
	rc_buf_release(&text);
	return err;
}

static int eval_one(struct ctx *cx, const struct rc_pred *p, unsigned depth,
		    bool *pass, struct evl *ev)
{
	int err;

	*pass = false;
	if (!p || depth > RC_PRED_MAX_DEPTH)
		return RC_EINTERNAL; /* the loader guarantees both */
	switch (p->type) {
	case RC_PRED_EXISTS:
		return eval_exists(cx, p, pass, ev);
	case RC_PRED_CONTAINS:
		return eval_contains(cx, p, pass, ev);
	case RC_PRED_DEPENDENCY:
		return eval_dependency(cx, p, pass, ev);
	case RC_PRED_FACT:
		return eval_fact(cx, p, pass, ev);
	case RC_PRED_ALL:
	case RC_PRED_ANY:
		return eval_group(cx, p, depth, pass, ev);
	case RC_PRED_NOT:
		if (p->nkids != 1)
			return RC_EINTERNAL;
		err = eval(cx, p->kids[0], depth + 1, pass, ev);
		*pass = !*pass;
		return err;
	}
	return RC_EINTERNAL;
}

/* Copy the list into out, marking truncation on the last item. */
static int finish(struct ctx *cx, const struct evl *l, struct rc_outcome *out)
{
	size_t i;

	out->nev = 0;
	for (i = 0; i < l->n; i++)
		out->ev[out->nev++] = l->it[i];
	if (l->more && out->nev && cx->arena) {
		struct rc_evidence *last = &out->ev[out->nev - 1];
		struct rc_buf b = RC_BUF_INIT;

		rc_buf_addf(&b, "%s (and %llu more)",
			    last->text ? last->text : "found",
			    (unsigned long long)l->more);
		last->text = rc_buf_err(&b) ? NULL
					    : rc_arena_strdup(cx->arena, b.ptr);
		rc_buf_release(&b);
		if (!last->text)
			return RC_ENOMEM;
	}
	return 0;
}

int rc_pred_eval(const struct rc_pred *p, const struct rc_facts *f,
		 struct rc_arena *arena, bool *pass, struct rc_outcome *out)
{
	struct ctx cx = { f, arena, NULL, NULL };
	struct evl l = { .n = 0 };
	int err;

	*pass = false;
	if (out)
		out->nev = 0;
	else
		cx.arena = NULL;
	if ((err = eval(&cx, p, 0, pass, &l)))
		return err;
	if (out) {
		out->status = *pass ? RC_STATUS_PASS : RC_STATUS_FAIL;
		return finish(&cx, &l, out);
	}
	return 0;
}

static bool has_ecosystem(const struct rc_project *p, const char *eco)
{
	const char *const *e;

	for (e = p ? p->ecosystems : NULL; e && *e; e++)
		if (!strcmp(*e, eco))
			return true;
	return false;
}

/*
 * Which part of applicability fails: 0 none, 1 kinds, 2 ecosystems,
 * 3 applies.when (its evidence in l when an arena is given).
 */
static int applies(struct ctx *cx, const struct rc_check *c,
		   const struct rc_project *p, struct evl *l, int *err)
{
	const char *const *e;
	bool ok = false;

	*err = 0;
	if (c->kinds && !(c->kinds & (p ? p->kinds : 0)))
		return 1;
	if (c->ecosystems && c->ecosystems[0]) {
		for (e = c->ecosystems; *e && !ok; e++)
			ok = has_ecosystem(p, *e);
		if (!ok)
			return 2;
	}
	if (c->applies) {
		*err = eval(cx, c->applies, 0, &ok, l);
		if (*err || !ok)
			return 3;
	}
	return 0;
}

bool rc_check_applies(const struct rc_check *c, const struct rc_project *p,
		      const struct rc_facts *f)
{
	struct ctx cx = { f, NULL, NULL, p ? p->index : NULL };
	struct evl l = { .n = 0 };
	int err;

	return applies(&cx, c, p, &l, &err) == 0 && !err;
}

static int na_reason(struct ctx *cx, const struct rc_check *c, int why,
		     struct evl *l)
{
	struct rc_buf b = RC_BUF_INIT;
	const char *const *e;
	size_t i;
	int err;

	if (why == 3) {
		/* what the applicability predicate found or searched */
		if (l->n)
			return 0;
		rc_buf_adds(&b, "applies only when its condition holds");
	} else if (why == 1) {
		rc_buf_adds(&b, "applies to ");
		for (i = 0; rc_kind_name_at(i); i++) {
			if (!(c->kinds & (1u << i)))
				continue;
			if (b.len > strlen("applies to "))
				rc_buf_adds(&b, ", ");
			rc_buf_adds(&b, rc_kind_name_at(i));
		}
		rc_buf_adds(&b, " projects");
	} else {
		rc_buf_adds(&b, "applies to ");
		for (e = c->ecosystems; *e; e++)
			rc_buf_addf(&b, "%s%s", e == c->ecosystems ? "" : ", ",
				    *e);
		rc_buf_adds(&b, " projects");
	}
	err = evl_add(cx, l, NULL, 0, NULL, &b);
	rc_buf_release(&b);
	return err;
}

int rc_check_eval(const struct rc_check *c, const struct rc_project *p,
		  const struct rc_facts *f, struct rc_arena *arena,
		  struct rc_outcome *out)
{
	return rc_check_eval_in(c, p, NULL, f, arena, out);
}

int rc_check_eval_in(const struct rc_check *c, const struct rc_project *p,
		     const struct rc_scope *scope, const struct rc_facts *f,
		     struct rc_arena *arena, struct rc_outcome *out)
{
	struct ctx cx = { f, arena, scope, p ? p->index : NULL };
	struct evl l = { .n = 0 };
	bool pass = false;
	int why, err;

	memset(out, 0, sizeof(*out));
	why = applies(&cx, c, p, &l, &err);
	if (err)
		return err;
	if (why) {
		out->status = RC_STATUS_NA;
		if (arena && (err = na_reason(&cx, c, why, &l)))
			return err;
		return finish(&cx, &l, out);
	}
	memset(&l, 0, sizeof(l));
	if (c->manual || !c->when) {
		out->status = RC_STATUS_MANUAL;
		return c->manual ? 0 : RC_EINTERNAL;
	}
	if ((err = eval(&cx, c->when, 0, &pass, &l)))
		return err;
	out->status = pass ? RC_STATUS_PASS : RC_STATUS_FAIL;
	return finish(&cx, &l, out);
}

/* Pool task: the predicate bitmaps of file i. */
static int index_file(size_t i, unsigned worker, void *payload)
{
	struct rc_exists_index *ix = payload;
	const struct rc_file_entry *e = rc_facts_file_at(ix->f, i);
	uint64_t *scratch = ix->scratch + (size_t)worker * ix->swords;
	const char *slash, *owner;
	size_t len;

	if (!e || !e->path)
		return 0;
	len = strlen(e->path);
	rc_globlists_match(ix->lists, e->path, len, scratch,
			   ix->path + i * ix->words);
	if (!ix->rel)
		return 0;
	slash = strrchr(e->path, '/');
	owner = owner_of_dir(&(struct rc_scope){ "", ix->dirs, ix->ndirs },
			     e->path, slash ? (size_t)(slash - e->path) : 0);
	if (*owner)
		rc_globlists_match(ix->lists, e->path + strlen(owner) + 1,
				   len - strlen(owner) - 1, scratch,
				   ix->rel + i * ix->words);
	return 0;
}

int rc_exists_index_build(struct rc_exists_index **out,
			  const struct rc_pred *const *exists, size_t nexists,
			  const struct rc_facts *f, const char *const *dirs,
			  size_t ndirs, unsigned jobs)
{
	struct rc_exists_index *ix = rc_calloc(1, sizeof(*ix));
	const char *const **lists = rc_calloc(nexists + 1, sizeof(*lists));
	size_t *counts = rc_calloc(nexists + 1, sizeof(*counts)), i;
	int e = RC_ENOMEM;

	*out = NULL;
	if (!ix || !lists || !counts)
		goto out;
	ix->nexists = nexists;
	ix->nfiles = rc_facts_file_count(f);
	ix->f = f;
	ix->dirs = dirs;
	ix->ndirs = ndirs;
	for (i = 0; i < nexists; i++) {
		if (exists[i]->xid != i) {
			e = RC_EINTERNAL; /* not the catalog's exists list */
			goto out;
		}
		lists[i] = exists[i]->globs;
		counts[i] = exists[i]->nglobs;
	}
	if ((e = rc_globlists_new(&ix->lists, lists, counts, nexists,
				  RC_GLOB_CASEFOLD | RC_GLOB_BRACES)))
		goto out;
	e = RC_ENOMEM;
	ix->words = rc_globlists_words(ix->lists);
	ix->swords = rc_globlists_scratch(ix->lists);
	ix->path = rc_calloc(ix->nfiles * ix->words + 1, sizeof(uint64_t));
	ix->scratch = rc_calloc((size_t)(jobs ? jobs : 1) * ix->swords,
				sizeof(uint64_t));
	if (!ix->path || !ix->scratch ||
	    (ndirs && !(ix->rel = rc_calloc(ix->nfiles * ix->words + 1,
					    sizeof(uint64_t)))))
		goto out;
	if ((e = rc_pool_run(jobs, ix->nfiles, index_file, ix)))
		goto out;
	rc_free(ix->scratch);
	ix->scratch = NULL;
	*out = ix;
	ix = NULL;
out:
	rc_free(lists);
	rc_free(counts);
	rc_exists_index_free(ix);
	return e;
}

void rc_exists_index_free(struct rc_exists_index *ix)
{
	if (!ix)
		return;
	rc_globlists_free(ix->lists);
	rc_free(ix->path);
	rc_free(ix->rel);
	rc_free(ix->scratch);
	rc_free(ix);
}
