/*
 * config.h - .readycheck.yml, the per-repository configuration.
 *
 * Keys (docs/config.md): version (1), profile (auto|service|library|cli|
 * app), fail_under (0-100), weights (category -> 0..100), disable (check
 * ids), ignore (gitignore patterns), max_file_size (bytes, or with a K/M/G
 * suffix), waivers, attest, checks (custom checks, catalog schema), secrets
 * ({ allow: [regex] }). Unknown keys are errors with the nearest valid key
 * suggested, and every error carries path:line:col:
 *   .readycheck.yml:4:1: unknown key 'wieghts' (did you mean 'weights'?)
 *
 * All strings live in cfg->arena; rc_config_release() frees everything.
 */
#ifndef RC_RULES_CONFIG_H
#define RC_RULES_CONFIG_H

#include "../core/common.h"
#include "../core/arena.h"
#include "../core/err.h"
#include "catalog.h"
#include "check.h"

/* Where a config value was written (1-based; 0 when unknown). */
struct rc_config_pos {
	unsigned line, col;
};

/* A failing check accepted on purpose, shown as "waived" in reports. */
struct rc_waiver {
	const char *check;  /* check id (validated by rc_config_apply) */
	const char *reason; /* required */
	const char *owner;  /* or NULL */
	const char **paths; /* NULL-terminated globs, or NULL: everywhere */
	const char *fingerprint; /* one finding, or NULL */
	const char *expires;	 /* "YYYY-MM-DD", or NULL: never */
	struct rc_config_pos pos;
};

/* A person's word for a manual check. */
struct rc_attestation {
	const char *check;    /* id of a manual check */
	const char *by;	      /* required: who attests */
	const char *date;     /* required: "YYYY-MM-DD" */
	const char *evidence; /* a link, or NULL */
	const char *expires;  /* "YYYY-MM-DD", or NULL: never */
	struct rc_config_pos pos;
};

struct rc_config {
	int version;
	const char *profile;	   /* "auto" unless set */
	int fail_under;		   /* -1 when unset */
	int weights[RC_CAT_COUNT]; /* -1 = default */
	const char **disable;	   /* NULL-terminated */
	size_t ndisable;
	struct rc_config_pos *disable_pos; /* where each id was written */
	const char **ignore;		   /* NULL-terminated */
	size_t nignore;
	uint64_t max_file_size; /* 0 = default */
	struct rc_waiver *waivers;
	size_t nwaivers;
	struct rc_attestation *attest;
	size_t nattest;
	const char **secrets_allow; /* regexes, NULL-terminated */
	size_t nsecrets_allow;
	const char *path; /* file it came from, or NULL */
	struct rc_arena arena;
};

/* Most entries in one list (disable, ignore, waivers, attest, allow). */
#define RC_CONFIG_MAX_ENTRIES 10000

/* Largest max_file_size accepted (1 TiB). */
#define RC_CONFIG_MAX_FILE_SIZE ((uint64_t)1 << 40)

void rc_config_init(struct rc_config *cfg);
void rc_config_release(struct rc_config *cfg);

/*
 * Parse config text (YAML) from path into an initialised cfg. Custom checks
 * are added to catalog (may be NULL to skip them). An empty file is a valid
 * config. Errors: RC_EPARSE (syntax, with line/col), RC_EUSAGE (unknown key
 * or bad value, with suggestion), RC_ENOMEM. On error cfg holds a partial
 * result that the caller still releases, and the catalog is as it was.
 */
int rc_config_parse(struct rc_config *cfg, const char *buf, size_t len,
		    const char *path, struct rc_catalog *catalog,
		    struct rc_err *err);

/*
 * Validate the check ids of `disable`, `waivers` and `attest` against the
 * catalog (unknown ids are RC_EUSAGE errors at the id's position naming the
 * nearest id; attestations must name manual checks), then remove the
 * disabled checks. Called after built-in and custom checks are loaded.
 */
int rc_config_apply(const struct rc_config *cfg, struct rc_catalog *catalog,
		    struct rc_err *err);

#endif
