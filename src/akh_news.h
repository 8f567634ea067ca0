/* akh_news.h — news structure: dates, boilerplate, sentences, quotes.  Included by akhbar.h. */
#ifndef AKH_NEWS_H
#define AKH_NEWS_H

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif
