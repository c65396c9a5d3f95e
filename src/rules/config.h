/*
 * config.h - .readycheck.yml.
 *
 * Keys: version (1), profile (auto|service|library|cli|app), fail_under
 * (0-100), weights (category -> 0..100), disable (check ids), ignore
 * (gitignore patterns), max_file_size (bytes, or with K/M/G suffix),
 * waivers, attest, checks (custom checks, catalog schema), secrets.
 * Unknown keys are errors with the nearest valid key suggested:
 *   .readycheck.yml:4:3: unknown key 'wieghts' (did you mean 'weights'?)
 */
#ifndef RC_RULES_CONFIG_H
#define RC_RULES_CONFIG_H

#include "../core/common.h"
#include "../core/arena.h"
#include "../core/err.h"
#include "catalog.h"
#include "check.h"

struct rc_config {
	int version;
	const char *profile; /* "auto" unless set */
	int fail_under;	     /* -1 when unset */
	int weights[RC_CAT_COUNT]; /* -1 = default */
	const char **disable;	   /* NULL-terminated */
	const char **ignore;	   /* NULL-terminated */
	size_t nignore;
	uint64_t max_file_size; /* 0 = default */
	const char *path;	/* file it came from, or NULL */
	struct rc_arena arena;
};

void rc_config_init(struct rc_config *cfg);
void rc_config_release(struct rc_config *cfg);

/*
 * Parse config text (YAML) from path. Custom checks are added to catalog
 * (may be NULL to skip them). Errors: RC_EPARSE (syntax, with line/col),
 * RC_EUSAGE (unknown key or bad value, with suggestion), RC_ENOMEM.
 */
int rc_config_parse(struct rc_config *cfg, const char *buf, size_t len,
		    const char *path, struct rc_catalog *catalog,
		    struct rc_err *err);

/*
 * Apply `disable` to the catalog; unknown ids are RC_EUSAGE errors naming
 * the nearest id. Called after built-in and custom checks are loaded.
 */
int rc_config_apply(const struct rc_config *cfg, struct rc_catalog *catalog,
		    struct rc_err *err);

#endif
