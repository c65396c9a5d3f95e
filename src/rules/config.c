/*
 * config.c - reading .readycheck.yml.
 *
 * The file is parsed into the document model and walked key by key against
 * a fixed schema (docs/config.md). Values are validated where they are
 * read, so every error points at the offending value; check ids named in
 * `disable`, `waivers` and `attest` can only be checked once the catalog is
 * complete, in rc_config_apply(), which uses the positions recorded here.
 */
#include "../core/common.h"
#include "config.h"
#include "../core/str.h"
#include "../parse/yaml.h"
#include "schema.h"
#include "secret_rules.h"

#include <stdio.h>

#define CONFIG_VERSION 1

static const char *const top_keys[] = {
	"version", "profile", "fail_under",    "weights",
	"disable", "ignore",  "waivers",       "attest",
	"checks",  "secrets", "max_file_size",
};

static const char *const waiver_keys[] = {
	"check", "reason", "owner", "paths", "fingerprint", "expires",
};

static const char *const attest_keys[] = { "by", "date", "evidence",
					   "expires" };

static const char *const secrets_keys[] = { "allow", "paths", "fingerprints",
					    "rules" };

static const char *const profiles[] = { "auto", "service", "library",
					"cli",	"app",	   "worker" };

static const char *profile_at(size_t i)
{
	return i < RC_ARRAY_SIZE(profiles) ? profiles[i] : NULL;
}

void rc_config_init(struct rc_config *cfg)
{
	size_t i;

	memset(cfg, 0, sizeof(*cfg));
	cfg->version = CONFIG_VERSION;
	cfg->profile = "auto";
	cfg->fail_under = -1;
	for (i = 0; i < RC_CAT_COUNT; i++)
		cfg->weights[i] = -1;
	rc_arena_init(&cfg->arena);
}

void rc_config_release(struct rc_config *cfg)
{
	rc_arena_release(&cfg->arena);
	rc_config_init(cfg);
}

/* An integer in [lo, hi]. */
static int get_int(struct rc_schema_ctx *sx, const struct rc_node *v,
		   const char *what, int64_t lo, int64_t hi, int64_t *out)
{
	if (!rc_node_is(v, RC_NODE_INT) || v->u.i < lo || v->u.i > hi)
		return rc_schema_error(sx, v,
				       "expected an integer from %lld to %lld "
				       "for '%s'",
				       (long long)lo, (long long)hi, what);
	*out = v->u.i;
	return 0;
}

/* "8M", "512K", "1G", "100" (bytes); K/M/G are powers of 1024. */
static int parse_size(const char *s, uint64_t *out)
{
	const char *cur = s, *end = s + strlen(s);
	uint64_t n, mult = 1;

	if (rc_parse_u64(&cur, end, RC_CONFIG_MAX_FILE_SIZE, &n))
		return RC_EPARSE;
	if (cur < end) {
		switch (*cur) {
		case 'k':
		case 'K':
			mult = 1u << 10;
			break;
		case 'm':
		case 'M':
			mult = 1u << 20;
			break;
		case 'g':
		case 'G':
			mult = 1u << 30;
			break;
		default:
			return RC_EPARSE;
		}
		cur++;
		if (cur < end && (*cur == 'i' || *cur == 'I'))
			cur++;
		if (cur < end && (*cur == 'b' || *cur == 'B'))
			cur++;
	}
	if (cur != end)
		return RC_EPARSE;
	if (n > RC_CONFIG_MAX_FILE_SIZE / mult)
		return RC_ETOOBIG;
	*out = n * mult;
	return 0;
}

static int get_size(struct rc_schema_ctx *sx, const struct rc_node *v,
		    uint64_t *out)
{
	const char *s = rc_node_str(v);
	int e;

	if (rc_node_is(v, RC_NODE_INT)) {
		if (v->u.i < 1 || (uint64_t)v->u.i > RC_CONFIG_MAX_FILE_SIZE)
			return rc_schema_error(sx, v,
					       "max_file_size must be from 1 "
					       "byte to 1T");
		*out = (uint64_t)v->u.i;
		return 0;
	}
	if (rc_node_is(v, RC_NODE_FLOAT) &&
	    v->u.f > (double)RC_CONFIG_MAX_FILE_SIZE)
		return rc_schema_error(sx, v,
				       "max_file_size must be from 1 byte to "
				       "1T");
	if (!s)
		return rc_schema_error(sx, v,
				       "expected a size for 'max_file_size' "
				       "(bytes, or a number with K, M or G)");
	e = parse_size(s, out);
	if (e == RC_ETOOBIG || (!e && !*out))
		return rc_schema_error(sx, v,
				       "max_file_size must be from 1 byte to "
				       "1T");
	if (e)
		return rc_schema_error(sx, v,
				       "bad size '%s' for 'max_file_size' "
				       "(expected bytes, or a number with K, "
				       "M or G such as 8M)",
				       s);
	return 0;
}

static bool leap(unsigned y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* A calendar date written YYYY-MM-DD. */
static bool date_ok(const char *s)
{
	static const unsigned mdays[] = { 31, 28, 31, 30, 31, 30,
					  31, 31, 30, 31, 30, 31 };
	unsigned y, m, d, i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	y = (unsigned)((s[0] - '0') * 1000 + (s[1] - '0') * 100 +
		       (s[2] - '0') * 10 + (s[3] - '0'));
	m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
	d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
	if (m < 1 || m > 12 || d < 1)
		return false;
	return d <= mdays[m - 1] + (m == 2 && leap(y));
}

static int get_date(struct rc_schema_ctx *sx, const struct rc_node *v,
		    const char *what, const char **out)
{
	int e = rc_schema_str(sx, v, what, out);

	if (!e && !date_ok(*out))
		e = rc_schema_error(sx, v,
				    "bad date '%s' for '%s' (expected "
				    "YYYY-MM-DD)",
				    *out, what);
	return e;
}

static int too_many(struct rc_schema_ctx *sx, const struct rc_node *v,
		    const char *key)
{
	return rc_schema_error(sx, v, "too many entries in '%s' (more than %d)",
			       key, RC_CONFIG_MAX_ENTRIES);
}

/* A list of strings (possibly empty) for key; what is the plural noun. */
static int get_list(struct rc_schema_ctx *sx, const struct rc_node *v,
		    const char *key, const char *what, const char ***out,
		    size_t *n)
{
	size_t cnt = rc_node_count(v), i;
	const char **list;
	int e;

	if (!rc_node_is(v, RC_NODE_ARRAY))
		return rc_schema_error(sx, v, "expected a list of %s for '%s'",
				       what, key);
	if (cnt > RC_CONFIG_MAX_ENTRIES)
		return too_many(sx, v, key);
	list = rc_arena_alloc(sx->arena, (cnt + 1) * sizeof(*list));
	if (!list)
		return RC_ENOMEM;
	for (i = 0; i < cnt; i++) {
		const struct rc_node *item = rc_node_at(v, i);

		if (!rc_node_is(item, RC_NODE_STRING))
			return rc_schema_error(sx, item,
					       "expected a list of %s for '%s'",
					       what, key);
		if (!item->u.s.len)
			return rc_schema_error(sx, item, "empty entry in '%s'",
					       key);
		if ((e = rc_schema_str(sx, item, key, &list[i])))
			return e;
	}
	*out = list;
	*n = cnt;
	return 0;
}

static int parse_weights(struct rc_config *cfg, struct rc_schema_ctx *sx,
			 const struct rc_node *v)
{
	const char *names[RC_CAT_COUNT];
	enum rc_category cat;
	size_t i, j;
	int64_t w = 0;
	int e;

	if (!rc_node_is(v, RC_NODE_TABLE))
		return rc_schema_error(sx, v,
				       "expected a mapping of category to "
				       "weight for 'weights'");
	for (i = 0; i < RC_CAT_COUNT; i++)
		names[i] = rc_category_name_at(i);
	for (i = 0; i < rc_node_count(v); i++) {
		const struct rc_node *kid = rc_node_at(v, i);

		if (rc_category_parse(kid->key, &cat)) {
			e = rc_schema_key_error(sx, kid,
						"unknown category '%s' in "
						"'weights'",
						kid->key);
			rc_err_hint(sx->err, rc_str_suggest(kid->key, names,
							    RC_CAT_COUNT));
			return e;
		}
		for (j = 0; j < i; j++)
			if (!strcmp(rc_node_at(v, j)->key, kid->key))
				return rc_schema_key_error(sx, kid,
							   "duplicate key '%s'",
							   kid->key);
		if ((e = get_int(sx, kid, kid->key, 0, 100, &w)))
			return e;
		cfg->weights[cat] = (int)w;
	}
	return 0;
}

/* A fingerprint as readycheck prints it: RC_SECRET_FP_LEN hex digits. */
static bool fingerprint_ok(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!strchr("0123456789abcdef", s[i]))
			return false;
	return i == RC_SECRET_FP_LEN;
}

/*
 * secrets: { allow: [regex], paths: [glob], fingerprints: [hex],
 * rules: [detector] }. The catalog's detector set takes all of them (with
 * no catalog, they are only validated).
 */
static int parse_secrets(struct rc_config *cfg, struct rc_schema_ctx *sx,
			 const struct rc_node *v, struct rc_catalog *catalog,
			 const char *buf, size_t len)
{
	const struct rc_node *k;
	struct rc_secrets *set = catalog ? catalog->secrets : NULL;
	const char **list;
	size_t i, n;
	void *re;
	int e;

	if ((e = rc_schema_check_keys(sx, v, "'secrets'", secrets_keys,
				      RC_ARRAY_SIZE(secrets_keys))))
		return e;
	if ((k = rc_node_get(v, "allow"))) {
		if ((e = get_list(sx, k, "allow", "regexes",
				  &cfg->secrets_allow, &cfg->nsecrets_allow)))
			return e;
		for (i = 0; i < cfg->nsecrets_allow; i++) {
			if ((e = rc_schema_regex(sx, rc_node_at(k, i),
						 cfg->secrets_allow[i], 0,
						 set ? &re : NULL)))
				return e;
			if (set && (e = rc_secrets_allow_regex(set, re)))
				return e;
		}
	}
	if ((k = rc_node_get(v, "paths"))) {
		if ((e = get_list(sx, k, "paths", "globs", &list, &n)))
			return e;
		if (set && (e = rc_secrets_allow_paths(set, list, n)))
			return e;
	}
	if ((k = rc_node_get(v, "fingerprints"))) {
		if ((e = get_list(sx, k, "fingerprints", "fingerprints", &list,
				  &n)))
			return e;
		for (i = 0; i < n; i++)
			if (!fingerprint_ok(list[i]))
				return rc_schema_error(
					sx, rc_node_at(k, i),
					"bad fingerprint '%s' (expected the %d "
					"hex digits readycheck secrets prints)",
					list[i], RC_SECRET_FP_LEN);
		if (set && (e = rc_secrets_allow_fingerprints(set, list, n)))
			return e;
	}
	if ((k = rc_node_get(v, "rules")) && set)
		return rc_secret_rules_add(set, k, sx->path, buf, len, sx->err);
	return 0;
}

static int parse_waiver(struct rc_schema_ctx *sx, const struct rc_node *v,
			struct rc_waiver *w)
{
	const struct rc_node *k;
	size_t n;
	int e;

	if ((e = rc_schema_check_keys(sx, v, "a waiver", waiver_keys,
				      RC_ARRAY_SIZE(waiver_keys))))
		return e;
	if (!(k = rc_node_get(v, "check")))
		return rc_schema_error(sx, v, "missing key 'check' in waiver");
	if ((e = rc_schema_str(sx, k, "check", &w->check)))
		return e;
	w->pos.line = k->line;
	w->pos.col = k->col;
	if (!(k = rc_node_get(v, "reason")))
		return rc_schema_error(sx, v,
				       "missing key 'reason' in waiver for "
				       "'%s' (say why it is accepted)",
				       w->check);
	if ((e = rc_schema_str(sx, k, "reason", &w->reason)))
		return e;
	if ((k = rc_node_get(v, "owner")) &&
	    (e = rc_schema_str(sx, k, "owner", &w->owner)))
		return e;
	if ((k = rc_node_get(v, "paths")) &&
	    (e = rc_schema_str_list(sx, k, "a glob", &w->paths, &n)))
		return e;
	if ((k = rc_node_get(v, "fingerprint"))) {
		if (w->paths)
			return rc_schema_key_error(sx, k,
						   "a waiver has 'paths' or "
						   "'fingerprint', not both");
		if ((e = rc_schema_str(sx, k, "fingerprint", &w->fingerprint)))
			return e;
	}
	if ((k = rc_node_get(v, "expires")) &&
	    (e = get_date(sx, k, "expires", &w->expires)))
		return e;
	return 0;
}

static int parse_waivers(struct rc_config *cfg, struct rc_schema_ctx *sx,
			 const struct rc_node *v)
{
	size_t i, n = rc_node_count(v);
	int e;

	if (!rc_node_is(v, RC_NODE_ARRAY))
		return rc_schema_error(sx, v, "expected a list of waivers");
	if (n > RC_CONFIG_MAX_ENTRIES)
		return too_many(sx, v, "waivers");
	cfg->waivers =
		rc_arena_alloc(&cfg->arena, (n + 1) * sizeof(*cfg->waivers));
	if (!cfg->waivers)
		return RC_ENOMEM;
	for (i = 0; i < n; i++) {
		if ((e = parse_waiver(sx, rc_node_at(v, i), &cfg->waivers[i])))
			return e;
		cfg->nwaivers++;
	}
	return 0;
}

static int parse_attest(struct rc_config *cfg, struct rc_schema_ctx *sx,
			const struct rc_node *v)
{
	size_t i, n = rc_node_count(v);
	int e;

	if (!rc_node_is(v, RC_NODE_TABLE))
		return rc_schema_error(sx, v,
				       "expected a mapping of check id to "
				       "attestation for 'attest'");
	if (n > RC_CONFIG_MAX_ENTRIES)
		return too_many(sx, v, "attest");
	cfg->attest =
		rc_arena_alloc(&cfg->arena, (n + 1) * sizeof(*cfg->attest));
	if (!cfg->attest)
		return RC_ENOMEM;
	for (i = 0; i < n; i++) {
		const struct rc_node *kid = rc_node_at(v, i), *k;
		struct rc_attestation *a = &cfg->attest[i];
		size_t j;

		for (j = 0; j < i; j++)
			if (!strcmp(cfg->attest[j].check, kid->key))
				return rc_schema_key_error(sx, kid,
							   "duplicate key '%s'",
							   kid->key);
		if ((e = rc_schema_check_keys(sx, kid, "an attestation",
					      attest_keys,
					      RC_ARRAY_SIZE(attest_keys))))
			return e;
		a->check = rc_arena_strdup(&cfg->arena, kid->key);
		if (!a->check)
			return RC_ENOMEM;
		rc_schema_key_pos(sx, kid, &a->pos.line, &a->pos.col);
		if (!(k = rc_node_get(kid, "by")))
			return rc_schema_error(
				sx, kid,
				"missing key 'by' in attestation "
				"of '%s' (who attests it)",
				a->check);
		if ((e = rc_schema_str(sx, k, "by", &a->by)))
			return e;
		if (!(k = rc_node_get(kid, "date")))
			return rc_schema_error(sx, kid,
					       "missing key 'date' in "
					       "attestation of '%s'",
					       a->check);
		if ((e = get_date(sx, k, "date", &a->date)))
			return e;
		if ((k = rc_node_get(kid, "evidence")) &&
		    (e = rc_schema_str(sx, k, "evidence", &a->evidence)))
			return e;
		if ((k = rc_node_get(kid, "expires")) &&
		    (e = get_date(sx, k, "expires", &a->expires)))
			return e;
		cfg->nattest++;
	}
	return 0;
}

static int parse_disable(struct rc_config *cfg, struct rc_schema_ctx *sx,
			 const struct rc_node *v)
{
	size_t i;
	int e;

	if ((e = get_list(sx, v, "disable", "check ids", &cfg->disable,
			  &cfg->ndisable)))
		return e;
	cfg->disable_pos = rc_arena_alloc(
		&cfg->arena, (cfg->ndisable + 1) * sizeof(*cfg->disable_pos));
	if (!cfg->disable_pos)
		return RC_ENOMEM;
	for (i = 0; i < cfg->ndisable; i++) {
		cfg->disable_pos[i].line = rc_node_at(v, i)->line;
		cfg->disable_pos[i].col = rc_node_at(v, i)->col;
	}
	return 0;
}

static int parse_key(struct rc_config *cfg, struct rc_schema_ctx *sx,
		     const struct rc_node *v, struct rc_catalog *catalog,
		     const char *buf, size_t len)
{
	static const char *const collections[] = { "weights", "disable",
						   "ignore",  "waivers",
						   "attest",  "secrets",
						   "checks" };
	const char *k = v->key;
	int64_t n = 0;
	size_t i;
	int e;

	/* "disable:" with nothing after it means none */
	for (i = 0; i < RC_ARRAY_SIZE(collections); i++)
		if (!strcmp(k, collections[i]) && rc_node_is(v, RC_NODE_NULL))
			return 0;
	if (!strcmp(k, "version")) {
		if (!rc_node_is(v, RC_NODE_INT))
			return rc_schema_error(sx, v,
					       "expected an integer for "
					       "'version'");
		if (v->u.i != CONFIG_VERSION)
			return rc_schema_error(sx, v,
					       "unsupported config version "
					       "%lld (this readycheck reads "
					       "version %d)",
					       (long long)v->u.i,
					       CONFIG_VERSION);
		cfg->version = CONFIG_VERSION;
	} else if (!strcmp(k, "profile")) {
		if ((e = rc_schema_enum(sx, v, "profile", profile_at, &i)))
			return e;
		cfg->profile = profiles[i];
	} else if (!strcmp(k, "fail_under")) {
		if ((e = get_int(sx, v, k, 0, 100, &n)))
			return e;
		cfg->fail_under = (int)n;
	} else if (!strcmp(k, "weights")) {
		return parse_weights(cfg, sx, v);
	} else if (!strcmp(k, "disable")) {
		return parse_disable(cfg, sx, v);
	} else if (!strcmp(k, "ignore")) {
		return get_list(sx, v, k, "ignore patterns", &cfg->ignore,
				&cfg->nignore);
	} else if (!strcmp(k, "max_file_size")) {
		return get_size(sx, v, &cfg->max_file_size);
	} else if (!strcmp(k, "waivers")) {
		return parse_waivers(cfg, sx, v);
	} else if (!strcmp(k, "attest")) {
		return parse_attest(cfg, sx, v);
	} else if (!strcmp(k, "secrets")) {
		return parse_secrets(cfg, sx, v, catalog, buf, len);
	} else if (!strcmp(k, "checks")) {
		if (!catalog)
			return 0;
		return rc_catalog_add_checks_src(catalog, v, sx->path, sx->path,
						 buf, len, sx->err);
	}
	return 0;
}

int rc_config_parse(struct rc_config *cfg, const char *buf, size_t len,
		    const char *path, struct rc_catalog *catalog,
		    struct rc_err *err)
{
	struct rc_schema_ctx sx = { 0 };
	struct rc_doc *doc = NULL;
	const struct rc_node *root;
	size_t i, n0 = catalog ? catalog->n : 0;
	size_t p0 = catalog ? catalog->npatterns : 0;
	size_t q0 = catalog ? catalog->npreds : 0;
	int e;

	if (!path)
		path = ".readycheck.yml";
	if (!(cfg->path = rc_arena_strdup(&cfg->arena, path)))
		return rc_err_set(err, RC_ENOMEM, path, 0, 0, "out of memory");
	sx.path = cfg->path;
	sx.src = buf;
	sx.srclen = len;
	sx.err = err;
	sx.arena = &cfg->arena;
	if ((e = rc_yaml_parse(&doc, buf, len, path, err)))
		return e;
	root = doc->root;
	if (!root || root->type == RC_NODE_NULL)
		goto out;
	if ((e = rc_schema_check_keys(&sx, root, "the configuration", top_keys,
				      RC_ARRAY_SIZE(top_keys))))
		goto out;
	for (i = 0; i < rc_node_count(root); i++)
		if ((e = parse_key(cfg, &sx, rc_node_at(root, i), catalog, buf,
				   len)))
			break;
out:
	rc_doc_free(doc);
	if (e && catalog) {
		/* all or nothing: drop the custom checks of a bad config */
		catalog->n = n0;
		catalog->npatterns = p0;
		catalog->npreds = q0;
	}
	if (e == RC_ENOMEM)
		rc_err_set(err, RC_ENOMEM, path, 0, 0, "out of memory");
	return e;
}

/* An unknown check id: error with the nearest id as hint. */
static int unknown_id(const struct rc_config *cfg, struct rc_catalog *catalog,
		      const char *what, const char *id,
		      struct rc_config_pos pos, struct rc_err *err)
{
	int e = rc_err_set(err, RC_EUSAGE, cfg->path, pos.line, pos.col,
			   "unknown check '%s' in '%s'", id, what);

	rc_err_hint(err, rc_catalog_suggest(catalog, id));
	return e;
}

int rc_config_apply(const struct rc_config *cfg, struct rc_catalog *catalog,
		    struct rc_err *err)
{
	const struct rc_check *c;
	struct rc_config_pos none = { 0, 0 };
	size_t i;

	for (i = 0; i < cfg->ndisable; i++)
		if (!rc_catalog_find(catalog, cfg->disable[i]))
			return unknown_id(
				cfg, catalog, "disable", cfg->disable[i],
				cfg->disable_pos ? cfg->disable_pos[i] : none,
				err);
	for (i = 0; i < cfg->nwaivers; i++)
		if (!rc_catalog_find(catalog, cfg->waivers[i].check))
			return unknown_id(cfg, catalog, "waivers",
					  cfg->waivers[i].check,
					  cfg->waivers[i].pos, err);
	for (i = 0; i < cfg->nattest; i++) {
		const struct rc_attestation *a = &cfg->attest[i];

		if (!(c = rc_catalog_find(catalog, a->check)))
			return unknown_id(cfg, catalog, "attest", a->check,
					  a->pos, err);
		if (!c->manual)
			return rc_err_set(err, RC_EUSAGE, cfg->path,
					  a->pos.line, a->pos.col,
					  "cannot attest '%s': it is decided "
					  "from the repository (only manual "
					  "checks take attestations)",
					  a->check);
	}
	for (i = 0; i < cfg->ndisable; i++)
		rc_catalog_disable(catalog, cfg->disable[i]);
	return 0;
}
