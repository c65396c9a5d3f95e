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
 * Errors name file:line:col and suggest the nearest valid key or value.
 */
#ifndef RC_RULES_CATALOG_H
#define RC_RULES_CATALOG_H

#include "../core/common.h"
#include "../core/arena.h"
#include "../core/err.h"
#include "../parse/doc.h"
#include "check.h"

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
	struct rc_arena arena;
};

int rc_catalog_new(struct rc_catalog **out);
void rc_catalog_free(struct rc_catalog *c);

/* Load the embedded built-in rules. */
int rc_catalog_load_builtin(struct rc_catalog *c, struct rc_err *err);

/*
 * Parse a YAML sequence of checks (node from doc of file `path`). Ids must be
 * unique across the catalog. source names where they came from.
 */
int rc_catalog_add_checks(struct rc_catalog *c, const struct rc_node *list,
			  const char *path, struct rc_err *err);

/* Parse a YAML document text whose root has a `checks:` list. */
int rc_catalog_add_yaml(struct rc_catalog *c, const char *buf, size_t len,
			const char *path, struct rc_err *err);

/* The check with id, or NULL. */
const struct rc_check *rc_catalog_find(const struct rc_catalog *c,
				       const char *id);
/* Nearest existing id to a misspelt one, or NULL. */
const char *rc_catalog_suggest(const struct rc_catalog *c, const char *id);

/* Remove a check by id (config `disable`). 0 or RC_ENOTFOUND. */
int rc_catalog_disable(struct rc_catalog *c, const char *id);

#endif
