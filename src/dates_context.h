/* dates_context.h — internal: the context tests of the date scanner
 * (src/dates_context.c), for its grammar (src/dates.c).  Not API.  Each
 * takes the text and the token window whose first token is the word. */
#ifndef AKH_DATES_CONTEXT_H
#define AKH_DATES_CONTEXT_H

#include "dates_tokens.h"

/* «اليوم» at t[0] is a day or nowadays, not today. */
int akh_dctx_today_is_a_day(const char *text, const window *w);
/* «غدا» at t[0] is the verb "became", not tomorrow. */
int akh_dctx_became(const char *text, const window *w);
/* «الليلة» at t[0] is tonight (1), not a night spent or described (0). */
int akh_dctx_tonight(const char *text, const window *w);

#endif
