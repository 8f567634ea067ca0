/* bench_util.h — what the C benchmarks share: clocks, peak memory, the
 * default corpus path, and reading a JSON Lines corpus record by record.
 * Only the programs under bench/ use it; it is not part of the library. */
#ifndef AKH_BENCH_UTIL_H
#define AKH_BENCH_UTIL_H

#include <stddef.h>

/* Seconds for timing a stage.  With BENCH_CPU set and not "0" (bench/run.lua
 * sets it) this is the CPU time of the calling thread: on a shared machine
 * the wall clock also counts the time other jobs held the core, and the
 * targets are per core.  Otherwise it is the monotonic wall clock. */
double bench_now(void);
double bench_wall(void);       /* always the monotonic wall clock */
double bench_thread_cpu(void); /* always this thread's CPU time */

/* Peak resident memory of this process in MB (VmHWM, 0 if unknown). */
double bench_peak_rss_mb(void);

/* Prints "prog: message" to stderr and exits with status 1. */
void bench_fail(const char *prog, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 2, 3)));

/* $AKHBAR_SHARED/corpus/saudinewsnet.jsonl.gz, or ../shared/corpus/... */
const char *bench_default_corpus(void);

/* One record: values[i] is the field keys[i] as text (a JSON string
 * decoded, a number as SQLite prints it), NULL when the record lacks it;
 * lens[i] its length in bytes.  Return nonzero to stop reading. */
typedef int (*bench_record_fn)(void *ud, const char *const *values, const size_t *lens);

/* Calls fn for each record of a JSON Lines file (.gz too) in file order.
 * Lines are read with the import's own reader (akh_lines) and fields
 * decoded by SQLite's JSON functions, so every benchmark sees exactly the
 * text c:import stores.  A line that is not a JSON object is skipped and
 * counted in *skipped (may be NULL).  Returns the number of records given
 * to fn, or -1 with a message in err (a missing or unreadable file). */
long bench_each_record(const char *path, const char *const *keys, int nkeys, bench_record_fn fn, void *ud,
                       size_t *skipped, char *err, size_t errlen);

#endif
