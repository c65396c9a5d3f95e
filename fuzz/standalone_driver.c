/*
 * standalone_driver.c - replay a fuzz corpus without libFuzzer.
 *
 * Links with a *_fuzzer.c target and calls LLVMFuzzerTestOneInput on every
 * file of the directories (or files) given, so the corpus runs in normal CI
 * under ASan/UBSan. Prints "N passed, 0 failed" on success.
 */
#include "core/common.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/fs.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path, unsigned *count)
{
	struct rc_buf b = RC_BUF_INIT;
	struct rc_err err = RC_ERR_INIT;
	char msg[1024];

	if (rc_fs_read(&b, AT_FDCWD, path, 64u << 20, false, &err)) {
		fprintf(stderr, "%s\n", rc_err_format(&err, msg, sizeof(msg)));
		rc_buf_release(&b);
		return 1;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)b.ptr, b.len);
	rc_buf_release(&b);
	(*count)++;
	return 0;
}

int main(int argc, char **argv)
{
	unsigned count = 0;
	int i, bad = 0;

	for (i = 1; i < argc; i++) {
		struct stat st;
		DIR *d;
		struct dirent *de;

		if (stat(argv[i], &st)) {
			fprintf(stderr, "cannot stat '%s'\n", argv[i]);
			return 1;
		}
		if (!S_ISDIR(st.st_mode)) {
			bad |= run_file(argv[i], &count);
			continue;
		}
		d = opendir(argv[i]);
		if (!d)
			return 1;
		while ((de = readdir(d))) {
			struct rc_buf p = RC_BUF_INIT;
			if (de->d_name[0] == '.')
				continue;
			rc_buf_addf(&p, "%s/%s", argv[i], de->d_name);
			bad |= run_file(p.ptr, &count);
			rc_buf_release(&p);
		}
		closedir(d);
	}
	printf("%u passed, %d failed\n", count, bad);
	return bad;
}
