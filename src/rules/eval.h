/*
 * eval.h - decide a check against the facts.
 *
 * Every verdict carries evidence: for a pass, what was found (file, line,
 * snippet); for a fail, what was found that is wrong (a `not` over a match)
 * or what was searched ("no file matches SECURITY.md, .github/SECURITY.md").
 */
#ifndef RC_RULES_EVAL_H
#define RC_RULES_EVAL_H

#include "../core/common.h"
#include "../core/arena.h"
#include "../core/err.h"
#include "../facts/facts.h"
#include "check.h"

struct rc_evidence {
	const char *path;    /* NULL when not about a file */
	unsigned line;	     /* 0 when not about a line */
	const char *snippet; /* matching line, or NULL */
	const char *text;    /* human sentence: "found", "searched" */
};

#define RC_EVAL_MAX_EVIDENCE 8

struct rc_outcome {
	enum rc_status status;
	struct rc_evidence ev[RC_EVAL_MAX_EVIDENCE];
	size_t nev;
};

struct rc_exists_index;

/* What the project is: the kinds and ecosystems detected. */
struct rc_project {
	unsigned kinds;		 /* RC_KIND_* mask */
	const char **ecosystems; /* NULL-terminated */
	/* the files each `exists` glob matches (rc_exists_index_build), or
	 * NULL: every predicate matches its globs against every file */
	const struct rc_exists_index *index;
};

/*
 * Where a check is decided: the whole repository, or one package of a
 * monorepo. A package sees the files (and the facts and content matches
 * about files) under its directory, except those of packages nested in it,
 * plus the shared files of the root: everything outside every package
 * directory that is not source code (CI, docs, deployment files). The
 * root's source code belongs to the root package (dir ""). Globs match a
 * package's files by their path from the root or from the package's
 * directory (crates/api/src/main.rs also as src/main.rs).
 */
struct rc_scope {
	const char *dir;	 /* the package's directory, "" for the root */
	const char *const *dirs; /* every package directory ("" allowed) */
	size_t ndirs;
};

/* True when check applies to the project (kinds, ecosystems, applies). */
bool rc_check_applies(const struct rc_check *c, const struct rc_project *p,
		      const struct rc_facts *f);

/*
 * Evaluate c: NA when it does not apply (with one item saying why: "applies
 * to service projects", or what `applies.when` searched), MANUAL for manual
 * checks, else PASS/FAIL with evidence as docs/checks.md describes. Strings
 * of the outcome are copied into arena (they outlive the fact store); with
 * arena NULL only the status is computed. At most RC_EVAL_MAX_EVIDENCE
 * items; when more were found the last text ends in "(and N more)".
 * Returns 0, RC_ENOMEM, or RC_EINTERNAL for a predicate the loader would
 * have refused (nested too deep, `not` without one child, no `when`).
 */
int rc_check_eval(const struct rc_check *c, const struct rc_project *p,
		  const struct rc_facts *f, struct rc_arena *arena,
		  struct rc_outcome *out);

/* rc_check_eval() within one package (scope NULL: the whole repository). */
int rc_check_eval_in(const struct rc_check *c, const struct rc_project *p,
		     const struct rc_scope *scope, const struct rc_facts *f,
		     struct rc_arena *arena, struct rc_outcome *out);

/*
 * Every `exists` predicate of a catalog matches its globs against every
 * file, once per check and package: for many checks over many files that
 * is most of the evaluation. The index matches all their distinct globs
 * against each file once, in one pass over one glob set (on `jobs`
 * threads), by the path from the root and, for monorepos, the path from
 * the file's package directory (dirs as in struct rc_scope; ndirs 0 for
 * none); a predicate then tests a file with a few ANDs. Built after the
 * facts are complete, for that fact store and catalog only.
 */
int rc_exists_index_build(struct rc_exists_index **out,
			  const struct rc_pred *const *exists, size_t nexists,
			  const struct rc_facts *f, const char *const *dirs,
			  size_t ndirs, unsigned jobs);
void rc_exists_index_free(struct rc_exists_index *ix);

/*
 * Evaluate one predicate (exposed for tests and custom tooling); ev may be
 * NULL for the verdict alone. Errors as rc_check_eval().
 */
int rc_pred_eval(const struct rc_pred *p, const struct rc_facts *f,
		 struct rc_arena *arena, bool *pass, struct rc_outcome *ev);

#endif
