/*
 * secrets.h - what `readycheck secrets` reports, and its writers.
 *
 * The engine fills the model (one item per confirmed secret, in path and
 * line order); the writers print it as text or as JSON (schema
 * "readycheck/secrets/v1", schema/secrets.schema.json) and as the baseline
 * file of accepted findings (.readycheck-secrets.json). Nothing here ever
 * holds a secret: an item has its first characters, length and
 * fingerprint only.
 */
#ifndef RC_REPORT_SECRETS_H
#define RC_REPORT_SECRETS_H

#include "../core/common.h"
#include "../core/buf.h"

struct rc_secret_item {
	const char *rule;
	const char *description;
	const char *severity;
	const char *path;
	unsigned line, col;
	const char *prefix; /* the characters that may be shown */
	size_t length;
	const char *fingerprint;
	const char *commit; /* --history: where it first appears, else NULL */
	const char *date;   /* author date of that commit, ISO 8601 UTC */
};

struct rc_secrets_report {
	const char *root;
	bool history;
	uint64_t files; /* files (or blobs, with history) searched */
	uint64_t bytes;
	uint64_t commits; /* with history */
	size_t detectors;
	struct rc_secret_item *items;
	size_t n, cap;
	struct {
		uint64_t baseline, allow, inline_allow, placeholder;
	} suppressed;
};

/* format "text" (color: ANSI colours) or "json"; RC_EUSAGE otherwise. */
int rc_secrets_report_write(const struct rc_secrets_report *r,
			    const char *format, bool color, struct rc_buf *out);

/* The baseline file: every item's fingerprint with where it was found. */
int rc_secrets_baseline_write(const struct rc_secrets_report *r,
			      struct rc_buf *out);

#endif
