/*
 * ci_fuzzer.c - libFuzzer target for the CI collector.
 *
 * Collects the input as a GitHub workflow, a GitLab pipeline, a CircleCI
 * config and a Jenkinsfile. The collector must only ever fail for memory,
 * must always record the CI system and workflow, and every diagnostic must
 * carry a message and the file's path.
 */
#include "core/common.h"
#include "core/diag.h"
#include "collect/ci.h"
#include "facts/facts.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const paths[] = {
	".github/workflows/ci.yml",
	".gitlab-ci.yml",
	".circleci/config.yml",
	"Jenkinsfile",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t i, k;

	for (i = 0; i < RC_ARRAY_SIZE(paths); i++) {
		struct rc_diags d = RC_DIAGS_INIT;
		struct rc_facts *f = NULL;

		if (rc_facts_new(&f))
			abort();
		if (rc_collect_ci_file(f, &d, paths[i], (const char *)data,
				       size))
			abort();
		if (!rc_facts_get(f, "ci.system") ||
		    !rc_facts_find(f, "ci.workflow", paths[i]))
			abort();
		for (k = 0; k < rc_facts_count(f); k++) {
			const struct rc_fact *x = rc_facts_at(f, k);
			if (strcmp(x->path, paths[i]) || !x->str)
				abort();
		}
		for (k = 0; k < d.list.n; k++)
			if (!d.list.v[k].msg[0] ||
			    strcmp(d.list.v[k].path, paths[i]))
				abort();
		rc_facts_free(f);
		rc_diags_release(&d);
	}
	return 0;
}
