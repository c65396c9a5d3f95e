/*
 * check.h - the check model: what a check is, as data.
 *
 * A check has an id, a title, a category, a severity, an effort, an
 * applicability (project kinds, ecosystems, and an optional predicate) and a
 * predicate `when` over facts that decides pass or fail. Built-in checks
 * (rules/ YAML files, embedded in the binary) and user checks (.readycheck.yml
 * `checks:`) are parsed into the same struct by catalog.c.
 *
 * All strings and nodes of checks live in the catalog's arena.
 */
#ifndef RC_RULES_CHECK_H
#define RC_RULES_CHECK_H

#include "../core/common.h"

struct rc_globset;

enum rc_category {
	RC_CAT_SECURITY,
	RC_CAT_RELEASE,
	RC_CAT_OBSERVABILITY,
	RC_CAT_RELIABILITY,
	RC_CAT_PERFORMANCE,
	RC_CAT_DATA,
	RC_CAT_TESTING,
	RC_CAT_CONFIG,
	RC_CAT_OPERATIONS,
	RC_CAT_DOCS,
	RC_CAT_COUNT
};

enum rc_severity { RC_SEV_LOW, RC_SEV_MEDIUM, RC_SEV_HIGH, RC_SEV_CRITICAL };

/* quick: under an hour; day: about a day; week: a week or more */
enum rc_effort { RC_EFFORT_QUICK, RC_EFFORT_DAY, RC_EFFORT_WEEK };

enum rc_kind {
	RC_KIND_SERVICE = 1 << 0,
	RC_KIND_LIBRARY = 1 << 1,
	RC_KIND_CLI = 1 << 2,
	RC_KIND_APP = 1 << 3,
};

enum rc_status {
	RC_STATUS_PASS,
	RC_STATUS_FAIL,
	RC_STATUS_NA,	  /* not applicable: out of the denominator */
	RC_STATUS_WAIVED, /* failed but waived in the config */
	RC_STATUS_MANUAL, /* a manual item without attestation */
};

enum rc_pred_type {
	RC_PRED_EXISTS,	    /* a file matches one of globs */
	RC_PRED_CONTAINS,   /* regex found in a file matching one of globs */
	RC_PRED_DEPENDENCY, /* a dependency named one of names */
	RC_PRED_FACT,	    /* a fact compares to a value */
	RC_PRED_ALL,
	RC_PRED_ANY,
	RC_PRED_NOT,
};

enum rc_op {
	RC_OP_EXISTS, /* the fact is present (and, if bool, true) */
	RC_OP_EQ,
	RC_OP_NE,
	RC_OP_LT,
	RC_OP_LE,
	RC_OP_GT,
	RC_OP_GE,
	RC_OP_MATCHES, /* string value matches a regex (PCRE2) */
};

/* Predicates nest at most this deep (all/any/not); deeper is a load error. */
#define RC_PRED_MAX_DEPTH 16

struct rc_pred {
	enum rc_pred_type type;
	unsigned line, col; /* where it was written */
	/* what is looked for, in words ("a dependency audit step in CI"):
	 * a failing predicate with a label reports "not found: <label>"
	 * instead of the globs and regexes it searched; or NULL */
	const char *label;
	/* EXISTS, CONTAINS: globs (case-insensitive, anchored at the root) */
	const char **globs;
	size_t nglobs;
	struct rc_globset *globset; /* EXISTS: globs compiled at load time */
	size_t xid; /* EXISTS: index in the catalog's `exists` list */
	/* CONTAINS: regex and its content-pattern id (index into the
	 * catalog's pattern list, assigned by the loader); caseless from
	 * `nocase: true` or a leading "(?i)", which the loader removes */
	const char *regex;
	unsigned pattern;
	bool caseless;
	/* DEPENDENCY: any of names, in ecosystem (NULL: any ecosystem) */
	const char **names;
	size_t nnames;
	const char *ecosystem;
	/* FACT: name op value (value_is_num selects number comparison) */
	const char *fact;
	enum rc_op op;
	const char *value;
	double num;
	bool value_is_num;
	void *re; /* compiled RC_OP_MATCHES regex (pcre2_code *), owned
		   * by the catalog, freed by rc_catalog_free() */
	/* ALL, ANY, NOT (NOT has exactly one kid) */
	struct rc_pred **kids;
	size_t nkids;
};

/* Number of ecosystem ids; rc_ecosystem_name_at(i) for i below it. */
#define RC_ECO_COUNT 9

/*
 * A remediation in the words of one ecosystem (rules/fixes.yml, or the
 * `fix:` map of a check definition): the tool and the command to use.
 */
struct rc_fix {
	const char *text; /* NULL: no specific text for this ecosystem */
	const char *file; /* where it was written */
	unsigned line;
};

struct rc_check {
	const char *id;
	const char *title;
	enum rc_category category;
	enum rc_severity severity;
	enum rc_effort effort;
	unsigned kinds;		 /* RC_KIND_* mask; 0 = any kind */
	const char **ecosystems; /* NULL-terminated list; NULL = any */
	struct rc_pred *applies; /* extra applicability predicate, or NULL */
	struct rc_pred *when;	 /* pass predicate; NULL for manual checks */
	bool manual;
	const char *why;	 /* why it matters, 1-2 sentences */
	const char *remediation; /* what to do */
	const char *source;	 /* "builtin" or the config file path */
	const char *file;	 /* "rules/security.yml" or the config path */
	unsigned line;		 /* where it was defined (in file) */
	/* per-ecosystem remediation, indexed like rc_ecosystem_name_at();
	 * read it with rc_check_fix() (catalog.h) */
	struct rc_fix fix[RC_ECO_COUNT];
};

/* Names, for parsing and printing ("security", "high", "quick", "pass"). */
const char *rc_category_id(enum rc_category c);
/* "Security and supply chain" */
const char *rc_category_title(enum rc_category c);
unsigned rc_category_default_weight(enum rc_category c);
const char *rc_severity_name(enum rc_severity s);
unsigned rc_severity_points(enum rc_severity s); /* 1, 2, 4, 8 */
const char *rc_effort_name(enum rc_effort e);
const char *rc_kind_name(enum rc_kind k);     /* one bit */
const char *rc_status_name(enum rc_status s); /* pass fail n-a waived manual */
/* Parse a name (exact, lower-case); 0 or RC_ENOTFOUND. */
int rc_category_parse(const char *s, enum rc_category *out);
int rc_severity_parse(const char *s, enum rc_severity *out);
int rc_effort_parse(const char *s, enum rc_effort *out);
int rc_kind_parse(const char *s, enum rc_kind *out);
int rc_status_parse(const char *s, enum rc_status *out);
/*
 * Ecosystem ids: rust python node go java c ruby php dotnet. *out is the
 * canonical static string (compare ecosystems by content, not pointer).
 */
int rc_ecosystem_parse(const char *s, const char **out);

/*
 * The i-th valid name of each enum in declaration order (kinds by bit
 * number), NULL past the end: for listings and "did you mean" suggestions.
 */
const char *rc_category_name_at(size_t i);
const char *rc_severity_name_at(size_t i);

/* Longest id of a check or a secret detector. */
#define RC_ID_MAX 64
/* A valid id: lower-case letters, digits and '-', starting with a letter or
 * digit, at most RC_ID_MAX characters. */
bool rc_id_ok(const char *s);
const char *rc_effort_name_at(size_t i);
const char *rc_kind_name_at(size_t i);
const char *rc_ecosystem_name_at(size_t i);

#endif
