/*
 * platform.h - deployment descriptors found by content.
 *
 * A YAML file is a Kubernetes resource (or a list of them) when one of its
 * documents has top-level `apiVersion:` and `kind:` keys: each such
 * document gives a `k8s.kind` fact (value: the kind, e.g. "Deployment";
 * provenance: the line of `kind:`). This is a line check, not a YAML
 * parse, so Helm templates ({{ ... }}) are recognised too. The platform
 * facts themselves are decided in rc_collect_project().
 */
#ifndef RC_COLLECT_PLATFORM_H
#define RC_COLLECT_PLATFORM_H

#include "../core/common.h"
#include "../core/diag.h"
#include "../facts/facts.h"

/* 0 or RC_ENOMEM; workload parsing (k8s.h) may add diagnostics to d. */
int rc_collect_k8s(struct rc_facts *f, struct rc_diags *d, const char *path,
		   const char *buf, size_t len);

/*
 * systemd units (`*.service`): a unit with a [Service] section and an
 * ExecStart= line gives `systemd.unit` (value: the command of the first
 * ExecStart, at most 200 bytes; provenance: its line). A program run by a
 * unit runs until stopped: rc_collect_project() makes it a `worker`.
 */
bool rc_collect_is_systemd_unit(const char *path);
int rc_collect_systemd_unit(struct rc_facts *f, struct rc_diags *d,
			    const char *path, const char *buf, size_t len);

#endif
