/*
 * secrets.h - secret detectors and the confirmation of their candidates.
 *
 * A detector (rules/secrets.yml, docs/secrets.md) is a regex searched in
 * the one Vectorscan pass together with every other content pattern.
 * Vectorscan only says where a candidate ends; rc_secrets_confirm() then
 * runs the detector's regex with PCRE2 on the candidate's line (for a
 * multiline detector, on up to RC_SECRETS_WINDOW bytes of lines before it)
 * and takes the capture that is the secret. A secret is a finding only if
 *   - the file holds one of the detector's keywords (when it has some),
 *   - its Shannon entropy reaches the detector's minimum,
 *   - no allow regex (the detector's or the user's) matches it, and no
 *     allow_match regex of the detector matches the whole match (where the
 *     context decides: user == password in a URI, a localhost host),
 *   - it is not a well-known placeholder (rc_secrets_placeholder()),
 *   - its line has no `readycheck:allow` comment,
 *   - its path is not allowlisted and its fingerprint neither allowlisted
 *     nor in the baseline.
 * Lockfiles are never searched (integrity hashes are not secrets), and the
 * generic detectors (id `generic-*`, a secret-ish name given a random
 * literal) skip test code and minified files, where they mostly find test
 * data and noise; detectors of a documented token format apply everywhere.
 *
 * A finding never holds the secret: its first characters (at most four,
 * fewer for a short secret), its length and a fingerprint, the first 16 hex
 * digits of SHA-256(rule id, secret, path), stable across runs and machines.
 */
#ifndef RC_SECRETS_SECRETS_H
#define RC_SECRETS_SECRETS_H

#include "../core/common.h"
#include "../core/arena.h"
#include "../core/diag.h"
#include "../core/err.h"
#include "../core/vec.h"
#include "../walk/glob.h"

#include <stdatomic.h>

#define RC_SECRETS_WINDOW   16384 /* look-back of a multiline detector */
#define RC_SECRETS_MINIFIED 5000  /* a line this long makes a file minified */
#define RC_SECRET_FP_LEN    16	  /* hex digits of a fingerprint */
#define RC_SECRET_PREFIX    4	  /* characters of a secret ever shown */

struct rc_secret_rule {
	const char *id;
	const char *description;
	const char *regex;   /* as written, "(?i)" included */
	const char *pattern; /* what the engines compile: "(?i)" removed */
	bool caseless;
	bool multiline;
	bool generic; /* id starts with "generic-" */
	unsigned group;
	const char **keywords; /* lower-case */
	size_t nkeywords;
	double entropy; /* minimum bits per byte, 0: none */
	const char *severity;
	void *re;     /* pcre2_code *, owned by the set; NULL until first use
		       * for the built-in detectors */
	void **allow; /* matched against the secret */
	size_t nallow;
	void **allow_match; /* matched against the whole match */
	size_t nallow_match;
};

struct rc_secrets {
	struct rc_secret_rule *rules;
	size_t n, cap;
	/* per rule: its regex is ready (compiled when the loader left it
	 * NULL, and JIT-compiled) on its first candidate, since compiling
	 * all 285 costs more than a typical scan; CODE_* */
	atomic_uchar *jitted;
	size_t jitcap;
	void **allow; /* the user's allow regexes (pcre2_code *), owned */
	size_t nallow, allowcap;
	struct rc_globset *allow_paths; /* owned */
	char **allow_fps;		/* sorted */
	size_t nallow_fps;
	char **baseline; /* sorted fingerprints */
	size_t nbaseline;
	struct rc_arena arena;
	bool builtin; /* while loading the built-in detectors: regexes are
		       * compiled on first use (loader's `trusted`) */
};

struct rc_secret_finding {
	unsigned rule; /* index in the set */
	unsigned line, col;
	size_t off, len; /* of the secret in the scanned buffer */
	size_t length;	 /* == len, kept when the buffer is gone */
	char prefix[RC_SECRET_PREFIX + 1];
	char fingerprint[RC_SECRET_FP_LEN + 1];
	unsigned char hidden; /* private: why it is not reported, 0: it is */
};

struct rc_secret_counts {
	uint64_t baseline, allow, inline_allow, placeholder;
};

struct rc_secret_hit {
	unsigned rule;
	size_t off; /* where Vectorscan's match ends */
};

typedef RC_VEC(struct rc_secret_finding) rc_secret_vec;
typedef RC_VEC(struct rc_secret_hit) rc_secret_hit_vec;

/*
 * Record a candidate from the matcher's callback. Vectorscan reports every
 * end offset of a long candidate; one per run of consecutive offsets is
 * enough to confirm it, so such a run keeps only its last. 0 or RC_ENOMEM.
 */
int rc_secrets_add_hit(rc_secret_hit_vec *v, unsigned rule, size_t off);

/* The matcher patterns of the set's detectors, one per rule, into out[n]. */
struct rc_pattern;
void rc_secrets_patterns(const struct rc_secrets *s, struct rc_pattern *out);

int rc_secrets_new(struct rc_secrets **out);
void rc_secrets_free(struct rc_secrets *s);

/*
 * Add a detector. Its strings and arrays must outlive the set (the loader
 * keeps them in the set's arena); re, allow and allow_match are compiled
 * PCRE2 codes whose ownership passes to the set, even on error. RC_EUSAGE when
 * the id is taken or the group does not exist in re (message in err),
 * RC_ENOMEM.
 */
int rc_secrets_add(struct rc_secrets *s, const struct rc_secret_rule *rule,
		   struct rc_err *err);
/* Free a detector's compiled regexes (one that is not in a set). */
void rc_secrets_rule_release(struct rc_secret_rule *r);

const struct rc_secret_rule *rc_secrets_find(const struct rc_secrets *s,
					     const char *id);

/* Allowlists and baseline (copied). The regex's ownership passes on. */
int rc_secrets_allow_regex(struct rc_secrets *s, void *re);
int rc_secrets_allow_paths(struct rc_secrets *s, const char *const *globs,
			   size_t n);
int rc_secrets_allow_fingerprints(struct rc_secrets *s, const char *const *fps,
				  size_t n);
int rc_secrets_set_baseline(struct rc_secrets *s, const char *const *fps,
			    size_t n);

/* False for files never searched for secrets (lockfiles, allowlisted). */
bool rc_secrets_wants(const struct rc_secrets *s, const char *path);

/*
 * Confirm Vectorscan's candidates in buf (the file at path): hits in any
 * order, duplicates welcome. Findings are appended to out in order of
 * offset, each secret once (a generic detector's finding is dropped where
 * a format detector found a secret overlapping it). 0 or RC_ENOMEM.
 */
int rc_secrets_confirm(const struct rc_secrets *s, const char *path,
		       const char *buf, size_t len,
		       const struct rc_secret_hit *hits, size_t nhits,
		       rc_secret_vec *out, struct rc_secret_counts *counts);

/*
 * A stand-alone scanner: the set's detectors alone in a matcher, for
 * scanning outside the one-pass walk (git history, tests, fuzzing). One
 * thread at a time. rc_secrets_scan() appends buf's findings to out.
 */
struct rc_secrets_scanner;

int rc_secrets_scanner_new(struct rc_secrets_scanner **out,
			   const struct rc_secrets *s, const char *cache_dir,
			   struct rc_diags *diags, struct rc_err *err);
void rc_secrets_scanner_free(struct rc_secrets_scanner *sc);
int rc_secrets_scan(struct rc_secrets_scanner *sc, const char *path,
		    const char *buf, size_t len, rc_secret_vec *out,
		    struct rc_secret_counts *counts);

/* Shannon entropy of buf in bits per byte. */
double rc_secrets_entropy(const char *buf, size_t len);

/* A well-known placeholder or template rather than a secret? */
bool rc_secrets_placeholder(const char *secret, size_t len);

/* Fingerprint of (rule id, secret, path) as RC_SECRET_FP_LEN hex + NUL. */
void rc_secrets_fingerprint(const char *rule, const char *secret, size_t len,
			    const char *path, char *out);

/* How many characters of a secret of len bytes may be shown. */
size_t rc_secrets_shown(size_t len);

#endif
