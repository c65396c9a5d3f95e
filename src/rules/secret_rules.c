/*
 * secret_rules.c - secret detectors from YAML (secret_rules.h).
 */
#include "../core/common.h"
#include "secret_rules.h"
#include "../core/alloc.h"
#include "../core/str.h"
#include "../parse/yaml.h"
#include "builtin.h"
#include "check.h"
#include "schema.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <ctype.h>
#include <stdio.h>

#define ENTROPY_MAX 8.0 /* bits per byte can be no more */

static const char *const rule_keys[] = {
	"id",	   "description", "regex", "group",	  "keywords",
	"entropy", "severity",	  "allow", "allow_match", "multiline",
};

static int need(struct rc_schema_ctx *sx, const struct rc_node *node,
		const char *k, const char *id, const struct rc_node **out)
{
	*out = rc_node_get(node, k);
	if (*out)
		return 0;
	if (id)
		return rc_schema_error(sx, node,
				       "missing key '%s' in secret detector "
				       "'%s'",
				       k, id);
	return rc_schema_error(sx, node, "missing key '%s' in secret detector",
			       k);
}

static int parse_number(struct rc_schema_ctx *sx, const struct rc_node *v,
			const char *what, double max, double *out)
{
	double d;

	if (v->type == RC_NODE_INT)
		d = (double)v->u.i;
	else if (v->type == RC_NODE_FLOAT)
		d = v->u.f;
	else
		return rc_schema_error(sx, v, "expected a number for '%s'",
				       what);
	if (!(d >= 0 && d <= max))
		return rc_schema_error(sx, v, "'%s' must be between 0 and %g",
				       what, max);
	*out = d;
	return 0;
}

/* Regexes compile with the options the matcher uses (match.c). */
static uint32_t re_flags(bool caseless)
{
	return PCRE2_MULTILINE | (caseless ? PCRE2_CASELESS : 0);
}

/* A list of regexes into *codes (*n of them compiled). */
static int parse_allow(struct rc_schema_ctx *sx, const struct rc_node *v,
		       void ***codes, size_t *n)
{
	const char **list;
	size_t cnt, i;
	int e;

	if ((e = rc_schema_str_list(sx, v, "a regex", &list, &cnt)))
		return e;
	if (!(*codes = rc_arena_alloc(sx->arena, cnt * sizeof(**codes))))
		return RC_ENOMEM;
	for (i = 0; i < cnt; i++) {
		if ((e = rc_schema_regex(sx, v, list[i], 0, &(*codes)[i])))
			return e;
		(*n)++;
	}
	return 0;
}

static int parse_keywords(struct rc_schema_ctx *sx, const struct rc_node *v,
			  struct rc_secret_rule *r)
{
	size_t i, j;
	int e;

	if ((e = rc_schema_str_list(sx, v, "a keyword", &r->keywords,
				    &r->nkeywords)))
		return e;
	for (i = 0; i < r->nkeywords; i++) {
		char *k = rc_arena_strdup(sx->arena, r->keywords[i]);

		if (!k)
			return RC_ENOMEM;
		for (j = 0; k[j]; j++)
			k[j] = (char)tolower((unsigned char)k[j]);
		r->keywords[i] = k;
	}
	return 0;
}

static int parse_rule(struct rc_schema_ctx *sx, struct rc_secrets *set,
		      const struct rc_node *node, struct rc_secret_rule *r)
{
	const struct rc_node *v;
	size_t i;
	double d = 0;
	int e;

	memset(r, 0, sizeof(*r));
	if ((e = rc_schema_check_keys(sx, node, "a secret detector", rule_keys,
				      RC_ARRAY_SIZE(rule_keys))))
		return e;
	if ((e = need(sx, node, "id", NULL, &v)) ||
	    (e = rc_schema_str(sx, v, "id", &r->id)))
		return e;
	if (!rc_id_ok(r->id))
		return rc_schema_error(
			sx, v,
			"bad secret detector id '%s' (lower-case "
			"letters, digits and '-', at most %d "
			"characters)",
			r->id, RC_ID_MAX);
	if (!sx->trusted && rc_secrets_find(set, r->id))
		return rc_schema_error(
			sx, v, "duplicate secret detector id '%s'", r->id);
	if ((e = need(sx, node, "description", r->id, &v)) ||
	    (e = rc_schema_str(sx, v, "description", &r->description)))
		return e;
	if ((e = need(sx, node, "severity", r->id, &v)) ||
	    (e = rc_schema_enum(sx, v, "severity", rc_severity_name_at, &i)))
		return e;
	r->severity = rc_severity_name_at(i);
	if ((v = rc_node_get(node, "group"))) {
		if ((e = parse_number(sx, v, "group", 99, &d)))
			return e;
		if (d != (unsigned)d)
			return rc_schema_error(sx, v,
					       "expected a whole number for "
					       "'group'");
		r->group = (unsigned)d;
	}
	if ((v = rc_node_get(node, "entropy")) &&
	    (e = parse_number(sx, v, "entropy", ENTROPY_MAX, &r->entropy)))
		return e;
	if ((v = rc_node_get(node, "multiline")) &&
	    (e = rc_schema_bool(sx, v, "multiline", &r->multiline)))
		return e;
	if ((v = rc_node_get(node, "keywords")) &&
	    (e = parse_keywords(sx, v, r)))
		return e;
	if ((e = need(sx, node, "regex", r->id, &v)) ||
	    (e = rc_schema_str(sx, v, "regex", &r->regex)))
		return e;
	r->pattern = r->regex;
	if (rc_str_starts_with(r->regex, "(?i)")) {
		r->pattern += 4;
		r->caseless = true;
	}
	if (!*r->pattern)
		return rc_schema_error(sx, v, "empty regex");
	if (!sx->trusted && /* built in: compiled on first use */
	    (e = rc_schema_regex(sx, v, r->pattern, re_flags(r->caseless),
				 &r->re)))
		return e;
	if (((v = rc_node_get(node, "allow")) &&
	     (e = parse_allow(sx, v, &r->allow, &r->nallow))) ||
	    ((v = rc_node_get(node, "allow_match")) &&
	     (e = parse_allow(sx, v, &r->allow_match, &r->nallow_match)))) {
		rc_secrets_rule_release(r);
		return e;
	}
	return 0;
}

int rc_secret_rules_add(struct rc_secrets *set, const struct rc_node *list,
			const char *path, const char *src, size_t srclen,
			struct rc_err *err)
{
	struct rc_schema_ctx sx = { .path = path,
				    .src = src,
				    .srclen = srclen,
				    .err = err,
				    .arena = &set->arena,
				    .trusted = set->builtin };
	size_t n0 = set->n, i;
	int e = 0;

	if (!rc_node_is(list, RC_NODE_ARRAY))
		return rc_schema_error(&sx, list,
				       "expected a list of secret detectors");
	for (i = 0; i < rc_node_count(list) && !e; i++) {
		const struct rc_node *node = rc_node_at(list, i);
		struct rc_secret_rule r;

		if ((e = parse_rule(&sx, set, node, &r)))
			break;
		if ((e = rc_secrets_add(set, &r, err)) == RC_EUSAGE) {
			char msg[sizeof(err->msg)];

			snprintf(msg, sizeof(msg), "%s", err->msg);
			rc_schema_error(&sx, node, "%s", msg);
		}
	}
	if (!e)
		return 0;
	while (set->n > n0)
		rc_secrets_rule_release(&set->rules[--set->n]);
	if (e == RC_ENOMEM)
		return rc_err_set(err, RC_ENOMEM, path, 0, 0, "out of memory");
	return e;
}

/* Add the detectors of a parsed document (buf/len: its text). Takes doc. */
static int add_doc(struct rc_secrets *set, struct rc_doc *doc, const char *buf,
		   size_t len, const char *path, struct rc_err *err)
{
	struct rc_schema_ctx sx = { .path = path,
				    .src = buf,
				    .srclen = len,
				    .err = err,
				    .arena = &set->arena };
	const struct rc_node *list;
	int e;

	e = rc_schema_doc_list(&sx, doc->root, "secrets", &list);
	if (!e && list)
		e = rc_secret_rules_add(set, list, path, buf, len, err);
	rc_doc_free(doc);
	return e;
}

int rc_secret_rules_add_yaml(struct rc_secrets *set, const char *buf,
			     size_t len, const char *path, struct rc_err *err)
{
	struct rc_doc *doc = NULL;
	int e;

	if ((e = rc_yaml_parse(&doc, buf, len, path, err)))
		return e;
	return add_doc(set, doc, buf, len, path, err);
}

int rc_secret_rules_load_builtin(struct rc_secrets *set, struct rc_err *err)
{
	const struct rc_embedded_file *f;
	struct rc_doc *doc = NULL;
	char path[256];
	int e = 0;

	set->builtin = true; /* checked by the build: see tools/embed.c */
	for (f = rc_builtin_secrets; f->name && !e; f++) {
		snprintf(path, sizeof(path), "rules/%s", f->name);
		if (!(e = rc_doc_unpack(&doc, f->packed, f->packed_len, path,
					err)))
			e = add_doc(set, doc, f->data, f->len, path, err);
	}
	set->builtin = false;
	return e;
}
