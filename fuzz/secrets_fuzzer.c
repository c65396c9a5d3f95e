/*
 * secrets_fuzzer.c - the secret confirmation path (src/secrets/secrets.c):
 * every built-in detector's candidates confirmed with PCRE2 (captures,
 * multiline windows), entropy, placeholders, inline allow, the user
 * allowlists and the baseline; and the loader of user detectors
 * (src/rules/secret_rules.c).
 *
 * The first byte picks the path the text is scanned as (source, test,
 * minified, lockfile, allowlisted); if the input starts with "secrets:"
 * it is also loaded as a detectors document.
 */
#include "core/common.h"
#include "core/alloc.h"
#include "rules/secret_rules.h"
#include "secrets/secrets.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct rc_secrets *set;
static struct rc_secrets_scanner *sc;

static void init(void)
{
	static const char *const globs[] = { "vendor/**" };
	static const char *const fps[] = { "0123456789abcdef" };
	struct rc_err err = RC_ERR_INIT;

	if (rc_secrets_new(&set) || rc_secret_rules_load_builtin(set, &err) ||
	    rc_secrets_allow_paths(set, globs, 1) ||
	    rc_secrets_allow_fingerprints(set, fps, 1) ||
	    rc_secrets_set_baseline(set, fps, 1) ||
	    rc_secrets_scanner_new(&sc, set, NULL, NULL, &err))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = {
		"src/config.py",      "tests/test_x.py", "static/app.min.js",
		"package-lock.json",  "vendor/lib/x.go", ".env",
		"deploy/values.yaml", "id_rsa",
	};
	rc_secret_vec out = { 0 };
	struct rc_secret_counts counts = { 0 };
	const char *buf = (const char *)data + 1;
	size_t i;

	if (!set)
		init();
	if (!size)
		return 0;
	size--;
	if (rc_secrets_scan(sc, paths[data[0] % RC_ARRAY_SIZE(paths)], buf,
			    size, &out, &counts))
		abort();
	for (i = 0; i < out.n; i++)
		if (out.v[i].off + out.v[i].len > size ||
		    strlen(out.v[i].prefix) > RC_SECRET_PREFIX ||
		    strlen(out.v[i].fingerprint) != RC_SECRET_FP_LEN)
			abort();
	rc_vec_free(&out);
	if (size >= 8 && !memcmp(buf, "secrets:", 8)) {
		struct rc_secrets *user = NULL;
		struct rc_err err = RC_ERR_INIT;

		if (!rc_secrets_new(&user))
			rc_secret_rules_add_yaml(user, buf, size, "f.yml",
						 &err);
		rc_secrets_free(user);
	}
	return 0;
}
