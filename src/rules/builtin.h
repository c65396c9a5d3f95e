/*
 * builtin.h - the built-in rules, embedded from the YAML files of rules/ at
 * build time by tools/embed.c (generated rules_embedded.c): each file's
 * text and its document packed by rc_doc_pack(), loaded without parsing.
 */
#ifndef RC_RULES_BUILTIN_H
#define RC_RULES_BUILTIN_H

#include <stddef.h>

struct rc_embedded_file {
	const char *name; /* "security.yml"; NULL ends the table */
	const char *data; /* NUL-terminated */
	size_t len;
	const unsigned char *packed; /* rc_doc_pack() of the parsed data */
	size_t packed_len;
};

/* the check files: every rules/NAME.yml but the two below */
extern const struct rc_embedded_file rc_builtin_rules[];
/* rules/fixes.yml: per-ecosystem remediation, loaded after every check */
extern const struct rc_embedded_file rc_builtin_fixes[];
/* rules/secrets.yml: the secret detectors */
extern const struct rc_embedded_file rc_builtin_secrets[];

#endif
