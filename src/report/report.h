/*
 * report.h - the result model every writer reads, and the writer interface.
 *
 * The engine fills a struct rc_report; writers format it and never recompute
 * scores or re-read facts (curl's Curl_ssl pattern: one table of function
 * pointers per backend, found by name). Adding a format = one file + one
 * line in the table in report.c.
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
};

struct rc_report_kind {
	const char *kind;   /* "service" */
	const char *reason; /* "actix-web in Cargo.toml dependencies" */
	const char *path;
	unsigned line;
};

struct rc_report {
	const char *tool_version;
	const char *root;    /* as given on the command line */
	const char *profile; /* "auto" or forced */
	const char **ecosystems; /* NULL-terminated */
	struct rc_report_kind *kinds;
	size_t nkinds;
	struct rc_finding *findings; /* catalog order */
	size_t nfindings;
	struct rc_score score;
	struct rc_roadmap_item *roadmap; /* index into findings */
	size_t nroadmap;
	const struct rc_diags *diags;
	uint64_t files, bytes; /* scanned */
	uint64_t skipped;      /* files not read (big, binary, unreadable) */
	int fail_under;	       /* -1 when no gate */
};

struct rc_report_opts {
	bool color;   /* ANSI colour (text writer) */
	bool verbose; /* show passing checks' evidence in text */
	bool quiet;   /* text: score line and failures only */
};

struct rc_report_writer {
	const char *name; /* "text", "md", "json" */
	int (*write)(const struct rc_report *r, const struct rc_report_opts *o,
		     struct rc_buf *out);
};

/* The writer called name, or NULL. */
const struct rc_report_writer *rc_report_writer_find(const char *name);
/* NULL-terminated list of writer names, for help and suggestions. */
const char *const *rc_report_writer_names(void);

/* Shared helpers for writers. */
/* Evidence rendered as "path:line" / "path" / text, into out. */
int rc_report_evidence_loc(const struct rc_evidence *e, struct rc_buf *out);

#endif
