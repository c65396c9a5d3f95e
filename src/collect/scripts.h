/*
 * scripts.h - what CI really runs: Makefile recipes and shell scripts.
 *
 * FRAMEWORK.md: CI checks look at what CI runs, including the Makefile
 * targets and scripts CI calls. rc_collect_makefile() records rules and
 * recipes, rc_collect_script() the command lines of shell scripts, and
 * rc_collect_ci_expand() follows every `ci.run` command into them: `make
 * check` in a workflow adds the recipe lines of `check` (and of its
 * prerequisites and nested make calls) as `ci.run` facts noted
 * "via make check"; `scripts/lint.sh` adds that script's lines.
 *
 * Facts: make.rule (target, at its rule line), make.recipe (command; note =
 * target), make.prereq (prerequisite; note = target), script.line (command).
 */
#ifndef RC_COLLECT_SCRIPTS_H
#define RC_COLLECT_SCRIPTS_H

#include "../core/common.h"
#include "../core/diag.h"
#include "../facts/facts.h"

bool rc_collect_is_makefile(const char *path);
/* Shell scripts: .sh and .bash files, or a shebang naming a shell; with
 * buf NULL, whether the path may be one (extension-less in .ci/, bin/...). */
bool rc_collect_is_script(const char *path, const char *buf, size_t len);

int rc_collect_makefile(struct rc_facts *f, struct rc_diags *d,
			const char *path, const char *buf, size_t len);
int rc_collect_script(struct rc_facts *f, struct rc_diags *d, const char *path,
		      const char *buf, size_t len);

/* After all files: follow ci.run into make targets and scripts. 0 or
 * RC_ENOMEM. */
int rc_collect_ci_expand(struct rc_facts *f);

#endif
