/*
 * report.h - the result model every writer reads, and the writer interface.
 *
 * The engine fills a struct rc_report; writers format it and never recompute
 * scores or re-read facts (curl's Curl_ssl pattern: one table of function
 * pointers per backend, found by name). Adding a format = one file + one
 * line in the table in report.c.
 *
 * Every pointer in the model is borrowed: the report does not own its
 * strings and arrays, and writers only read them. Strings that come from
 * the scanned repository (paths, snippets, evidence text, reasons,
 * diagnostics, the root) are untrusted; each writer makes them safe for its
 * format. Snippets arrive redacted; no writer prints more than
 * RC_REPORT_SNIPPET_MAX bytes of one. Output never depends on the time or
 * the machine, so that golden files can compare it byte for byte.
 */
#ifndef RC_REPORT_REPORT_H
#define RC_REPORT_REPORT_H

#include "../core/common.h"
#include "../core/buf.h"
#include "../core/diag.h"
#include "../rules/check.h"
#include "../rules/eval.h"
#include "../score/score.h"

struct rc_finding {
	const struct rc_check *check;
	struct rc_outcome outcome;
	const char *package; /* package path ("." for the root) */
	const char *waiver;  /* WAIVED: the waiver's reason, or NULL */
};

struct rc_report_kind {
	const char *kind;   /* "service" */
	const char *reason; /* "actix-web in Cargo.toml dependencies" */
	const char *path;
	unsigned line;
};

struct rc_report {
	const char *tool_version;
	const char *name;	 /* project name for titles (manifest name), or
				    NULL: the last component of root */
	const char *root;	 /* as given on the command line */
	const char *profile;	 /* "auto" or forced */
	const char **ecosystems; /* NULL-terminated */
	struct rc_report_kind *kinds;
	size_t nkinds;
	struct rc_finding *findings; /* catalog order */
	size_t nfindings;
	struct rc_score score;
	struct rc_roadmap_item *roadmap; /* index into findings; items out
					    of range are skipped */
	size_t nroadmap;
	const struct rc_diags *diags;
	uint64_t files, bytes; /* scanned */
	uint64_t skipped;      /* files not read (big, binary, unreadable) */
	int fail_under;	       /* -1 when no gate */
	unsigned expired;      /* expired waivers/attestations (a gate) */
};

struct rc_report_opts {
	bool color;   /* ANSI colour (text writer) */
	bool verbose; /* show passing checks' evidence in text */
	bool quiet;   /* text: score line and failures only */
};

/*
 * A format. write() appends the whole document to out and returns 0 or the
 * buffer's sticky error (RC_ENOMEM, or RC_ETOOBIG past out's ceiling); o may
 * be NULL (all options off). Writers are stateless and thread-safe.
 */
struct rc_report_writer {
	const char *name; /* "text", "md", "json" */
	int (*write)(const struct rc_report *r, const struct rc_report_opts *o,
		     struct rc_buf *out);
};

/* The writer called name, or NULL. */
const struct rc_report_writer *rc_report_writer_find(const char *name);
/* NULL-terminated list of writer names, for help and suggestions. */
const char *const *rc_report_writer_names(void);

/* The writers, one file each, listed in the table of report.c. */
extern const struct rc_report_writer rc_report_text; /* text.c */
extern const struct rc_report_writer rc_report_md;   /* markdown.c */
extern const struct rc_report_writer rc_report_json; /* json.c */

/*
 * Shared helpers for writers. They append to out and return 0 or the
 * buffer's sticky error.
 */

/* Longest snippet any writer prints, in bytes, "..." included. */
#define RC_REPORT_SNIPPET_MAX 200

/*
 * Evidence rendered as "path:line" / "path" / text, into out (raw bytes as
 * given: a writer still makes them safe for its format). Nothing is
 * appended when the evidence has neither path nor text.
 */
int rc_report_evidence_loc(const struct rc_evidence *e, struct rc_buf *out);

/*
 * Append the n bytes at s as one line of text that is safe on a terminal:
 * tabs, CR and LF become spaces; other control characters (C0, DEL, C1),
 * bidirectional overrides and invalid UTF-8 bytes become '?'. When the
 * result would be longer than max bytes (0: no limit) it is cut on a
 * character boundary, spaces before the cut are dropped and "..." ends
 * it: at most max bytes in all.
 */
int rc_report_add_line(struct rc_buf *out, const char *s, size_t n, size_t max);

/*
 * The project name for titles: r->name, else the last component of r->root
 * ("." or "/" when that is all there is). Appended raw.
 */
int rc_report_add_name(struct rc_buf *out, const struct rc_report *r);

/*
 * A number for people: v with one decimal, without a trailing ".0"
 * ("72", "13.3"). NaN and infinities print as 0, -0 as 0.
 */
int rc_report_add_num(struct rc_buf *out, double v);

/* A byte count for people: "512 bytes", "1.5 KiB", "3.2 MiB". */
int rc_report_add_size(struct rc_buf *out, uint64_t bytes);

/*
 * Store in idx (room for r->nfindings) the indexes of the findings of
 * category c in display order: failures (critical first), manual items,
 * waived, passes, not applicable; catalog order within each. Findings
 * without a check are left out. Returns how many were stored.
 */
size_t rc_report_category_order(const struct rc_report *r, enum rc_category c,
				size_t *idx);

/*
 * True when evidence i of o repeats an earlier one (same path, line,
 * snippet and text): people-facing writers show it once.
 */
bool rc_report_evidence_dup(const struct rc_outcome *o, size_t i);

/* Roadmap group of an effort: "quick", "next" or "later". */
const char *rc_report_group_name(enum rc_effort e);

#endif
