/*
 * test_config.c - .readycheck.yml: values, defaults, error messages with
 * their positions and suggestions, and applying it to a catalog.
 */
#include "core/common.h"
#include "rules/config.h"
#include "core/alloc.h"
#include "core/buf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <cmocka.h>

#define PATH ".readycheck.yml"

/* A small catalog the config can refer to. */
static const char catalog_yaml[] =
	"checks:\n"
	"  - { id: license, title: L, category: release, severity: critical, "
	"when: { exists: LICENSE } }\n"
	"  - { id: citation, title: C, category: docs, severity: low, "
	"when: { exists: CITATION.cff } }\n"
	"  - { id: sbom-generation, title: S, category: security, severity: "
	"medium, when: { exists: sbom.json } }\n"
	"  - { id: security-audit, title: A, category: security, severity: "
	"high, manual: true }\n";

static struct rc_catalog *new_catalog(void)
{
	struct rc_catalog *c = NULL;
	struct rc_err err = RC_ERR_INIT;

	assert_int_equal(rc_catalog_new(&c), 0);
	assert_int_equal(rc_catalog_add_yaml(c, catalog_yaml,
					     strlen(catalog_yaml), "rules.yml",
					     &err),
			 0);
	return c;
}

static int parse(struct rc_config *cfg, struct rc_catalog *cat,
		 const char *yaml, char *msg, size_t n)
{
	struct rc_err err = RC_ERR_INIT;
	int e;

	rc_config_init(cfg);
	e = rc_config_parse(cfg, yaml, strlen(yaml), PATH, cat, &err);
	rc_err_format(&err, msg, n);
	assert_int_equal(err.code, e);
	return e;
}

static void test_config__defaults(void **state)
{
	static const char *const empty[] = { "", "# only a comment\n", "---\n",
					     "disable:\nignore:\n" };
	struct rc_config cfg;
	char msg[600];
	size_t i, k;

	(void)state;
	for (i = 0; i < RC_ARRAY_SIZE(empty); i++) {
		if (parse(&cfg, NULL, empty[i], msg, sizeof(msg)))
			fail_msg("%zu: %s", i, msg);
		assert_int_equal(cfg.version, 1);
		assert_string_equal(cfg.profile, "auto");
		assert_int_equal(cfg.fail_under, -1);
		for (k = 0; k < RC_CAT_COUNT; k++)
			assert_int_equal(cfg.weights[k], -1);
		assert_null(cfg.disable);
		assert_int_equal(cfg.ndisable, 0);
		assert_null(cfg.ignore);
		assert_int_equal(cfg.nignore, 0);
		assert_int_equal(cfg.max_file_size, 0);
		assert_int_equal(cfg.nwaivers, 0);
		assert_int_equal(cfg.nattest, 0);
		assert_int_equal(cfg.nsecrets_allow, 0);
		assert_string_equal(cfg.path, PATH);
		rc_config_release(&cfg);
	}
}

static void test_config__full(void **state)
{
	static const char yaml[] =
		"version: 1\n"
		"profile: service\n"
		"fail_under: 80\n"
		"weights: { security: 20, docs: 0 }\n"
		"disable: [citation]\n"
		"ignore: [\"vendor/**\", \"testdata/**\"]\n"
		"max_file_size: 8M\n"
		"waivers:\n"
		"  - check: sbom-generation\n"
		"    reason: internal tool, no distribution\n"
		"    owner: platform-team\n"
		"    paths: [\"tools/**\"]\n"
		"    expires: 2027-03-01\n"
		"  - check: license\n"
		"    reason: vendored\n"
		"    fingerprint: abc123\n"
		"attest:\n"
		"  security-audit: { by: sec-team, date: 2026-10-01, evidence: "
		"\"https://example.org/a\", expires: 2027-10-01 }\n"
		"checks:\n"
		"  - id: acme-logger\n"
		"    title: Services log through the acme logger\n"
		"    category: observability\n"
		"    severity: medium\n"
		"    applies: { kinds: [service], ecosystems: [node] }\n"
		"    when: { contains: { glob: \"src/**/*.ts\", regex: "
		"\"@acme/logger\" } }\n"
		"    remediation: Use @acme/logger\n"
		"secrets:\n"
		"  allow: [\"EXAMPLE_[A-Z_]+\"]\n";
	struct rc_catalog *cat = new_catalog();
	const struct rc_check *k;
	struct rc_err err = RC_ERR_INIT;
	struct rc_config cfg;
	char msg[600];

	(void)state;
	if (parse(&cfg, cat, yaml, msg, sizeof(msg)))
		fail_msg("%s", msg);
	assert_int_equal(cfg.version, 1);
	assert_string_equal(cfg.profile, "service");
	assert_int_equal(cfg.fail_under, 80);
	assert_int_equal(cfg.weights[RC_CAT_SECURITY], 20);
	assert_int_equal(cfg.weights[RC_CAT_DOCS], 0);
	assert_int_equal(cfg.weights[RC_CAT_RELEASE], -1);
	assert_int_equal(cfg.ndisable, 1);
	assert_string_equal(cfg.disable[0], "citation");
	assert_null(cfg.disable[1]);
	assert_int_equal(cfg.disable_pos[0].line, 5);
	assert_int_equal(cfg.disable_pos[0].col, 11);
	assert_int_equal(cfg.nignore, 2);
	assert_string_equal(cfg.ignore[0], "vendor/**");
	assert_string_equal(cfg.ignore[1], "testdata/**");
	assert_null(cfg.ignore[2]);
	assert_int_equal(cfg.max_file_size, 8u << 20);

	assert_int_equal(cfg.nwaivers, 2);
	assert_string_equal(cfg.waivers[0].check, "sbom-generation");
	assert_string_equal(cfg.waivers[0].reason,
			    "internal tool, no distribution");
	assert_string_equal(cfg.waivers[0].owner, "platform-team");
	assert_string_equal(cfg.waivers[0].paths[0], "tools/**");
	assert_null(cfg.waivers[0].paths[1]);
	assert_null(cfg.waivers[0].fingerprint);
	assert_string_equal(cfg.waivers[0].expires, "2027-03-01");
	assert_int_equal(cfg.waivers[0].pos.line, 9);
	assert_int_equal(cfg.waivers[0].pos.col, 12);
	assert_null(cfg.waivers[1].owner);
	assert_null(cfg.waivers[1].paths);
	assert_null(cfg.waivers[1].expires);
	assert_string_equal(cfg.waivers[1].fingerprint, "abc123");

	assert_int_equal(cfg.nattest, 1);
	assert_string_equal(cfg.attest[0].check, "security-audit");
	assert_string_equal(cfg.attest[0].by, "sec-team");
	assert_string_equal(cfg.attest[0].date, "2026-10-01");
	assert_string_equal(cfg.attest[0].evidence, "https://example.org/a");
	assert_string_equal(cfg.attest[0].expires, "2027-10-01");
	assert_int_equal(cfg.attest[0].pos.line, 18);
	assert_int_equal(cfg.attest[0].pos.col, 3);

	assert_int_equal(cfg.nsecrets_allow, 1);
	assert_string_equal(cfg.secrets_allow[0], "EXAMPLE_[A-Z_]+");

	/* the custom check joined the catalog, with the config as source */
	k = rc_catalog_find(cat, "acme-logger");
	assert_non_null(k);
	assert_string_equal(k->source, PATH);
	assert_string_equal(k->file, PATH);
	assert_int_equal(k->line, 20);
	assert_int_equal(k->kinds, RC_KIND_SERVICE);
	assert_string_equal(k->ecosystems[0], "node");
	assert_int_equal(cat->n, 5);

	/* apply: citation goes, the rest stays */
	assert_int_equal(rc_config_apply(&cfg, cat, &err), 0);
	assert_int_equal(cat->n, 4);
	assert_null(rc_catalog_find(cat, "citation"));
	assert_non_null(rc_catalog_find(cat, "license"));
	rc_config_release(&cfg);
	/* release leaves an initialised config */
	assert_int_equal(cfg.fail_under, -1);
	assert_null(cfg.path);
	rc_catalog_free(cat);
}

static void test_config__max_file_size(void **state)
{
	static const struct {
		const char *text;
		uint64_t bytes;
	} ok[] = {
		{ "100", 100 },
		{ "'100'", 100 },
		{ "512K", 512u << 10 },
		{ "512k", 512u << 10 },
		{ "8M", 8u << 20 },
		{ "8MB", 8u << 20 },
		{ "8MiB", 8u << 20 },
		{ "1G", 1u << 30 },
		{ "1024G", (uint64_t)1 << 40 },
	};
	static const struct {
		const char *text, *msg;
	} bad[] = {
		{ "0", ".readycheck.yml:1:16: max_file_size must be from 1 "
		       "byte to 1T" },
		{ "-5", ".readycheck.yml:1:16: max_file_size must be from 1 "
			"byte to 1T" },
		{ "1025G", ".readycheck.yml:1:16: max_file_size must be from "
			   "1 byte to 1T" },
		{ "99999999999999999999", ".readycheck.yml:1:16: max_file_size "
					  "must be from 1 byte to 1T" },
		{ "8X",
		  ".readycheck.yml:1:16: bad size '8X' for "
		  "'max_file_size' (expected bytes, or a number with K, M "
		  "or G such as 8M)" },
		{ "M", ".readycheck.yml:1:16: bad size 'M' for 'max_file_size' "
		       "(expected bytes, or a number with K, M or G such as "
		       "8M)" },
		{ "8 M", ".readycheck.yml:1:16: bad size '8 M' for "
			 "'max_file_size' (expected bytes, or a number with K, "
			 "M or G such as 8M)" },
		{ "1.5",
		  ".readycheck.yml:1:16: expected a size for "
		  "'max_file_size' (bytes, or a number with K, M or G)" },
		{ "[1]",
		  ".readycheck.yml:1:16: expected a size for "
		  "'max_file_size' (bytes, or a number with K, M or G)" },
	};
	struct rc_config cfg;
	char yaml[128], msg[600];
	size_t i;

	(void)state;
	for (i = 0; i < RC_ARRAY_SIZE(ok); i++) {
		snprintf(yaml, sizeof(yaml), "max_file_size: %s\n", ok[i].text);
		if (parse(&cfg, NULL, yaml, msg, sizeof(msg)))
			fail_msg("%s: %s", ok[i].text, msg);
		assert_int_equal(cfg.max_file_size, ok[i].bytes);
		rc_config_release(&cfg);
	}
	for (i = 0; i < RC_ARRAY_SIZE(bad); i++) {
		snprintf(yaml, sizeof(yaml), "max_file_size: %s\n",
			 bad[i].text);
		assert_int_equal(parse(&cfg, NULL, yaml, msg, sizeof(msg)),
				 RC_EUSAGE);
		rc_config_release(&cfg);
		if (strcmp(msg, bad[i].msg))
			fail_msg("%s: got '%s' want '%s'", bad[i].text, msg,
				 bad[i].msg);
	}
}

struct err_case {
	const char *yaml;
	int code;
	const char *msg;
};

static void test_config__errors(void **state)
{
	static const struct err_case cases[] = {
		{ "version: 1\nwieghts: { security: 20 }\n", RC_EUSAGE,
		  ".readycheck.yml:2:1: unknown key 'wieghts' (did you mean "
		  "'weights'?)" },
		/* the key, not its value on the next line */
		{ "version: 1\nwieghts:\n  # security first\n  security: 20\n",
		  RC_EUSAGE,
		  ".readycheck.yml:2:1: unknown key 'wieghts' (did you mean "
		  "'weights'?)" },
		{ "\"wieghts\" : { security: 20 }\n", RC_EUSAGE,
		  ".readycheck.yml:1:1: unknown key 'wieghts' (did you mean "
		  "'weights'?)" },
		{ "{ profile: cli, wieghts: {} }\n", RC_EUSAGE,
		  ".readycheck.yml:1:17: unknown key 'wieghts' (did you mean "
		  "'weights'?)" },
		{ "failunder: 80\n", RC_EUSAGE,
		  ".readycheck.yml:1:1: unknown key 'failunder' (did you mean "
		  "'fail_under'?)" },
		{ "  profile: cli\n  colour: red\n", RC_EUSAGE,
		  ".readycheck.yml:2:3: unknown key 'colour'" },
		{ "waiver:\n  - check: x\n", RC_EUSAGE,
		  ".readycheck.yml:1:1: unknown key 'waiver' (did you mean "
		  "'waivers'?)" },
		{ "profile: cli\nprofile: app\n", RC_EUSAGE,
		  ".readycheck.yml:2:1: duplicate key 'profile'" },
		{ "- a\n", RC_EUSAGE,
		  ".readycheck.yml:1:1: expected the configuration (a "
		  "mapping)" },
		{ "version: 2\n", RC_EUSAGE,
		  ".readycheck.yml:1:10: unsupported config version 2 (this "
		  "readycheck reads version 1)" },
		{ "version: '1'\n", RC_EUSAGE,
		  ".readycheck.yml:1:10: expected an integer for 'version'" },
		{ "profile: servce\n", RC_EUSAGE,
		  ".readycheck.yml:1:10: unknown profile 'servce' (did you "
		  "mean 'service'?)" },
		{ "profile: daemon\n", RC_EUSAGE,
		  ".readycheck.yml:1:10: unknown profile 'daemon' (expected "
		  "one of auto, service, library, cli, app, worker)" },
		{ "fail_under: 101\n", RC_EUSAGE,
		  ".readycheck.yml:1:13: expected an integer from 0 to 100 for "
		  "'fail_under'" },
		{ "fail_under: 80.5\n", RC_EUSAGE,
		  ".readycheck.yml:1:13: expected an integer from 0 to 100 for "
		  "'fail_under'" },
		{ "fail_under: '80'\n", RC_EUSAGE,
		  ".readycheck.yml:1:13: expected an integer from 0 to 100 for "
		  "'fail_under'" },
		{ "weights:\n  secruity: 20\n", RC_EUSAGE,
		  ".readycheck.yml:2:3: unknown category 'secruity' in "
		  "'weights' (did you mean 'security'?)" },
		{ "weights: { security: 200 }\n", RC_EUSAGE,
		  ".readycheck.yml:1:22: expected an integer from 0 to 100 for "
		  "'security'" },
		{ "weights: { docs: 1, docs: 2 }\n", RC_EUSAGE,
		  ".readycheck.yml:1:21: duplicate key 'docs'" },
		{ "weights: [1]\n", RC_EUSAGE,
		  ".readycheck.yml:1:10: expected a mapping of category to "
		  "weight for 'weights'" },
		{ "disable: citation\n", RC_EUSAGE,
		  ".readycheck.yml:1:10: expected a list of check ids for "
		  "'disable'" },
		{ "disable: [citation, 3]\n", RC_EUSAGE,
		  ".readycheck.yml:1:21: expected a list of check ids for "
		  "'disable'" },
		{ "ignore: [\"\"]\n", RC_EUSAGE,
		  ".readycheck.yml:1:10: empty entry in 'ignore'" },
		{ "ignore: { a: b }\n", RC_EUSAGE,
		  ".readycheck.yml:1:9: expected a list of ignore patterns for "
		  "'ignore'" },
		{ "waivers:\n  - check: license\n", RC_EUSAGE,
		  ".readycheck.yml:2:5: missing key 'reason' in waiver for "
		  "'license' (say why it is accepted)" },
		{ "waivers:\n  - reason: x\n", RC_EUSAGE,
		  ".readycheck.yml:2:5: missing key 'check' in waiver" },
		{ "waivers:\n  - { check: license, reason: x, expire: "
		  "2027-01-01 }\n",
		  RC_EUSAGE,
		  ".readycheck.yml:2:34: unknown key 'expire' (did you mean "
		  "'expires'?)" },
		{ "waivers:\n  - { check: license, reason: x, expires: "
		  "2027-02-29 }\n",
		  RC_EUSAGE,
		  ".readycheck.yml:2:43: bad date '2027-02-29' for 'expires' "
		  "(expected YYYY-MM-DD)" },
		{ "waivers:\n  - { check: license, reason: x, expires: "
		  "next year }\n",
		  RC_EUSAGE,
		  ".readycheck.yml:2:43: bad date 'next year' for 'expires' "
		  "(expected YYYY-MM-DD)" },
		{ "waivers:\n  - { check: license, reason: x, paths: [a], "
		  "fingerprint: f }\n",
		  RC_EUSAGE,
		  ".readycheck.yml:2:46: a waiver has 'paths' or "
		  "'fingerprint', not both" },
		{ "waivers: { check: license }\n", RC_EUSAGE,
		  ".readycheck.yml:1:10: expected a list of waivers" },
		{ "attest: [security-audit]\n", RC_EUSAGE,
		  ".readycheck.yml:1:9: expected a mapping of check id to "
		  "attestation for 'attest'" },
		{ "attest:\n  security-audit: { date: 2026-01-01 }\n",
		  RC_EUSAGE,
		  ".readycheck.yml:2:19: missing key 'by' in attestation of "
		  "'security-audit' (who attests it)" },
		{ "attest:\n  security-audit: { by: me }\n", RC_EUSAGE,
		  ".readycheck.yml:2:19: missing key 'date' in attestation of "
		  "'security-audit'" },
		{ "attest:\n  security-audit: { by: me, date: 2026-13-01 }\n",
		  RC_EUSAGE,
		  ".readycheck.yml:2:35: bad date '2026-13-01' for 'date' "
		  "(expected YYYY-MM-DD)" },
		{ "attest:\n  security-audit: { by: me, date: 2026-01-01, "
		  "link: x }\n",
		  RC_EUSAGE, ".readycheck.yml:2:47: unknown key 'link'" },
		{ "secrets: { allow: ['a('] }\n", RC_EUSAGE,
		  ".readycheck.yml:1:20: bad regex 'a(': missing closing "
		  "parenthesis at offset 2" },
		{ "secrets: { alow: [] }\n", RC_EUSAGE,
		  ".readycheck.yml:1:12: unknown key 'alow' (did you mean "
		  "'allow'?)" },
		/* custom checks report positions in the config */
		{ "version: 1\nchecks:\n  - id: mine\n    title: Mine\n"
		  "    category: docs\n    sevrity: low\n",
		  RC_EUSAGE,
		  ".readycheck.yml:6:5: unknown key 'sevrity' (did you mean "
		  "'severity'?)" },
		{ "checks:\n  - { id: license, title: L, category: docs, "
		  "severity: low, when: { exists: x } }\n",
		  RC_EUSAGE,
		  ".readycheck.yml:2:11: duplicate check id 'license' (first "
		  "defined at rules.yml:2)" },
		/* a later error drops the custom checks again */
		{ "checks:\n  - { id: mine, title: M, category: docs, "
		  "severity: low, when: { exists: x } }\nprofile: nope\n",
		  RC_EUSAGE,
		  ".readycheck.yml:3:10: unknown profile 'nope' (expected one "
		  "of auto, service, library, cli, app, worker)" },
		{ "checks: { id: x }\n", RC_EUSAGE,
		  ".readycheck.yml:1:9: expected a list of checks" },
		/* syntax errors come from the YAML reader */
		{ "weights: { security: 20\n", RC_EPARSE, NULL },
	};
	size_t i, bad = 0;

	(void)state;
	for (i = 0; i < RC_ARRAY_SIZE(cases); i++) {
		struct rc_catalog *cat = new_catalog();
		struct rc_config cfg;
		char msg[600];
		int e;

		e = parse(&cfg, cat, cases[i].yaml, msg, sizeof(msg));
		rc_config_release(&cfg);
		assert_int_equal(cat->n, 4); /* nothing added on error */
		rc_catalog_free(cat);
		if (e != cases[i].code ||
		    (cases[i].msg && strcmp(msg, cases[i].msg)) ||
		    (!cases[i].msg && strncmp(msg, PATH ":", strlen(PATH)))) {
			print_message("case %zu: got %d '%s'\nwant %d '%s'\n",
				      i, e, msg, cases[i].code,
				      cases[i].msg ? cases[i].msg : "");
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void test_config__apply_errors(void **state)
{
	static const struct err_case cases[] = {
		{ "disable: [citation, licence]\n", RC_EUSAGE,
		  ".readycheck.yml:1:21: unknown check 'licence' in 'disable' "
		  "(did you mean 'license'?)" },
		{ "disable:\n  - nothing-like-it\n", RC_EUSAGE,
		  ".readycheck.yml:2:5: unknown check 'nothing-like-it' in "
		  "'disable'" },
		{ "waivers:\n  - check: sbom-generaton\n    reason: x\n",
		  RC_EUSAGE,
		  ".readycheck.yml:2:12: unknown check 'sbom-generaton' in "
		  "'waivers' (did you mean 'sbom-generation'?)" },
		{ "attest:\n  security-audt: { by: me, date: 2026-01-01 }\n",
		  RC_EUSAGE,
		  ".readycheck.yml:2:3: unknown check 'security-audt' in "
		  "'attest' (did you mean 'security-audit'?)" },
		{ "attest:\n  license: { by: me, date: 2026-01-01 }\n",
		  RC_EUSAGE,
		  ".readycheck.yml:2:3: cannot attest 'license': it is decided "
		  "from the repository (only manual checks take "
		  "attestations)" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < RC_ARRAY_SIZE(cases); i++) {
		struct rc_catalog *cat = new_catalog();
		struct rc_err err = RC_ERR_INIT;
		struct rc_config cfg;
		char msg[600];
		int e;

		if (parse(&cfg, cat, cases[i].yaml, msg, sizeof(msg)))
			fail_msg("case %zu: %s", i, msg);
		e = rc_config_apply(&cfg, cat, &err);
		rc_err_format(&err, msg, sizeof(msg));
		rc_config_release(&cfg);
		/* nothing disabled when the config is wrong */
		assert_int_equal(cat->n, 4);
		rc_catalog_free(cat);
		assert_int_equal(e, cases[i].code);
		if (strcmp(msg, cases[i].msg))
			fail_msg("case %zu: got '%s' want '%s'", i, msg,
				 cases[i].msg);
	}
}

static void test_config__limits(void **state)
{
	static const char *const keys[] = { "disable", "ignore" };
	struct rc_buf y = RC_BUF_INIT;
	struct rc_config cfg;
	char msg[600], want[128];
	size_t k;
	int i;

	(void)state;
	for (k = 0; k < RC_ARRAY_SIZE(keys); k++) {
		rc_buf_reset(&y);
		rc_buf_addf(&y, "%s:\n", keys[k]);
		for (i = 0; i <= RC_CONFIG_MAX_ENTRIES; i++)
			rc_buf_addf(&y, "  - x%d\n", i);
		assert_int_equal(parse(&cfg, NULL, y.ptr, msg, sizeof(msg)),
				 RC_EUSAGE);
		rc_config_release(&cfg);
		snprintf(want, sizeof(want),
			 PATH ":2:3: too many entries in '%s' (more than "
			      "10000)",
			 keys[k]);
		assert_string_equal(msg, want);
	}
	rc_buf_reset(&y);
	rc_buf_adds(&y, "attest:\n");
	for (i = 0; i <= RC_CONFIG_MAX_ENTRIES; i++)
		rc_buf_addf(&y, "  a%d: { by: me, date: 2026-01-01 }\n", i);
	assert_int_equal(parse(&cfg, NULL, y.ptr, msg, sizeof(msg)), RC_EUSAGE);
	rc_config_release(&cfg);
	assert_string_equal(msg, PATH ":2:3: too many entries in 'attest' "
				      "(more than 10000)");
	rc_buf_release(&y);
}

/* Without a catalog, custom checks are skipped, the rest is read. */
static void test_config__no_catalog(void **state)
{
	static const char yaml[] = "checks:\n  - id: x\n    nonsense: 1\n"
				   "fail_under: 50\n";
	struct rc_config cfg;
	char msg[600];

	(void)state;
	assert_int_equal(parse(&cfg, NULL, yaml, msg, sizeof(msg)), 0);
	assert_int_equal(cfg.fail_under, 50);
	rc_config_release(&cfg);
}

static void test_config__leap_days(void **state)
{
	static const struct {
		const char *date;
		bool ok;
	} cases[] = {
		{ "2024-02-29", true },	 { "2000-02-29", true },
		{ "1900-02-29", false }, { "2023-02-29", false },
		{ "2026-04-31", false }, { "2026-12-31", true },
		{ "2026-00-10", false }, { "2026-01-00", false },
		{ "2026-1-01", false },	 { "20260101", false },
	};
	struct rc_config cfg;
	char yaml[200], msg[600];
	size_t i;

	(void)state;
	for (i = 0; i < RC_ARRAY_SIZE(cases); i++) {
		int e;

		snprintf(yaml, sizeof(yaml),
			 "attest: { a: { by: me, date: '%s' } }\n",
			 cases[i].date);
		e = parse(&cfg, NULL, yaml, msg, sizeof(msg));
		rc_config_release(&cfg);
		if ((e == 0) != cases[i].ok)
			fail_msg("%s: %d %s", cases[i].date, e, msg);
	}
}

static void test_config__alloc_failures(void **state)
{
	static const char yaml[] =
		"profile: cli\n"
		"weights: { docs: 3 }\n"
		"disable: [citation]\n"
		"ignore: [a]\n"
		"waivers: [ { check: license, reason: r, paths: [x] } ]\n"
		"attest: { security-audit: { by: b, date: 2026-01-01 } }\n"
		"secrets: { allow: [x] }\n"
		"checks:\n"
		"  - { id: z, title: Z, category: docs, severity: low, when: "
		"{ fact: { name: v, op: matches, value: a } } }\n";
	struct rc_catalog *cat;
	struct rc_config cfg;
	struct rc_err err;
	long n;
	int e = RC_ENOMEM;

	(void)state;
	for (n = 0; e == RC_ENOMEM && n < 20000; n++) {
		cat = new_catalog();
		rc_config_init(&cfg);
		rc_err_clear(&err);
		rc_alloc_fail_after(n);
		e = rc_config_parse(&cfg, yaml, strlen(yaml), PATH, cat, &err);
		if (!e)
			e = rc_config_apply(&cfg, cat, &err);
		rc_alloc_fail_after(-1);
		rc_config_release(&cfg);
		rc_catalog_free(cat);
		if (e && e != RC_ENOMEM)
			fail_msg("n=%ld: %d %s", n, e, err.msg);
	}
	assert_int_equal(e, 0);
	assert_true(n > 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config__defaults),
		cmocka_unit_test(test_config__full),
		cmocka_unit_test(test_config__max_file_size),
		cmocka_unit_test(test_config__errors),
		cmocka_unit_test(test_config__apply_errors),
		cmocka_unit_test(test_config__limits),
		cmocka_unit_test(test_config__no_catalog),
		cmocka_unit_test(test_config__leap_days),
		cmocka_unit_test(test_config__alloc_failures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
