/*
 * docker.h - Dockerfile collector: base images, stages, user, healthcheck.
 *
 * Facts (docs/internals/facts.md, "Containers"): docker.file, docker.from,
 * docker.from.unpinned, docker.stages, docker.user, docker.user.root,
 * docker.healthcheck, docker.expose. A Dockerfile that does not parse gives
 * docker.file and an RC_DIAG_ERROR diagnostic with line and column.
 */
#ifndef RC_COLLECT_DOCKER_H
#define RC_COLLECT_DOCKER_H

#include "../core/common.h"
#include "../core/diag.h"
#include "../facts/facts.h"

/* True for the names of Dockerfiles: Dockerfile, Containerfile,
 * Dockerfile.<x>, <x>.Dockerfile, <x>.dockerfile (any directory). */
bool rc_collect_is_dockerfile(const char *path);

/* Collect the facts of one Dockerfile. 0 or RC_ENOMEM. */
int rc_collect_dockerfile(struct rc_facts *f, struct rc_diags *d,
			  const char *path, const char *buf, size_t len);

#endif
