/*
 * ci.h - CI configuration collector: GitHub Actions, GitLab CI, CircleCI,
 * Azure Pipelines, Buildkite, Travis CI and Jenkins.
 *
 * Facts (docs/internals/facts.md, "CI"): ci.system, ci.workflow, ci.job,
 * ci.uses, ci.run, ci.trigger, ci.permissions, ci.permission, ci.image,
 * ci.include, each with the line it comes from. YAML that does not parse
 * gives ci.system, ci.workflow and an RC_DIAG_ERROR diagnostic with line and
 * column; the scan goes on.
 *
 * Stateless; safe to call from several threads on different fact stores.
 */
#ifndef RC_COLLECT_CI_H
#define RC_COLLECT_CI_H

#include "../core/common.h"
#include "../core/diag.h"
#include "../facts/facts.h"

/*
 * The CI system a path (relative to the root, '/'-separated) configures, or
 * NULL: "github" for .github/workflows/<x>.yml|yaml, "gitlab" for
 * .gitlab-ci.yml, "circleci" for .circleci/config.yml|yaml, "azure" for
 * azure-pipelines.yml|yaml and .azure-pipelines/<x>.yml|yaml, "buildkite"
 * for .buildkite/<x>.yml|yaml, "travis" for .travis.yml (all at the root)
 * and "jenkins" for a Jenkinsfile in any directory.
 */
const char *rc_collect_ci_system(const char *path);

/*
 * Collect the facts of one CI file, buf[0..len) (not necessarily
 * NUL-terminated). A path rc_collect_ci_system() does not know adds
 * nothing. 0 or RC_ENOMEM.
 */
int rc_collect_ci_file(struct rc_facts *f, struct rc_diags *d, const char *path,
		       const char *buf, size_t len);

#endif
