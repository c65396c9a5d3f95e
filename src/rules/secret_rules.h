/*
 * secret_rules.h - loading secret detectors from YAML.
 *
 * A `secrets:` document (rules/secrets.yml, embedded at build time) or a
 * `rules:` list in the config's `secrets:` section holds detectors in the
 * schema of docs/secrets.md: id, description, regex, severity, and
 * optionally group, keywords, entropy, allow, multiline. Validation is as
 * strict as for checks (rules/catalog.h): unknown keys with suggestions,
 * bad regexes, out-of-range values and duplicate ids are RC_EUSAGE naming
 * file:line:col; all or nothing.
 */
#ifndef RC_RULES_SECRET_RULES_H
#define RC_RULES_SECRET_RULES_H

#include "../core/common.h"
#include "../core/err.h"
#include "../secrets/secrets.h"
#include "../parse/doc.h"

/* Parse a list of detectors (node of the document src[0..srclen) at path). */
int rc_secret_rules_add(struct rc_secrets *set, const struct rc_node *list,
			const char *path, const char *src, size_t srclen,
			struct rc_err *err);

/* A YAML document whose root has the one key `secrets:`. */
int rc_secret_rules_add_yaml(struct rc_secrets *set, const char *buf,
			     size_t len, const char *path, struct rc_err *err);

/* The built-in detectors (rules/secrets.yml). */
int rc_secret_rules_load_builtin(struct rc_secrets *set, struct rc_err *err);

#endif
