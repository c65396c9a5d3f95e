/*
 * engine.h - rc_scan_run(): walk -> collect -> evaluate -> score.
 *
 * The only entry point the CLI (and later the server) uses. Everything a
 * writer needs ends up in result->report; everything else the run built
 * (facts, catalog, config, diagnostics) is kept in the result for the
 * `facts` and `checks` commands and freed with rc_scan_result_free().
 */
#ifndef RC_ENGINE_ENGINE_H
#define RC_ENGINE_ENGINE_H

#include "../core/common.h"
#include "../core/diag.h"
#include "../core/err.h"
#include "../facts/facts.h"
#include "../report/report.h"
#include "../report/secrets.h"
#include "../rules/catalog.h"
#include "../rules/config.h"

struct rc_scan_opts {
	const char *root;
	const char *config_path; /* NULL: ROOT/.readycheck.yml if present */
	const char *profile;	 /* NULL/"auto" or a kind that overrides */
	unsigned jobs;		 /* 0: number of CPUs */
	bool no_git;
	bool facts_only;       /* stop after collection (readycheck facts) */
	int fail_under;	       /* -1: from config */
	bool strict;	       /* unattested manual items count as failing */
	const char *cache_dir; /* compiled pattern cache, or NULL for none */
	const char *today;     /* "YYYY-MM-DD" for expiry checks; NULL: now */
	/* Secret scanning (`readycheck secrets`): only the secret detectors
	 * are searched, no collector runs and nothing is evaluated. */
	bool secrets_only;
	bool no_secrets; /* scan without the secret detectors */
	/* accepted findings: NULL for ROOT/.readycheck-secrets.json if it
	 * exists; "" for none */
	const char *secrets_baseline;
	/* Called on the calling thread as files are done (may be NULL). */
	void (*progress)(uint64_t done, uint64_t total, void *payload);
	void *progress_payload;
};

#define RC_SCAN_OPTS_INIT                                                     \
	{                                                                     \
		.root = ".", .config_path = NULL, .profile = NULL, .jobs = 0, \
		.no_git = false, .facts_only = false, .fail_under = -1,       \
		.progress = NULL, .progress_payload = NULL                    \
	}

/* The phases of a run, and how long each took (--timings). */
enum rc_phase {
	RC_PHASE_LOAD,	   /* config, catalog */
	RC_PHASE_WALK,	   /* directory traversal */
	RC_PHASE_SCAN,	   /* databases, read + match, per-file collectors */
	RC_PHASE_COLLECT,  /* whole-repository collectors, git */
	RC_PHASE_EVALUATE, /* checks, scoring */
	RC_PHASES
};

struct rc_scan_times {
	double wall[RC_PHASES]; /* milliseconds */
	double cpu[RC_PHASES];	/* of all threads: cpu > wall is parallel */
};

/* "load", "walk", "read+match", "collect", "evaluate". */
const char *rc_phase_name(enum rc_phase p);

struct rc_scan_result {
	struct rc_report report;
	struct rc_scan_times times;
	struct rc_secrets_report secrets; /* confirmed secrets, file order */
	struct rc_facts *facts;
	struct rc_catalog *catalog;
	struct rc_config config;
	struct rc_diags diags;
	struct rc_arena arena;	      /* evidence strings, report arrays */
	struct rc_arena *eval_arenas; /* one per evaluation worker */
	unsigned neval_arenas;
};

/*
 * Run a scan. Configuration errors are RC_EUSAGE/RC_EPARSE with location in
 * err; runtime failures RC_EIO/RC_ENOMEM. Per-file problems never fail the
 * scan: they are diagnostics in the result.
 */
int rc_scan_run(struct rc_scan_result **out, const struct rc_scan_opts *opts,
		struct rc_err *err);
void rc_scan_result_free(struct rc_scan_result *r);

/*
 * Secrets in git history (`readycheck secrets --history`): every blob
 * reachable from any ref of the repository at opts->root, searched once,
 * each finding with the commit, author date and path where its blob first
 * appears (oldest commit first). Reads the object database through libgit2
 * and checks nothing out. The config's `ignore` patterns and
 * `secrets.paths` apply to the paths of every version. The findings land in
 * result->secrets.
 */
int rc_scan_history(struct rc_scan_result **out,
		    const struct rc_scan_opts *opts, struct rc_err *err);

/* Load only the catalog (built-in + config at path, may be NULL). */
int rc_engine_load_catalog(struct rc_catalog **out, struct rc_config *cfg,
			   const char *config_path, struct rc_err *err);

#endif
