/*
 * test_collect_k8s.c - Kubernetes workloads and Helm charts
 * (collect/k8s.c, called from rc_collect_k8s() in collect/platform.c).
 *
 * Each case collects one file and compares every fact, in order, with an
 * expected listing "name value @line (note)".
 */
#include "core/common.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/diag.h"
#include "collect/k8s.h"
#include "collect/platform.h"
#include "facts/facts.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <cmocka.h>

/* One line per fact: "name value @line (note)". */
static void dump(const struct rc_facts *f, const char *path, struct rc_buf *out)
{
	size_t i;

	for (i = 0; i < rc_facts_count(f); i++) {
		const struct rc_fact *x = rc_facts_at(f, i);

		assert_string_equal(x->path, path);
		if (x->type == RC_FACT_NUM)
			rc_buf_addf(out, "%s %g", x->name, x->num);
		else
			rc_buf_addf(out, "%s %s", x->name, x->str);
		rc_buf_addf(out, " @%u", x->line);
		if (x->note)
			rc_buf_addf(out, " (%s)", x->note);
		rc_buf_addc(out, '\n');
	}
	assert_int_equal(rc_buf_err(out), 0);
}

/*
 * Collect text as path (through rc_collect_k8s() when whole) and compare
 * the facts with want and the diagnostics with want_diag ("" for none:
 * "LEVEL line:col: msg\n" each).
 */
static void check_(bool whole, const char *path, const char *text,
		   const char *want, const char *want_diag, const char *file,
		   int line)
{
	struct rc_diags d = RC_DIAGS_INIT;
	struct rc_facts *f = NULL;
	struct rc_buf got = RC_BUF_INIT, gd = RC_BUF_INIT;
	size_t i;
	int e;

	assert_int_equal(rc_facts_new(&f), 0);
	if (whole)
		e = rc_collect_k8s(f, &d, path, text, strlen(text));
	else
		e = rc_collect_k8s_workloads(f, &d, path, text, strlen(text));
	assert_int_equal(e, 0);
	dump(f, path, &got);
	for (i = 0; i < d.list.n; i++) {
		assert_string_equal(d.list.v[i].path, path);
		rc_buf_addf(&gd, "%s %u:%u: %s\n",
			    rc_diag_level_name(d.list.v[i].level),
			    d.list.v[i].line, d.list.v[i].col, d.list.v[i].msg);
	}
	if (strcmp(got.ptr, want) || strcmp(gd.ptr, want_diag)) {
		print_error("%s:%d: facts differ\n--- got\n%s%s--- want\n%s%s",
			    file, line, got.ptr, gd.ptr, want, want_diag);
		rc_buf_release(&got);
		rc_buf_release(&gd);
		rc_facts_free(f);
		rc_diags_release(&d);
		fail();
	}
	rc_buf_release(&got);
	rc_buf_release(&gd);
	rc_facts_free(f);
	rc_diags_release(&d);
}
#define check(path, text, want) \
	check_(false, path, text, want, "", __FILE__, __LINE__)
#define check_diag(path, text, want, diag) \
	check_(false, path, text, want, diag, __FILE__, __LINE__)
#define check_whole(path, text, want) \
	check_(true, path, text, want, "", __FILE__, __LINE__)

static const char deployment[] =
	"apiVersion: apps/v1\n"
	"kind: Deployment\n"
	"metadata:\n"
	"  name: api\n"
	"spec:\n"
	"  replicas: 3\n"
	"  template:\n"
	"    spec:\n"
	"      securityContext:\n"
	"        runAsNonRoot: true\n"
	"      containers:\n"
	"        - name: app\n"
	"          image: ghcr.io/acme/api:1.4.2\n"
	"          livenessProbe:\n"
	"            httpGet: {path: /healthz, port: 8080}\n"
	"          readinessProbe:\n"
	"            httpGet: {path: /ready, port: 8080}\n"
	"          resources:\n"
	"            requests: {cpu: 100m, memory: 128Mi}\n"
	"            limits: {memory: 256Mi}\n"
	"          securityContext:\n"
	"            readOnlyRootFilesystem: true\n"
	"            allowPrivilegeEscalation: false\n"
	"        - name: sidecar\n"
	"          image: busybox\n"
	"          resources:\n"
	"            limits:\n"
	"              cpu: 1\n"
	"          securityContext:\n"
	"            runAsNonRoot: false\n"
	"            allowPrivilegeEscalation: true\n";

static void test_collect_k8s__deployment(void **state)
{
	(void)state;
	check("deploy/api.yaml", deployment,
	      "k8s.workload Deployment/api @2\n"
	      "k8s.replicas 3 @2\n"
	      "k8s.container Deployment/api/app @12\n"
	      "k8s.image ghcr.io/acme/api:1.4.2 @13\n"
	      "k8s.container Deployment/api/sidecar @24\n"
	      "k8s.image busybox @25\n"
	      "k8s.image.unpinned busybox @25 (no tag)\n"
	      "k8s.probe.missing Deployment/api/sidecar: liveness @24\n"
	      "k8s.probe.missing Deployment/api/sidecar: readiness @24\n"
	      "k8s.resources.missing Deployment/api/sidecar: requests.cpu @24\n"
	      "k8s.resources.missing Deployment/api/sidecar: requests.memory "
	      "@24\n"
	      "k8s.resources.missing Deployment/api/sidecar: limits.memory "
	      "@24\n"
	      "k8s.security.missing Deployment/api/sidecar: runAsNonRoot @24\n"
	      "k8s.security.missing Deployment/api/sidecar: "
	      "readOnlyRootFilesystem @24\n"
	      "k8s.security.missing Deployment/api/sidecar: "
	      "allowPrivilegeEscalation @24\n");
	/* through the dispatcher's collector: k8s.kind first */
	check_whole("deploy/api.yaml", deployment,
		    "k8s.kind Deployment @2\n"
		    "k8s.workload Deployment/api @2\n"
		    "k8s.replicas 3 @2\n"
		    "k8s.container Deployment/api/app @12\n"
		    "k8s.image ghcr.io/acme/api:1.4.2 @13\n"
		    "k8s.container Deployment/api/sidecar @24\n"
		    "k8s.image busybox @25\n"
		    "k8s.image.unpinned busybox @25 (no tag)\n"
		    "k8s.probe.missing Deployment/api/sidecar: liveness @24\n"
		    "k8s.probe.missing Deployment/api/sidecar: readiness @24\n"
		    "k8s.resources.missing Deployment/api/sidecar: "
		    "requests.cpu @24\n"
		    "k8s.resources.missing Deployment/api/sidecar: "
		    "requests.memory @24\n"
		    "k8s.resources.missing Deployment/api/sidecar: "
		    "limits.memory @24\n"
		    "k8s.security.missing Deployment/api/sidecar: "
		    "runAsNonRoot @24\n"
		    "k8s.security.missing Deployment/api/sidecar: "
		    "readOnlyRootFilesystem @24\n"
		    "k8s.security.missing Deployment/api/sidecar: "
		    "allowPrivilegeEscalation @24\n");
}

static void test_collect_k8s__multi_document(void **state)
{
	(void)state;
	check("k8s/all.yml",
	      "# resources\n"
	      "---\n"
	      "apiVersion: v1\n"
	      "kind: Service\n"
	      "metadata: {name: web}\n"
	      "---\n"
	      "apiVersion: apps/v1\n"
	      "kind: StatefulSet\n"
	      "metadata: {name: db}\n"
	      "spec:\n"
	      "  template:\n"
	      "    spec:\n"
	      "      initContainers:\n"
	      "      - name: migrate\n"
	      "        image: \"postgres:latest\"\n"
	      "        resources:\n"
	      "          requests: {cpu: 1, memory: 1Gi}\n"
	      "          limits: {memory: 1Gi}\n"
	      "        securityContext:\n"
	      "          runAsNonRoot: true\n"
	      "          readOnlyRootFilesystem: true\n"
	      "          allowPrivilegeEscalation: false\n"
	      "      containers:\n"
	      "      - name: pg\n"
	      "        image: reg.example.com:5000/pg@sha256:abc\n"
	      "        livenessProbe: {exec: {command: [true]}}\n"
	      "        readinessProbe: {exec: {command: [true]}}\n"
	      "        resources:\n"
	      "          requests: {cpu: 1, memory: 1Gi}\n"
	      "          limits: {memory: 1Gi}\n"
	      "        securityContext:\n"
	      "          runAsNonRoot: true\n"
	      "          readOnlyRootFilesystem: true\n"
	      "          allowPrivilegeEscalation: false\n"
	      "---\n"
	      "apiVersion: policy/v1\n"
	      "kind: PodDisruptionBudget\n"
	      "metadata: {name: db-pdb}\n"
	      "---\n"
	      "apiVersion: autoscaling/v2\n"
	      "kind: HorizontalPodAutoscaler\n"
	      "metadata: {name: web}\n"
	      "spec:\n"
	      "  scaleTargetRef:\n"
	      "    kind: Deployment\n"
	      "    name: web\n"
	      "---\n"
	      "apiVersion: v1\n"
	      "kind: List\n"
	      "items:\n"
	      "- kind: Pod\n"
	      "  metadata: {name: one}\n"
	      "  spec:\n"
	      "    containers:\n"
	      "    - image: reg.example.com:5000/tool\n"
	      "---\n",
	      "k8s.workload StatefulSet/db @8\n"
	      "k8s.replicas 1 @8\n"
	      "k8s.container StatefulSet/db/pg @24\n"
	      "k8s.image reg.example.com:5000/pg@sha256:abc @25\n"
	      "k8s.container StatefulSet/db/migrate @14 (init)\n"
	      "k8s.image postgres:latest @15\n"
	      "k8s.image.unpinned postgres:latest @15 (tag latest)\n"
	      "k8s.pdb db-pdb @37\n"
	      "k8s.hpa Deployment/web @45\n"
	      "k8s.workload Pod/one @51\n"
	      "k8s.container Pod/one/(unnamed) @55\n"
	      "k8s.image reg.example.com:5000/tool @55\n"
	      "k8s.image.unpinned reg.example.com:5000/tool @55 (no tag)\n"
	      "k8s.probe.missing Pod/one/(unnamed): liveness @55\n"
	      "k8s.probe.missing Pod/one/(unnamed): readiness @55\n"
	      "k8s.resources.missing Pod/one/(unnamed): requests.cpu @55\n"
	      "k8s.resources.missing Pod/one/(unnamed): requests.memory @55\n"
	      "k8s.resources.missing Pod/one/(unnamed): limits.memory @55\n"
	      "k8s.security.missing Pod/one/(unnamed): runAsNonRoot @55\n"
	      "k8s.security.missing Pod/one/(unnamed): "
	      "readOnlyRootFilesystem @55\n"
	      "k8s.security.missing Pod/one/(unnamed): "
	      "allowPrivilegeEscalation @55\n");
}

static void test_collect_k8s__cronjob(void **state)
{
	(void)state;
	check("jobs/nightly.yaml",
	      "apiVersion: batch/v1\n"
	      "kind: CronJob\n"
	      "metadata:\n"
	      "  name: nightly\n"
	      "spec:\n"
	      "  schedule: \"0 3 * * *\"\n"
	      "  jobTemplate:\n"
	      "    spec:\n"
	      "      template:\n"
	      "        spec:\n"
	      "          securityContext: {runAsNonRoot: true}\n"
	      "          containers:\n"
	      "          - name: report\n"
	      "            image: acme/report:2.0\n"
	      "            resources:\n"
	      "              requests: {cpu: 50m, memory: 64Mi}\n"
	      "              limits: {memory: 64Mi}\n"
	      "            securityContext:\n"
	      "              readOnlyRootFilesystem: true\n",
	      "k8s.workload CronJob/nightly @2\n"
	      "k8s.container CronJob/nightly/report @13\n"
	      "k8s.image acme/report:2.0 @14\n"
	      "k8s.security.missing CronJob/nightly/report: "
	      "allowPrivilegeEscalation @13\n");
}

static const char helm_template[] =
	"{{- if .Values.enabled }}\n"
	"apiVersion: apps/v1\n"
	"kind: Deployment\n"
	"metadata:\n"
	"  name: {{ include \"web.fullname\" . }}\n"
	"  labels:\n"
	"    {{- include \"web.labels\" . | nindent 4 }}\n"
	"spec:\n"
	"  {{- if not .Values.autoscaling.enabled }}\n"
	"  replicas: {{ .Values.replicaCount }}\n"
	"  {{- end }}\n"
	"  template:\n"
	"    spec:\n"
	"      securityContext:\n"
	"        {{- toYaml .Values.podSecurityContext | nindent 8 }}\n"
	"      containers:\n"
	"        - name: {{ .Chart.Name }}\n"
	"          image: \"{{ .Values.image.repository }}:{{ "
	".Values.image.tag }}\"\n"
	"          livenessProbe:\n"
	"            httpGet: {path: /, port: http}\n"
	"          resources: {{- toYaml .Values.resources | nindent 12 }}\n"
	"          securityContext:\n"
	"            allowPrivilegeEscalation: false\n"
	"{{- end }}\n";

static void test_collect_k8s__helm_template(void **state)
{
	(void)state;
	check("charts/web/templates/deployment.yaml", helm_template,
	      "k8s.workload Deployment/{{ include \"web.fullname\" . }} @3\n"
	      "k8s.container Deployment/{{ include \"web.fullname\" . }}/"
	      "{{ .Chart.Name }} @17\n"
	      "k8s.image {{ .Values.image.repository }}:"
	      "{{ .Values.image.tag }} @18\n"
	      "k8s.probe.missing Deployment/{{ include \"web.fullname\" . }}/"
	      "{{ .Chart.Name }}: readiness @17\n"
	      "k8s.security.missing Deployment/{{ include \"web.fullname\" . "
	      "}}/{{ .Chart.Name }}: readOnlyRootFilesystem @17\n");
	/* "{{" elsewhere makes a template too; one that does not parse */
	check_diag("deploy/x.yaml",
		   "apiVersion: v1\n"
		   "kind: Pod\n"
		   "metadata:\n"
		   "  name: \"{{ .x }}\n",
		   "",
		   "note 4:10: Helm template not parsed: double-quoted scalar "
		   "without closing quote\n");
}

static void test_collect_k8s__chart(void **state)
{
	(void)state;
	check("charts/web/Chart.yaml",
	      "apiVersion: v2\n"
	      "name: web\n"
	      "version: 0.1.0\n",
	      "helm.chart web @2\n");
	check("Chart.yaml", "apiVersion: v2\ndescription: x\n", "");
	check_diag("Chart.yaml", "name: [web\n", "",
		   "error 2:1: flow sequence without a closing bracket\n");
}

static void test_collect_k8s__not_kubernetes(void **state)
{
	(void)state;
	check("config/app.yaml",
	      "server:\n"
	      "  kind: Deployment\n"
	      "  apiVersion: v1\n"
	      "broken: [\n",
	      "");
	check("values.yaml", "kind: Deployment\nreplicas: 2\n", "");
	check("empty.yaml", "", "");
}

static void test_collect_k8s__malformed(void **state)
{
	(void)state;
	check_diag("deploy/bad.yaml",
		   "apiVersion: v1\n"
		   "kind: Pod\n"
		   "metadata:\n"
		   "  name: \"unterminated\n",
		   "",
		   "error 4:10: double-quoted scalar without closing quote\n");
}

/* Every allocation failure gives RC_ENOMEM and leaks nothing. */
static void test_collect_k8s__alloc_fail(void **state)
{
	static const char *const inputs[][2] = {
		{ "deploy/api.yaml", deployment },
		{ "charts/web/templates/deployment.yaml", helm_template },
		{ "charts/web/Chart.yaml", "apiVersion: v2\nname: web\n" },
		{ "deploy/bad.yaml", "apiVersion: v1\nkind: Pod\nx: [\n" },
	};
	size_t k;

	(void)state;
	for (k = 0; k < RC_ARRAY_SIZE(inputs); k++) {
		long n;
		bool done = false;

		for (n = 0; n < 100000 && !done; n++) {
			struct rc_diags d = RC_DIAGS_INIT;
			struct rc_facts *f = NULL;
			int e;

			assert_int_equal(rc_facts_new(&f), 0);
			rc_alloc_fail_after(n);
			e = rc_collect_k8s(f, &d, inputs[k][0], inputs[k][1],
					   strlen(inputs[k][1]));
			rc_alloc_fail_after(-1);
			if (e == 0)
				done = true;
			else
				assert_int_equal(e, RC_ENOMEM);
			rc_facts_free(f);
			rc_diags_release(&d);
		}
		assert_true(done);
		assert_true(n > 5); /* failures were injected */
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_collect_k8s__deployment),
		cmocka_unit_test(test_collect_k8s__multi_document),
		cmocka_unit_test(test_collect_k8s__cronjob),
		cmocka_unit_test(test_collect_k8s__helm_template),
		cmocka_unit_test(test_collect_k8s__chart),
		cmocka_unit_test(test_collect_k8s__not_kubernetes),
		cmocka_unit_test(test_collect_k8s__malformed),
		cmocka_unit_test(test_collect_k8s__alloc_fail),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
