/*
 * config_fuzzer.c - libFuzzer target for .readycheck.yml.
 *
 * Parses the input as a config with a small catalog, so that custom checks
 * go through the whole check loader; applies it; then evaluates every check
 * of the catalog against a fixed fact store, so that whatever predicates
 * the input manages to define are exercised too. Every error must carry a
 * message and a position-bearing path; a success must leave the catalog
 * consistent (pattern ids in range).
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "facts/facts.h"
#include "rules/catalog.h"
#include "rules/config.h"
#include "rules/eval.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char base[] =
	"checks:\n"
	"  - { id: license, title: L, category: release, severity: critical, "
	"when: { exists: LICENSE } }\n"
	"  - { id: citation, title: C, category: docs, severity: low, "
	"when: { contains: { glob: README.md, regex: '^cite' } } }\n"
	"  - { id: audit, title: A, category: security, severity: high, "
	"manual: true }\n";

static struct rc_facts *facts(void)
{
	static struct rc_facts *f;

	if (f)
		return f;
	if (rc_facts_new(&f))
		abort();
	if (rc_facts_add_file(f, "README.md", 10, 0, 1) ||
	    rc_facts_add_file(f, "src/main.rs", 10, 0, 1) ||
	    rc_facts_add_file(f, ".env", 10, 0, 1) ||
	    rc_facts_add_file(f, "Dockerfile", 0, RC_FILE_SYMLINK, 0) ||
	    rc_facts_add_str(f, "dependency.rust", "actix-web", "Cargo.toml",
			     4) ||
	    rc_facts_add_str(f, "ci.trigger", "push", "ci.yml", 2) ||
	    rc_facts_add_num(f, "docker.stages", 2, "Dockerfile", 1) ||
	    rc_facts_add_bool(f, "git.repository", true, NULL, 0) ||
	    rc_facts_add_hit(f, 0, "README.md", 1, "cite me", 7) ||
	    rc_facts_add_hit(f, 1, "src/main.rs", 3, "x", 1))
		abort();
	rc_facts_sort_files(f);
	return f;
}

static void evaluate(const struct rc_catalog *cat)
{
	const char *ecos[] = { "rust", NULL };
	struct rc_project p = { RC_KIND_SERVICE, ecos, NULL };
	struct rc_arena arena = RC_ARENA_INIT;
	struct rc_outcome out;
	size_t i, j;

	for (i = 0; i < cat->n; i++) {
		if (rc_check_eval(cat->checks[i], &p, facts(), &arena, &out))
			abort();
		if (out.nev > RC_EVAL_MAX_EVIDENCE)
			abort();
		for (j = 0; j < out.nev; j++)
			if (!out.ev[j].text)
				abort();
	}
	rc_arena_release(&arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rc_err err = RC_ERR_INIT;
	struct rc_catalog *cat = NULL;
	struct rc_config cfg;
	size_t i, n0;
	int e;

	if (rc_catalog_new(&cat) ||
	    rc_catalog_add_yaml(cat, base, sizeof(base) - 1, "base.yml", &err))
		abort();
	n0 = cat->n;
	rc_config_init(&cfg);
	e = rc_config_parse(&cfg, (const char *)data, size, "fuzz.yml", cat,
			    &err);
	if (e) {
		if ((e != RC_EPARSE && e != RC_EUSAGE) || !err.msg[0] ||
		    strcmp(err.path, "fuzz.yml") || cat->n != n0)
			abort();
	} else {
		for (i = 0; i < cat->n; i++) {
			const struct rc_check *c = cat->checks[i];

			if (!c->id || !c->title || (!c->manual && !c->when))
				abort();
		}
		e = rc_config_apply(&cfg, cat, &err);
		if (e && (e != RC_EUSAGE || !err.msg[0]))
			abort();
		evaluate(cat);
	}
	rc_config_release(&cfg);
	rc_catalog_free(cat);
	return 0;
}
