/*
 * common.h - first include of every readycheck source file.
 *
 * Feature macros, standard headers everybody needs, compiler attributes and
 * the project-wide error codes. Includes nothing project-specific.
 */
#ifndef RC_CORE_COMMON_H
#define RC_CORE_COMMON_H

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define RC_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#define RC_WARN_UNUSED	     __attribute__((warn_unused_result))
#define RC_UNUSED	     __attribute__((unused))
#define RC_ARRAY_SIZE(a)     (sizeof(a) / sizeof((a)[0]))

/*
 * Error codes. Functions return 0 on success or one of these (negative) on
 * failure; the message travels in a caller-provided struct rc_err (err.h).
 */
enum rc_error {
	RC_OK = 0,
	RC_ENOMEM = -1,	   /* allocation failed */
	RC_EIO = -2,	   /* read/write/stat failed */
	RC_ENOTFOUND = -3, /* named thing does not exist */
	RC_EPARSE = -4,	   /* malformed input */
	RC_ETOOBIG = -5,   /* input over a size ceiling */
	RC_EUSAGE = -6,	   /* bad option, argument or configuration */
	RC_EINTERNAL = -7, /* a bug: an RC_ASSERT failed */
};

/* Checked size arithmetic for sizes derived from untrusted input. */
static inline bool rc_add_overflow(size_t a, size_t b, size_t *out)
{
	return __builtin_add_overflow(a, b, out);
}
static inline bool rc_mul_overflow(size_t a, size_t b, size_t *out)
{
	return __builtin_mul_overflow(a, b, out);
}

#endif
