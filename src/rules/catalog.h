/*
 * catalog.h - the set of checks a scan evaluates, and its content patterns.
 *
 * Loading: rc_catalog_load_builtin() parses the YAML embedded from rules/
 * at build time; rc_catalog_add_yaml() parses a `checks:` list from any YAML
 * node (the config's). Both go through the same parser, so built-in and user
 * checks obey one schema (docs/checks.md). Every `contains` predicate's regex
 * becomes a content pattern with an id; the engine compiles the pattern list
 * into one matcher and scans every text file once.
 *
 * Per-ecosystem remediation ("fixes"): rules/fixes.yml, embedded apart from
 * the check files and loaded after all of them, maps check ids to one text
 * per ecosystem; a check definition may carry the same map as `fix:`.
 *
 * Errors name file:line:col and suggest the nearest valid key or value.
 */
#ifndef RC_RULES_CATALOG_H
#define RC_RULES_CATALOG_H

#include "../core/common.h"
#include "../core/arena.h"
#include "../core/err.h"
#include "../parse/doc.h"
#include "../secrets/secrets.h"
#include "check.h"

/*
 * A content pattern: `regex` searched (with '^'/'$' at line boundaries) in
 * text files whose path matches one of globs (rc_glob_match() with
 * RC_GLOB_CASEFOLD | RC_GLOB_BRACES). A leading "(?i)" of the written regex
 * is removed and sets caseless, so "(?i)x" and `nocase: true` share an id.
 * Predicates with equal (regex, globs, caseless) share one pattern.
 */
struct rc_content_pattern {
	const char *regex;
	const char **globs; /* files the pattern is searched in */
	size_t nglobs;
	bool caseless;
};

struct rc_catalog {
	struct rc_check **checks; /* in load order */
	size_t n, cap;
	struct rc_content_pattern *patterns; /* id = index */
	size_t npatterns, patcap;
	void **regexes; /* compiled `matches` regexes (pcre2_code *), owned */
	size_t nregexes, regcap;
	struct rc_globset **globsets;  /* compiled `exists` globs, owned */
	const struct rc_pred **exists; /* their predicates: globsets[p->xid] */
	size_t nglobsets, globsetcap;
	size_t npreds; /* predicates loaded, for RC_CATALOG_MAX_PREDS */
	struct rc_secrets *secrets; /* secret detectors (secret_rules.h) */
	bool builtin; /* while loading the built-in rules (schema `trusted`) */
	struct rc_arena arena;
};

/*
 * Ceilings, because a repository's own .readycheck.yml is untrusted input
 * and the cost of a scan grows with checks x files: over them a load fails
 * with RC_EUSAGE. The built-in rules use a few percent of each.
 */
#define RC_CATALOG_MAX_CHECKS	5000
#define RC_CATALOG_MAX_PATTERNS 5000
#define RC_CATALOG_MAX_PREDS	10000

int rc_catalog_new(struct rc_catalog **out);
void rc_catalog_free(struct rc_catalog *c);

/* Load the embedded built-in rules and secret detectors. */
int rc_catalog_load_builtin(struct rc_catalog *c, struct rc_err *err);

/*
 * Parse a YAML sequence of checks (node from doc of file `path`; path is
 * also each check's source). Ids must be unique across the catalog.
 * Validation is strict (docs/checks.md): unknown keys, wrong types, bad
 * enum values, duplicate ids, malformed predicates and bad regexes are
 * RC_EUSAGE with path:line:col and, where one is close, a hint. All or
 * nothing: on error the catalog is left as it was. RC_ENOMEM.
 */
int rc_catalog_add_checks(struct rc_catalog *c, const struct rc_node *list,
			  const char *path, struct rc_err *err);

/*
 * The same with the document's text at hand (src, srclen), so that errors
 * about keys point at the key rather than at its value. source is what
 * checks record as rc_check.source ("builtin"), path where errors point.
 */
int rc_catalog_add_checks_src(struct rc_catalog *c, const struct rc_node *list,
			      const char *path, const char *source,
			      const char *src, size_t srclen,
			      struct rc_err *err);

/*
 * Parse a YAML document text whose root has a `checks:` list (the only key;
 * an empty document adds nothing). RC_EPARSE for YAML syntax errors.
 */
int rc_catalog_add_yaml(struct rc_catalog *c, const char *buf, size_t len,
			const char *path, struct rc_err *err);

/*
 * Parse a YAML sequence of fix entries, `{check: ID, rust: TEXT, ...}` with
 * any of the nine ecosystem ids as keys, and attach the texts to the checks
 * already in the catalog. Errors (RC_EUSAGE, path:line:col): an unknown
 * check id (with the nearest id as hint), an unknown ecosystem, an entry
 * without text, an empty text, a second entry for one check, a text for an
 * ecosystem the check already has (from its `fix:` or an earlier file). All
 * or nothing. src/srclen: the document's text (for key positions) or NULL.
 */
int rc_catalog_add_fixes_src(struct rc_catalog *c, const struct rc_node *list,
			     const char *path, const char *src, size_t srclen,
			     struct rc_err *err);

/*
 * Parse a YAML document text whose root has a `fixes:` list (the only key;
 * an empty document adds nothing), as rc_catalog_add_fixes_src().
 */
int rc_catalog_add_fixes_yaml(struct rc_catalog *c, const char *buf, size_t len,
			      const char *path, struct rc_err *err);

/*
 * The remediation of check c in the words of ecosystem ("rust", "python",
 * ... as rc_ecosystem_parse() accepts), or NULL when it has none (then
 * c->remediation is the text to show).
 */
const char *rc_check_fix(const struct rc_check *c, const char *ecosystem);

/* How an ecosystem id reads in prose ("Rust", "Node.js", ".NET"); NULL
 * for an unknown id. */
const char *rc_ecosystem_title(const char *ecosystem);

/* The check with id, or NULL. */
const struct rc_check *rc_catalog_find(const struct rc_catalog *c,
				       const char *id);
/* Nearest existing id to a misspelt one, or NULL. */
const char *rc_catalog_suggest(const struct rc_catalog *c, const char *id);

/* Remove a check by id (config `disable`). 0 or RC_ENOTFOUND. */
int rc_catalog_disable(struct rc_catalog *c, const char *id);

#endif
