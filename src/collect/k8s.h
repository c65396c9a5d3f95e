/*
 * k8s.h - Kubernetes workloads and Helm charts.
 *
 * rc_collect_k8s() (platform.c) calls rc_collect_k8s_workloads() for every
 * YAML file outside .github/. It does work only for a file that looks like
 * Kubernetes (a line starting with `apiVersion:` and one starting with
 * `kind:`) and for a Helm `Chart.yaml`; any other YAML costs one line scan.
 *
 * The file is parsed as a multi-document stream. Helm templates (a file
 * under a `templates/` directory, or any file containing "{{") are made
 * into YAML first: lines holding only template actions become blank, every
 * other `{{ ... }}` becomes a run of '~' of the same length, so line and
 * column numbers stay those of the template. A template that still does not
 * parse gives an RC_DIAG_NOTE; any other malformed manifest an
 * RC_DIAG_ERROR at its line:col. In a template a value that came from an
 * action is unknown and never reported as missing.
 *
 * Facts (names and values in docs/internals/k8s.md): k8s.workload,
 * k8s.container, k8s.image, k8s.image.unpinned, k8s.probe.missing,
 * k8s.resources.missing, k8s.security.missing, k8s.replicas, k8s.pdb,
 * k8s.hpa and helm.chart.
 */
#ifndef RC_COLLECT_K8S_H
#define RC_COLLECT_K8S_H

#include "../core/common.h"
#include "../core/diag.h"
#include "../facts/facts.h"

/* 0 or RC_ENOMEM; problems with the file are diagnostics in d. */
int rc_collect_k8s_workloads(struct rc_facts *f, struct rc_diags *d,
			     const char *path, const char *buf, size_t len);

#endif
