/*
 * dockerfile_fuzzer.c - libFuzzer target for the Dockerfile reader.
 *
 * Parses the input and checks the model's invariants (known upper-case
 * keywords, increasing lines, words and flags present); then runs the
 * Dockerfile collector on it, which must only ever fail for memory and
 * must report a parse error as one diagnostic with a position.
 */
#include "core/common.h"
#include "core/diag.h"
#include "core/err.h"
#include "collect/docker.h"
#include "facts/facts.h"
#include "parse/dockerfile.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_model(const struct rc_dockerfile *df)
{
	unsigned last = 0;
	size_t i, k;

	if (df->escape != '\\' && df->escape != '`')
		abort();
	for (i = 0; i < df->n; i++) {
		const struct rc_dockerfile_instr *in = &df->instrs[i];

		if (!in->cmd || !in->args || !in->args[0] || in->line <= last ||
		    in->end_line < in->line || !in->col)
			abort();
		for (k = 0; in->cmd[k]; k++)
			if (in->cmd[k] < 'A' || in->cmd[k] > 'Z')
				abort();
		for (k = 0; k < in->nwords; k++)
			if (!in->words[k])
				abort();
		for (k = 0; k < in->nflags; k++)
			if (!in->flags[k].name)
				abort();
		last = in->end_line;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rc_err err = RC_ERR_INIT;
	struct rc_dockerfile *df = NULL;
	struct rc_diags d = RC_DIAGS_INIT;
	struct rc_facts *f = NULL;
	int e;

	e = rc_dockerfile_parse(&df, (const char *)data, size, "Dockerfile",
				&err);
	if (e) {
		if (e != RC_EPARSE || df || !err.msg[0] || !err.line ||
		    !err.col || strcmp(err.path, "Dockerfile"))
			abort();
	} else {
		check_model(df);
		rc_dockerfile_free(df);
	}

	if (rc_facts_new(&f))
		abort();
	if (rc_collect_dockerfile(f, &d, "Dockerfile", (const char *)data,
				  size))
		abort();
	if (d.list.n != (e ? 1u : 0u) || !rc_facts_get(f, "docker.file"))
		abort();
	rc_facts_free(f);
	rc_diags_release(&d);
	return 0;
}
