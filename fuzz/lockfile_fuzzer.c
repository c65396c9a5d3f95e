/*
 * lockfile_fuzzer.c - the lockfile collectors on arbitrary bytes.
 *
 * The input is collected as each lockfile format in turn (the file name
 * picks the reader), all into one fact store. Nothing may crash, hang,
 * leak or read out of bounds; diagnostics are expected. Every run must
 * also keep the collector's promises: one `lockfile` and one
 * `locked.count` fact per file, and a count that matches the facts added.
 */
#include "core/common.h"
#include "core/diag.h"
#include "collect/lockfile.h"
#include "facts/facts.h"

#include <stdlib.h>

static const char *const names[] = {
	"Cargo.lock",	   "package-lock.json", "sub/npm-shrinkwrap.json",
	"yarn.lock",	   "pnpm-lock.yaml",	"poetry.lock",
	"uv.lock",	   "Pipfile.lock",	"go.sum",
	"Gemfile.lock",	   "composer.lock",	"packages.lock.json",
	"gradle.lockfile",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	size_t i;

	for (i = 0; i < RC_ARRAY_SIZE(names); i++) {
		struct rc_facts *f;
		struct rc_diags d = RC_DIAGS_INIT;
		const struct rc_fact *count;
		size_t n, locked = 0;

		if (rc_facts_new(&f))
			return 0;
		if (!rc_collect_lockfile(f, &d, names[i], buf, size)) {
			n = rc_facts_count(f);
			count = rc_facts_at(f, n - 1);
			if (n < 2 || strcmp(count->name, "locked.count") ||
			    strcmp(rc_facts_at(f, 0)->name, "lockfile"))
				abort();
			locked = n - 2;
			if (count->num != (double)locked ||
			    locked > RC_LOCKFILE_MAX_PACKAGES)
				abort();
		}
		rc_diags_release(&d);
		rc_facts_free(f);
	}
	return 0;
}
