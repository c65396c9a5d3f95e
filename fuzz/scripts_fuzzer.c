/*
 * scripts_fuzzer.c - the Makefile and shell-script readers and the ci.run
 * expansion through them (src/collect/scripts.c).
 */
#include "core/common.h"
#include "collect/scripts.h"
#include "core/diag.h"
#include "facts/facts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	struct rc_facts *f = NULL;
	struct rc_diags d = RC_DIAGS_INIT;

	if (rc_facts_new(&f))
		return 0;
	rc_facts_add_file(f, "Makefile", size, 0, 0);
	rc_facts_add_file(f, "scripts/x.sh", size, 0, 0);
	rc_facts_sort_files(f);
	rc_collect_makefile(f, &d, "Makefile", buf, size);
	rc_collect_script(f, &d, "scripts/x.sh", buf, size);
	/* the input is also a CI command line */
	rc_facts_add_note(f, "ci.run", "make", "ci.yml", 1, NULL);
	rc_facts_add_note(f, "ci.run", "make check lint && ./scripts/x.sh",
			  "ci.yml", 2, NULL);
	if (size < 4096) {
		char cmd[4096];

		memcpy(cmd, buf, size);
		cmd[size] = '\0';
		rc_facts_add_note(f, "ci.run", cmd, "ci.yml", 3, NULL);
	}
	rc_collect_ci_expand(f);
	rc_facts_free(f);
	rc_diags_release(&d);
	return 0;
}
