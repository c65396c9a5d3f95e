/*
 * catalog.c - loading checks from YAML (built-in rules/ and user config).
 *
 * One strict parser for both sources (docs/checks.md is its user manual).
 * Each check mapping is validated key by key; predicates recurse with a
 * depth bound. `contains` regexes are checked with PCRE2 at load time (the
 * engine compiles them for scanning later) and become content patterns,
 * shared between predicates that search the same thing; `matches` regexes
 * of fact predicates are compiled here and kept for evaluation.
 *
 * Per-ecosystem remediation ("fixes") comes from a check's `fix:` map or
 * from a `fixes:` document (rules/fixes.yml, loaded after every check file,
 * so that each entry can name any built-in check).
 *
 * Everything a check points to lives in the catalog's arena; compiled
 * regexes are listed in c->regexes and freed with the catalog.
 */
#include "../core/common.h"
#include "catalog.h"
#include "../walk/glob.h"
#include "../core/alloc.h"
#include "../core/str.h"
#include "../parse/yaml.h"
#include "builtin.h"
#include "schema.h"
#include "secret_rules.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdio.h>

struct loader {
	struct rc_catalog *c;
	struct rc_schema_ctx sx;
	const char *source; /* arena */
	const char *file;   /* arena */
};

static const char *const check_keys[] = {
	"id",	"title",  "category", "severity",    "effort", "applies",
	"when", "manual", "why",      "remediation", "fix",
};

static const char *const applies_keys[] = { "kinds", "ecosystems", "when" };

static const char *const pred_keys[] = {
	"exists", "contains", "dependency", "fact", "all", "any", "not",
};

static const char *const contains_keys[] = { "glob", "regex", "nocase" };
static const char *const dependency_keys[] = { "name", "names", "ecosystem" };
static const char *const fact_keys[] = { "name", "op", "value" };

static const struct {
	const char *name;
	enum rc_op op;
} ops[] = {
	{ "==", RC_OP_EQ },	    { "!=", RC_OP_NE },
	{ "<", RC_OP_LT },	    { "<=", RC_OP_LE },
	{ ">", RC_OP_GT },	    { ">=", RC_OP_GE },
	{ "exists", RC_OP_EXISTS }, { "matches", RC_OP_MATCHES },
	{ "eq", RC_OP_EQ },	    { "ne", RC_OP_NE },
	{ "lt", RC_OP_LT },	    { "le", RC_OP_LE },
	{ "gt", RC_OP_GT },	    { "ge", RC_OP_GE },
};

static const char *op_name_at(size_t i)
{
	return i < RC_ARRAY_SIZE(ops) ? ops[i].name : NULL;
}

int rc_catalog_new(struct rc_catalog **out)
{
	struct rc_catalog *c = rc_calloc(1, sizeof(*c));

	*out = NULL;
	if (!c)
		return RC_ENOMEM;
	if (rc_secrets_new(&c->secrets)) {
		rc_free(c);
		return RC_ENOMEM;
	}
	rc_arena_init(&c->arena);
	*out = c;
	return 0;
}

void rc_catalog_free(struct rc_catalog *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->nregexes; i++)
		pcre2_code_free(c->regexes[i]);
	rc_free(c->regexes);
	for (i = 0; i < c->nglobsets; i++)
		rc_globset_free(c->globsets[i]);
	rc_free(c->globsets);
	rc_free(c->exists);
	rc_free(c->checks);
	rc_free(c->patterns);
	rc_secrets_free(c->secrets);
	rc_arena_release(&c->arena);
	rc_free(c);
}

const struct rc_check *rc_catalog_find(const struct rc_catalog *c,
				       const char *id)
{
	size_t i;

	for (i = 0; c && id && i < c->n; i++)
		if (!strcmp(c->checks[i]->id, id))
			return c->checks[i];
	return NULL;
}

const char *rc_catalog_suggest(const struct rc_catalog *c, const char *id)
{
	const char **ids;
	const char *hint;
	size_t i;

	if (!c || !id || !c->n)
		return NULL;
	ids = rc_reallocarray(NULL, c->n, sizeof(*ids));
	if (!ids)
		return NULL;
	for (i = 0; i < c->n; i++)
		ids[i] = c->checks[i]->id;
	hint = rc_str_suggest(id, ids, c->n);
	rc_free(ids);
	return hint;
}

int rc_catalog_disable(struct rc_catalog *c, const char *id)
{
	size_t i;

	for (i = 0; c && id && i < c->n; i++) {
		if (strcmp(c->checks[i]->id, id))
			continue;
		memmove(&c->checks[i], &c->checks[i + 1],
			(c->n - i - 1) * sizeof(*c->checks));
		c->n--;
		return 0;
	}
	return RC_ENOTFOUND;
}

static int keep_re(struct rc_catalog *c, void *code)
{
	if (c->nregexes == c->regcap) {
		size_t cap = c->regcap ? c->regcap * 2 : 8;
		void **v = rc_reallocarray(c->regexes, cap, sizeof(*v));

		if (!v) {
			pcre2_code_free(code);
			return RC_ENOMEM;
		}
		c->regexes = v;
		c->regcap = cap;
	}
	c->regexes[c->nregexes++] = code;
	return 0;
}

/* Compile an `exists` predicate's globs once, for the whole file list. */
static int compile_globs(struct rc_catalog *c, struct rc_pred *p)
{
	struct rc_globset *set = NULL;
	int e;

	if (c->nglobsets == c->globsetcap) {
		size_t cap = c->globsetcap ? c->globsetcap * 2 : 16;
		struct rc_globset **v =
			rc_reallocarray(c->globsets, cap, sizeof(*v));
		const struct rc_pred **x;

		if (!v)
			return RC_ENOMEM;
		c->globsets = v;
		x = rc_reallocarray(c->exists, cap, sizeof(*x));
		if (!x)
			return RC_ENOMEM;
		c->exists = x;
		c->globsetcap = cap;
	}
	e = rc_globset_new(&set, p->globs, p->nglobs,
			   RC_GLOB_CASEFOLD | RC_GLOB_BRACES);
	if (e)
		return e;
	p->xid = c->nglobsets;
	c->exists[c->nglobsets] = p;
	c->globsets[c->nglobsets++] = set;
	p->globset = set;
	return 0;
}

static bool globs_equal(const char **a, size_t na, const char **b, size_t nb)
{
	size_t i;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++)
		if (strcmp(a[i], b[i]))
			return false;
	return true;
}

/* The id of the pattern (regex, globs, caseless), added when new. */
static int pattern_id(struct rc_catalog *c, const struct rc_pred *p,
		      unsigned *id)
{
	struct rc_content_pattern *pat;
	size_t i;

	for (i = 0; i < c->npatterns; i++) {
		pat = &c->patterns[i];
		if (pat->caseless == p->caseless &&
		    !strcmp(pat->regex, p->regex) &&
		    globs_equal(pat->globs, pat->nglobs, p->globs, p->nglobs)) {
			*id = (unsigned)i;
			return 0;
		}
	}
	if (c->npatterns >= RC_CATALOG_MAX_PATTERNS)
		return RC_ETOOBIG;
	if (c->npatterns == c->patcap) {
		size_t cap = c->patcap ? c->patcap * 2 : 32;

		pat = rc_reallocarray(c->patterns, cap, sizeof(*pat));
		if (!pat)
			return RC_ENOMEM;
		c->patterns = pat;
		c->patcap = cap;
	}
	pat = &c->patterns[c->npatterns];
	pat->regex = p->regex;
	pat->globs = p->globs;
	pat->nglobs = p->nglobs;
	pat->caseless = p->caseless;
	*id = (unsigned)c->npatterns++;
	return 0;
}

static int check_glob(struct loader *ld, const struct rc_node *node,
		      const char *g)
{
	int depth = 0;
	const char *s;

	if (*g == '/')
		return rc_schema_error(&ld->sx, node,
				       "glob '%s' starts with '/' (globs are "
				       "relative to the repository root)",
				       g);
	for (s = g; *s; s++) {
		if (*s == '\\' && s[1])
			s++;
		else if (*s == '{')
			depth++;
		else if (*s == '}' && --depth < 0)
			break;
	}
	if (depth)
		return rc_schema_error(&ld->sx, node,
				       "unbalanced braces in glob '%s'", g);
	return 0;
}

static int parse_globs(struct loader *ld, const struct rc_node *node,
		       struct rc_pred *p)
{
	size_t i;
	int e;

	e = rc_schema_str_list(&ld->sx, node, "a glob", &p->globs, &p->nglobs);
	for (i = 0; !e && i < p->nglobs; i++) {
		const struct rc_node *at = rc_node_is(node, RC_NODE_ARRAY)
						   ? rc_node_at(node, i)
						   : node;
		e = check_glob(ld, at, p->globs[i]);
	}
	return e;
}

static int parse_pred(struct loader *ld, const struct rc_node *node,
		      unsigned depth, struct rc_pred **out);

static int parse_contains(struct loader *ld, const struct rc_node *v,
			  struct rc_pred *p)
{
	const struct rc_node *g = rc_node_get(v, "glob");
	const struct rc_node *re = rc_node_get(v, "regex");
	const struct rc_node *nc = rc_node_get(v, "nocase");
	uint32_t flags = PCRE2_MULTILINE;
	int e;

	if ((e = rc_schema_check_keys(&ld->sx, v, "a contains predicate",
				      contains_keys,
				      RC_ARRAY_SIZE(contains_keys))))
		return e;
	if (!g)
		return rc_schema_error(&ld->sx, v,
				       "missing key 'glob' in contains");
	if (!re)
		return rc_schema_error(&ld->sx, v,
				       "missing key 'regex' in contains");
	if ((e = parse_globs(ld, g, p)))
		return e;
	if ((e = rc_schema_str(&ld->sx, re, "regex", &p->regex)))
		return e;
	if (ld->c->npatterns >= RC_CATALOG_MAX_PATTERNS)
		return rc_schema_error(&ld->sx, re,
				       "too many content patterns (more than "
				       "%d)",
				       RC_CATALOG_MAX_PATTERNS);
	if (nc && (e = rc_schema_bool(&ld->sx, nc, "nocase", &p->caseless)))
		return e;
	if (!strncmp(p->regex, "(?i)", 4) && p->regex[4]) {
		p->regex += 4;
		p->caseless = true;
	}
	if (p->caseless)
		flags |= PCRE2_CASELESS;
	if ((e = rc_schema_regex(&ld->sx, re, p->regex, flags, NULL)))
		return e;
	return pattern_id(ld->c, p, &p->pattern);
}

static int parse_dependency(struct loader *ld, const struct rc_node *v,
			    struct rc_pred *p)
{
	const struct rc_node *name, *names, *eco;
	size_t i;
	int e;

	if (!rc_node_is(v, RC_NODE_TABLE))
		return rc_schema_str_list(&ld->sx, v, "a dependency name",
					  &p->names, &p->nnames);
	if ((e = rc_schema_check_keys(&ld->sx, v, "a dependency predicate",
				      dependency_keys,
				      RC_ARRAY_SIZE(dependency_keys))))
		return e;
	name = rc_node_get(v, "name");
	names = rc_node_get(v, "names");
	eco = rc_node_get(v, "ecosystem");
	if (!name == !names)
		return rc_schema_error(&ld->sx, v,
				       "a dependency predicate needs exactly "
				       "one of 'name' and 'names'");
	if (name) {
		p->names = rc_arena_alloc(&ld->c->arena, 2 * sizeof(*p->names));
		if (!p->names)
			return RC_ENOMEM;
		p->nnames = 1;
		e = rc_schema_str(&ld->sx, name, "a dependency name",
				  &p->names[0]);
	} else {
		e = rc_schema_str_list(&ld->sx, names, "a dependency name",
				       &p->names, &p->nnames);
	}
	if (e || !eco)
		return e;
	if ((e = rc_schema_enum(&ld->sx, eco, "ecosystem", rc_ecosystem_name_at,
				&i)))
		return e;
	p->ecosystem = rc_ecosystem_name_at(i);
	return 0;
}

/* Fact names: [a-z0-9_.-]+, optionally ending in ".*" (a prefix). */
static bool fact_name_ok(const char *s)
{
	size_t n = strlen(s), i;

	if (n >= 2 && !strcmp(s + n - 2, ".*"))
		n -= 2;
	if (!n || s[0] == '.' || s[n - 1] == '.')
		return false;
	for (i = 0; i < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789_.-", s[i]))
			return false;
	return true;
}

static int parse_fact_name(struct loader *ld, const struct rc_node *v,
			   struct rc_pred *p)
{
	int e = rc_schema_str(&ld->sx, v, "a fact name", &p->fact);

	if (!e && !fact_name_ok(p->fact))
		e = rc_schema_error(&ld->sx, v,
				    "bad fact name '%s' (lower-case letters, "
				    "digits, '.', '_' and '-', optionally "
				    "ending in '.*')",
				    p->fact);
	return e;
}

static int parse_fact(struct loader *ld, const struct rc_node *v,
		      struct rc_pred *p)
{
	const struct rc_node *name, *op, *val;
	char buf[64];
	const char *text;
	size_t i;
	int e;

	p->op = RC_OP_EXISTS;
	if (!rc_node_is(v, RC_NODE_TABLE))
		return parse_fact_name(ld, v, p);
	if ((e = rc_schema_check_keys(&ld->sx, v, "a fact predicate", fact_keys,
				      RC_ARRAY_SIZE(fact_keys))))
		return e;
	name = rc_node_get(v, "name");
	op = rc_node_get(v, "op");
	val = rc_node_get(v, "value");
	if (!name)
		return rc_schema_error(&ld->sx, v,
				       "missing key 'name' in fact");
	if ((e = parse_fact_name(ld, name, p)))
		return e;
	if (op) {
		if ((e = rc_schema_enum(&ld->sx, op, "operator", op_name_at,
					&i)))
			return e;
		p->op = ops[i].op;
	} else if (val) {
		p->op = RC_OP_EQ;
	}
	if (p->op == RC_OP_EXISTS) {
		if (val)
			return rc_schema_error(&ld->sx, val,
					       "operator 'exists' takes no "
					       "value");
		return 0;
	}
	if (!val)
		return rc_schema_error(&ld->sx, op ? op : v,
				       "missing key 'value' in fact");
	switch (val->type) {
	case RC_NODE_INT:
	case RC_NODE_FLOAT:
		p->value_is_num = p->op != RC_OP_MATCHES;
		p->num = val->type == RC_NODE_INT ? (double)val->u.i : val->u.f;
		/* fall through */
	case RC_NODE_BOOL:
	case RC_NODE_STRING:
		text = rc_node_text(val, buf, sizeof(buf));
		if (val->type == RC_NODE_STRING && strlen(text) != val->u.s.len)
			return rc_schema_error(&ld->sx, val,
					       "value contains a NUL byte");
		break;
	default:
		return rc_schema_error(&ld->sx, val,
				       "expected a number or a string for "
				       "'value'");
	}
	if (!(p->value = rc_arena_strdup(&ld->c->arena, text)))
		return RC_ENOMEM;
	if (p->op == RC_OP_MATCHES) {
		void *code = NULL;

		if (!*p->value)
			return rc_schema_error(&ld->sx, val, "regex is empty");
		if ((e = rc_schema_regex(&ld->sx, val, p->value, 0, &code)))
			return e;
		if ((e = keep_re(ld->c, code)))
			return e;
		p->re = code;
	}
	return 0;
}

static int parse_kids(struct loader *ld, const struct rc_node *v,
		      unsigned depth, struct rc_pred *p)
{
	size_t i;
	int e;

	if (!rc_node_is(v, RC_NODE_ARRAY) || !rc_node_count(v))
		return rc_schema_error(&ld->sx, v,
				       "expected a non-empty list of "
				       "predicates");
	p->nkids = rc_node_count(v);
	p->kids = rc_arena_alloc(&ld->c->arena, p->nkids * sizeof(*p->kids));
	if (!p->kids)
		return RC_ENOMEM;
	for (i = 0; i < p->nkids; i++)
		if ((e = parse_pred(ld, rc_node_at(v, i), depth + 1,
				    &p->kids[i])))
			return e;
	return 0;
}

static int parse_pred(struct loader *ld, const struct rc_node *node,
		      unsigned depth, struct rc_pred **out)
{
	const struct rc_node *v, *label;
	struct rc_pred *p;
	size_t k;
	int e;

	if (depth >= RC_PRED_MAX_DEPTH)
		return rc_schema_error(&ld->sx, node,
				       "predicates nested too deep (more "
				       "than %d levels)",
				       RC_PRED_MAX_DEPTH);
	if (!rc_node_is(node, RC_NODE_TABLE))
		return rc_schema_error(&ld->sx, node,
				       "expected a predicate (a mapping with "
				       "one key: exists, contains, "
				       "dependency, fact, all, any or not)");
	if (rc_node_count(node) == 0)
		return rc_schema_error(&ld->sx, node,
				       "empty predicate (expected one key: "
				       "exists, contains, dependency, fact, "
				       "all, any or not)");
	/* one predicate key, and optionally `label` (words for the report) */
	label = rc_node_get(node, "label");
	if (rc_node_count(node) > (label ? 2u : 1u) ||
	    (label && rc_node_count(node) == 1)) {
		const struct rc_node *a = rc_node_at(node, 0);
		const struct rc_node *b = rc_node_at(node, 1);

		if (label && rc_node_count(node) == 1)
			return rc_schema_key_error(
				&ld->sx, a,
				"a predicate needs one key besides 'label' "
				"(exists, contains, dependency, fact, all, "
				"any or not)");
		if (a == label || b == label)
			b = rc_node_at(node, 2);
		if (a == label)
			a = rc_node_at(node, 1);
		return rc_schema_key_error(
			&ld->sx, b,
			"a predicate has one key, found '%s' and '%s' "
			"(combine predicates with all or any)",
			a->key, b->key);
	}
	v = rc_node_at(node, 0);
	if (v == label)
		v = rc_node_at(node, 1);
	for (k = 0; k < RC_ARRAY_SIZE(pred_keys); k++)
		if (!strcmp(v->key, pred_keys[k]))
			break;
	if (k == RC_ARRAY_SIZE(pred_keys)) {
		e = rc_schema_key_error(&ld->sx, v, "unknown predicate '%s'",
					v->key);
		rc_err_hint(ld->sx.err,
			    rc_str_suggest(v->key, pred_keys,
					   RC_ARRAY_SIZE(pred_keys)));
		return e;
	}
	if (ld->c->npreds >= RC_CATALOG_MAX_PREDS)
		return rc_schema_error(&ld->sx, node,
				       "too many predicates (more than %d)",
				       RC_CATALOG_MAX_PREDS);
	p = rc_arena_alloc(&ld->c->arena, sizeof(*p));
	if (!p)
		return RC_ENOMEM;
	ld->c->npreds++;
	p->type = (enum rc_pred_type)k; /* pred_keys is in enum order */
	p->line = node->line;
	p->col = node->col;
	if (label && (e = rc_schema_str(&ld->sx, label, "label", &p->label)))
		return e;
	switch (p->type) {
	case RC_PRED_EXISTS:
		e = parse_globs(ld, v, p);
		if (!e)
			e = compile_globs(ld->c, p);
		break;
	case RC_PRED_CONTAINS:
		e = parse_contains(ld, v, p);
		break;
	case RC_PRED_DEPENDENCY:
		e = parse_dependency(ld, v, p);
		break;
	case RC_PRED_FACT:
		e = parse_fact(ld, v, p);
		break;
	case RC_PRED_ALL:
	case RC_PRED_ANY:
		e = parse_kids(ld, v, depth, p);
		break;
	case RC_PRED_NOT:
		p->nkids = 1;
		p->kids = rc_arena_alloc(&ld->c->arena, sizeof(*p->kids));
		e = p->kids ? parse_pred(ld, v, depth + 1, &p->kids[0])
			    : RC_ENOMEM;
		break;
	}
	*out = p;
	return e;
}

static int parse_applies(struct loader *ld, const struct rc_node *v,
			 struct rc_check *c)
{
	const struct rc_node *kinds = rc_node_get(v, "kinds");
	const struct rc_node *ecos = rc_node_get(v, "ecosystems");
	const struct rc_node *when = rc_node_get(v, "when");
	const char **names;
	size_t n, i, idx;
	int e;

	if ((e = rc_schema_check_keys(&ld->sx, v, "'applies'", applies_keys,
				      RC_ARRAY_SIZE(applies_keys))))
		return e;
	if (kinds) {
		if ((e = rc_schema_str_list(&ld->sx, kinds, "a project kind",
					    &names, &n)))
			return e;
		for (i = 0; i < n; i++) {
			const struct rc_node *at =
				rc_node_is(kinds, RC_NODE_ARRAY)
					? rc_node_at(kinds, i)
					: kinds;
			if ((e = rc_schema_enum(&ld->sx, at, "project kind",
						rc_kind_name_at, &idx)))
				return e;
			c->kinds |= 1u << idx;
		}
	}
	if (ecos) {
		if ((e = rc_schema_str_list(&ld->sx, ecos, "an ecosystem",
					    &names, &n)))
			return e;
		for (i = 0; i < n; i++) {
			const struct rc_node *at =
				rc_node_is(ecos, RC_NODE_ARRAY)
					? rc_node_at(ecos, i)
					: ecos;
			if ((e = rc_schema_enum(&ld->sx, at, "ecosystem",
						rc_ecosystem_name_at, &idx)))
				return e;
			names[i] = rc_ecosystem_name_at(idx);
		}
		c->ecosystems = names; /* NULL-terminated by the arena */
	}
	if (when)
		return parse_pred(ld, when, 0, &c->applies);
	return 0;
}

/* How each ecosystem reads in prose, in rc_ecosystem_name_at() order. */
static const char *const eco_titles[RC_ECO_COUNT] = {
	"Rust",	 "Python", "Node.js", "Go",   "Java",
	"C/C++", "Ruby",   "PHP",     ".NET",
};

/* Index of ecosystem id s, or -1. */
static int eco_index(const char *s)
{
	const char *name;
	size_t i;

	for (i = 0; s && i < RC_ECO_COUNT && (name = rc_ecosystem_name_at(i));
	     i++)
		if (!strcmp(name, s))
			return (int)i;
	return -1;
}

const char *rc_ecosystem_title(const char *ecosystem)
{
	int i = eco_index(ecosystem);

	return i < 0 ? NULL : eco_titles[i];
}

const char *rc_check_fix(const struct rc_check *c, const char *ecosystem)
{
	int i = eco_index(ecosystem);

	return c && i >= 0 ? c->fix[i].text : NULL;
}

/* "rust, python, ..., dotnet" */
static const char *eco_list(char *buf, size_t n)
{
	size_t used = 0, i;
	const char *name;

	buf[0] = '\0';
	for (i = 0; i < RC_ECO_COUNT && (name = rc_ecosystem_name_at(i)); i++) {
		int w = snprintf(buf + used, n - used, "%s%s", i ? ", " : "",
				 name);

		if (w < 0 || (size_t)w >= n - used)
			break;
		used += (size_t)w;
	}
	return buf;
}

/* Slots a `fixes:` document filled, emptied again when it fails. */
struct fix_undo {
	struct rc_fix **slots;
	size_t n, cap;
};

static int undo_push(struct fix_undo *u, struct rc_fix *slot)
{
	if (u->n == u->cap) {
		size_t cap = u->cap ? u->cap * 2 : 64;
		struct rc_fix **v = rc_reallocarray(u->slots, cap, sizeof(*v));

		if (!v)
			return RC_ENOMEM;
		u->slots = v;
		u->cap = cap;
	}
	u->slots[u->n++] = slot;
	return 0;
}

/*
 * The keys of mapping node are ecosystem ids (and `skip`, when given, which
 * the caller handles): an unknown key or one given twice is an error.
 */
static int fix_keys_ok(struct loader *ld, const struct rc_node *node,
		       const char *skip, const char *where)
{
	const char *names[RC_ECO_COUNT + 1];
	char list[128];
	size_t n = 0, i, j;
	int e;

	for (i = 0; i < RC_ECO_COUNT && rc_ecosystem_name_at(i); i++)
		names[n++] = rc_ecosystem_name_at(i);
	if (skip)
		names[n++] = skip;
	for (i = 0; i < rc_node_count(node); i++) {
		const struct rc_node *kid = rc_node_at(node, i);
		const char *hint;

		if ((!skip || strcmp(kid->key, skip)) &&
		    eco_index(kid->key) < 0) {
			hint = rc_str_suggest(kid->key, names, n);
			if (!hint)
				return rc_schema_key_error(
					&ld->sx, kid,
					"unknown ecosystem '%s' in %s "
					"(expected one of %s)",
					kid->key, where,
					eco_list(list, sizeof(list)));
			e = rc_schema_key_error(&ld->sx, kid,
						"unknown ecosystem '%s' in %s",
						kid->key, where);
			rc_err_hint(ld->sx.err, hint);
			return e;
		}
		for (j = 0; j < i; j++)
			if (!strcmp(rc_node_at(node, j)->key, kid->key))
				return rc_schema_key_error(&ld->sx, kid,
							   "duplicate key '%s'",
							   kid->key);
	}
	return 0;
}

/*
 * Attach the ecosystem texts of mapping node (keys checked by fix_keys_ok())
 * to check c; *count is how many. With undo, each slot filled is recorded.
 */
static int parse_fix_texts(struct loader *ld, const struct rc_node *node,
			   const char *skip, struct rc_check *c,
			   struct fix_undo *undo, size_t *count)
{
	size_t i;
	int e;

	*count = 0;
	for (i = 0; i < rc_node_count(node); i++) {
		const struct rc_node *kid = rc_node_at(node, i);
		struct rc_fix *slot;
		const char *text, *s;
		char what[32];
		unsigned line, col;
		int k;

		if (skip && !strcmp(kid->key, skip))
			continue;
		k = eco_index(kid->key);
		slot = &c->fix[k];
		rc_schema_key_pos(&ld->sx, kid, &line, &col);
		if (slot->text) {
			return rc_schema_key_error(
				&ld->sx, kid,
				"duplicate %s fix for check '%s' (first "
				"defined at %s:%u)",
				kid->key, c->id, slot->file, slot->line);
		}
		snprintf(what, sizeof(what), "the %s fix", kid->key);
		if ((e = rc_schema_str(&ld->sx, kid, what, &text)))
			return e;
		for (s = text;
		     *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'; s++)
			;
		if (!*s)
			return rc_schema_error(&ld->sx, kid, "%s is empty",
					       what);
		if (undo && (e = undo_push(undo, slot)))
			return e;
		slot->text = text;
		slot->file = ld->file;
		slot->line = line;
		(*count)++;
	}
	return 0;
}

/* A check's own `fix: { rust: ..., go: ... }`. */
static int parse_fix_map(struct loader *ld, const struct rc_node *v,
			 struct rc_check *c)
{
	char list[128];
	size_t n;
	int e;

	if (!rc_node_is(v, RC_NODE_TABLE))
		return rc_schema_error(&ld->sx, v,
				       "expected 'fix' (a mapping of ecosystem "
				       "to text)");
	if (!rc_node_count(v))
		return rc_schema_error(&ld->sx, v,
				       "empty 'fix' in check '%s' (expected "
				       "texts for one or more of %s)",
				       c->id, eco_list(list, sizeof(list)));
	if ((e = fix_keys_ok(ld, v, NULL, "'fix'")))
		return e;
	return parse_fix_texts(ld, v, NULL, c, NULL, &n);
}

/* Required key k of check node; error names the check when its id is known. */
static int need(struct loader *ld, const struct rc_node *node, const char *k,
		const char *id, const struct rc_node **out)
{
	*out = rc_node_get(node, k);
	if (*out)
		return 0;
	if (id)
		return rc_schema_error(&ld->sx, node,
				       "missing key '%s' in check '%s'", k, id);
	return rc_schema_error(&ld->sx, node, "missing key '%s' in check", k);
}

static int parse_check(struct loader *ld, const struct rc_node *node,
		       struct rc_check **out)
{
	const struct rc_node *v;
	const struct rc_check *prev;
	struct rc_check *c;
	size_t i;
	int e;

	if ((e = rc_schema_check_keys(&ld->sx, node, "a check", check_keys,
				      RC_ARRAY_SIZE(check_keys))))
		return e;
	if (ld->c->n >= RC_CATALOG_MAX_CHECKS)
		return rc_schema_error(&ld->sx, node,
				       "too many checks (more than %d)",
				       RC_CATALOG_MAX_CHECKS);
	c = rc_arena_alloc(&ld->c->arena, sizeof(*c));
	if (!c)
		return RC_ENOMEM;
	c->source = ld->source;
	c->file = ld->file;
	c->line = node->line;
	c->effort = RC_EFFORT_DAY;

	if ((e = need(ld, node, "id", NULL, &v)) ||
	    (e = rc_schema_str(&ld->sx, v, "id", &c->id)))
		return e;
	if (!rc_id_ok(c->id))
		return rc_schema_error(&ld->sx, v,
				       "bad check id '%s' (lower-case letters, "
				       "digits and '-', starting with a letter "
				       "or digit, at most %d characters)",
				       c->id, RC_ID_MAX);
	if (!ld->sx.trusted && (prev = rc_catalog_find(ld->c, c->id)))
		return rc_schema_error(&ld->sx, v,
				       "duplicate check id '%s' (first defined "
				       "at %s:%u)",
				       c->id, prev->file, prev->line);

	if ((e = need(ld, node, "title", c->id, &v)) ||
	    (e = rc_schema_str(&ld->sx, v, "title", &c->title)))
		return e;
	if ((e = need(ld, node, "category", c->id, &v)) ||
	    (e = rc_schema_enum(&ld->sx, v, "category", rc_category_name_at,
				&i)))
		return e;
	c->category = (enum rc_category)i;
	if ((e = need(ld, node, "severity", c->id, &v)) ||
	    (e = rc_schema_enum(&ld->sx, v, "severity", rc_severity_name_at,
				&i)))
		return e;
	c->severity = (enum rc_severity)i;
	if ((v = rc_node_get(node, "effort"))) {
		if ((e = rc_schema_enum(&ld->sx, v, "effort", rc_effort_name_at,
					&i)))
			return e;
		c->effort = (enum rc_effort)i;
	}
	if ((v = rc_node_get(node, "manual")) &&
	    (e = rc_schema_bool(&ld->sx, v, "manual", &c->manual)))
		return e;
	if ((v = rc_node_get(node, "applies")) && (e = parse_applies(ld, v, c)))
		return e;
	v = rc_node_get(node, "when");
	if (c->manual && v)
		return rc_schema_key_error(&ld->sx, v,
					   "manual check '%s' has a 'when' "
					   "(people attest it; drop 'when' or "
					   "'manual')",
					   c->id);
	if (!c->manual && !v)
		return rc_schema_error(&ld->sx, node,
				       "missing key 'when' in check '%s' "
				       "(required unless manual: true)",
				       c->id);
	if (v && (e = parse_pred(ld, v, 0, &c->when)))
		return e;
	if ((v = rc_node_get(node, "why")) &&
	    (e = rc_schema_str(&ld->sx, v, "why", &c->why)))
		return e;
	if ((v = rc_node_get(node, "remediation")) &&
	    (e = rc_schema_str(&ld->sx, v, "remediation", &c->remediation)))
		return e;
	if ((v = rc_node_get(node, "fix")) && (e = parse_fix_map(ld, v, c)))
		return e;
	*out = c;
	return 0;
}

static int push_check(struct rc_catalog *c, struct rc_check *check)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		struct rc_check **v =
			rc_reallocarray(c->checks, cap, sizeof(*v));

		if (!v)
			return RC_ENOMEM;
		c->checks = v;
		c->cap = cap;
	}
	c->checks[c->n++] = check;
	return 0;
}

int rc_catalog_add_checks_src(struct rc_catalog *c, const struct rc_node *list,
			      const char *path, const char *source,
			      const char *src, size_t srclen,
			      struct rc_err *err)
{
	struct loader ld = { .c = c };
	size_t n0 = c->n, p0 = c->npatterns, q0 = c->npreds, i;
	int e = 0;

	ld.sx.path = path;
	ld.sx.src = src;
	ld.sx.srclen = srclen;
	ld.sx.err = err;
	ld.sx.arena = &c->arena;
	ld.sx.trusted = c->builtin;
	ld.file = rc_arena_strdup(&c->arena, path ? path : "");
	ld.source = rc_arena_strdup(&c->arena, source ? source : "");
	if (!ld.file || !ld.source)
		return rc_err_set(err, RC_ENOMEM, path, 0, 0, "out of memory");
	if (!rc_node_is(list, RC_NODE_ARRAY))
		return rc_schema_error(&ld.sx, list,
				       "expected a list of checks");
	for (i = 0; i < rc_node_count(list); i++) {
		struct rc_check *check = NULL;

		if ((e = parse_check(&ld, rc_node_at(list, i), &check)) ||
		    (e = push_check(c, check)))
			break;
	}
	if (!e)
		return 0;
	c->n = n0;
	c->npatterns = p0;
	c->npreds = q0;
	if (e == RC_ENOMEM)
		return rc_err_set(err, RC_ENOMEM, path, 0, 0, "out of memory");
	return e;
}

static struct rc_check *find_mut(struct rc_catalog *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (!strcmp(c->checks[i]->id, id))
			return c->checks[i];
	return NULL;
}

/* One `{check: ID, rust: TEXT, ...}` of a fixes: list. */
static int parse_fix_entry(struct loader *ld, const struct rc_node *node,
			   struct fix_undo *undo)
{
	const struct rc_node *v;
	struct rc_check *c;
	const char *id;
	char list[128];
	size_t n, k;
	int e;

	if (!rc_node_is(node, RC_NODE_TABLE))
		return rc_schema_error(&ld->sx, node,
				       "expected a fixes entry (a mapping with "
				       "'check' and one text per ecosystem)");
	if ((e = fix_keys_ok(ld, node, "check", "a fixes entry")))
		return e;
	if (!(v = rc_node_get(node, "check")))
		return rc_schema_error(&ld->sx, node,
				       "missing key 'check' in fixes entry");
	if ((e = rc_schema_str(&ld->sx, v, "check", &id)))
		return e;
	if (!(c = find_mut(ld->c, id))) {
		e = rc_schema_error(&ld->sx, v, "unknown check '%s' in 'fixes'",
				    id);
		rc_err_hint(ld->sx.err, rc_catalog_suggest(ld->c, id));
		return e;
	}
	/* a slot filled by this document: a second entry for the check */
	for (k = 0; k < RC_ECO_COUNT; k++)
		if (c->fix[k].text && c->fix[k].file == ld->file)
			return rc_schema_error(
				&ld->sx, v,
				"duplicate fixes entry for check "
				"'%s' (first at %s:%u)",
				id, c->fix[k].file, c->fix[k].line);
	if ((e = parse_fix_texts(ld, node, "check", c, undo, &n)))
		return e;
	if (!n)
		return rc_schema_error(&ld->sx, node,
				       "fixes entry for check '%s' has no text "
				       "(expected one or more of %s)",
				       id, eco_list(list, sizeof(list)));
	return 0;
}

int rc_catalog_add_fixes_src(struct rc_catalog *c, const struct rc_node *list,
			     const char *path, const char *src, size_t srclen,
			     struct rc_err *err)
{
	struct loader ld = { .c = c };
	struct fix_undo undo = { 0 };
	size_t i;
	int e = 0;

	ld.sx.path = path;
	ld.sx.src = src;
	ld.sx.srclen = srclen;
	ld.sx.err = err;
	ld.sx.arena = &c->arena;
	ld.sx.trusted = c->builtin;
	/* a new string per call: the slots this call fills are those whose
	 * file is this pointer */
	ld.file = rc_arena_strdup(&c->arena, path ? path : "");
	if (!ld.file)
		return rc_err_set(err, RC_ENOMEM, path, 0, 0, "out of memory");
	if (!rc_node_is(list, RC_NODE_ARRAY))
		return rc_schema_error(&ld.sx, list,
				       "expected a list of fixes entries");
	for (i = 0; !e && i < rc_node_count(list); i++)
		e = parse_fix_entry(&ld, rc_node_at(list, i), &undo);
	if (e)
		for (i = 0; i < undo.n; i++)
			memset(undo.slots[i], 0, sizeof(*undo.slots[i]));
	rc_free(undo.slots);
	if (e == RC_ENOMEM)
		return rc_err_set(err, RC_ENOMEM, path, 0, 0, "out of memory");
	return e;
}

int rc_catalog_add_checks(struct rc_catalog *c, const struct rc_node *list,
			  const char *path, struct rc_err *err)
{
	return rc_catalog_add_checks_src(c, list, path, path, NULL, 0, err);
}

/*
 * Add the checks (or, with fixes, the fixes) of a parsed document: one key,
 * `checks:` or `fixes:`; buf/len is its text, for error positions. Takes
 * the document.
 */
static int add_doc(struct rc_catalog *c, struct rc_doc *doc, const char *buf,
		   size_t len, const char *path, const char *source, bool fixes,
		   struct rc_err *err)
{
	struct rc_schema_ctx sx = { .path = path,
				    .src = buf,
				    .srclen = len,
				    .err = err,
				    .arena = &c->arena };
	const struct rc_node *list;
	int e;

	e = rc_schema_doc_list(&sx, doc->root, fixes ? "fixes" : "checks",
			       &list);
	if (!e && list)
		e = fixes ? rc_catalog_add_fixes_src(c, list, path, buf, len,
						     err)
			  : rc_catalog_add_checks_src(c, list, path, source,
						      buf, len, err);
	rc_doc_free(doc);
	return e;
}

static int add_yaml(struct rc_catalog *c, const char *buf, size_t len,
		    const char *path, const char *source, bool fixes,
		    struct rc_err *err)
{
	struct rc_doc *doc = NULL;
	int e;

	if ((e = rc_yaml_parse(&doc, buf, len, path, err)))
		return e;
	return add_doc(c, doc, buf, len, path, source, fixes, err);
}

/* A built-in file: its packed document, no YAML parsing. */
static int add_builtin(struct rc_catalog *c, const struct rc_embedded_file *f,
		       bool fixes, struct rc_err *err)
{
	struct rc_doc *doc = NULL;
	char path[256];
	int e;

	snprintf(path, sizeof(path), "rules/%s", f->name);
	if ((e = rc_doc_unpack(&doc, f->packed, f->packed_len, path, err)))
		return e;
	return add_doc(c, doc, f->data, f->len, path, "builtin", fixes, err);
}

int rc_catalog_add_yaml(struct rc_catalog *c, const char *buf, size_t len,
			const char *path, struct rc_err *err)
{
	return add_yaml(c, buf, len, path, path, false, err);
}

int rc_catalog_add_fixes_yaml(struct rc_catalog *c, const char *buf, size_t len,
			      const char *path, struct rc_err *err)
{
	return add_yaml(c, buf, len, path, path, true, err);
}

int rc_catalog_load_builtin(struct rc_catalog *c, struct rc_err *err)
{
	const struct rc_embedded_file *f;
	int e = 0;

	c->builtin = true;
	for (f = rc_builtin_rules; f->name && !e; f++)
		e = add_builtin(c, f, false, err);
	if (!e)
		e = rc_secret_rules_load_builtin(c->secrets, err);
	/* after every check, so that an entry can name any of them */
	for (f = rc_builtin_fixes; f->name && !e; f++)
		e = add_builtin(c, f, true, err);
	c->builtin = false;
	return e;
}
