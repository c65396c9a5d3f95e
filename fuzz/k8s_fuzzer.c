/*
 * k8s_fuzzer.c - libFuzzer target for the Kubernetes and Helm collector.
 *
 * Collects the input as a plain manifest, a Helm template and a Chart.yaml
 * through rc_collect_k8s() (which calls rc_collect_k8s_workloads()). The
 * collector must never fail (memory aside, which does not run out here),
 * and every fact and diagnostic must carry the file's path.
 */
#include "core/common.h"
#include "core/diag.h"
#include "collect/k8s.h"
#include "collect/platform.h"
#include "facts/facts.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const paths[] = {
	"deploy/app.yaml",
	"charts/web/templates/deployment.yaml",
	"charts/web/Chart.yaml",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t i, k;

	for (i = 0; i < RC_ARRAY_SIZE(paths); i++) {
		struct rc_diags d = RC_DIAGS_INIT;
		struct rc_facts *f = NULL;

		if (rc_facts_new(&f))
			abort();
		if (rc_collect_k8s(f, &d, paths[i], (const char *)data, size))
			abort();
		for (k = 0; k < rc_facts_count(f); k++) {
			const struct rc_fact *x = rc_facts_at(f, k);

			if (strcmp(x->path, paths[i]) || !x->str)
				abort();
			if (x->type == RC_FACT_STR && !x->str[0])
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
