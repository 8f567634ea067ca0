/* akh_fts5.h — SQLite FTS5 tokenizer, SQL functions, loadable extension.  Included by akhbar.h. */
#ifndef AKH_FTS5_H
#define AKH_FTS5_H

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif
