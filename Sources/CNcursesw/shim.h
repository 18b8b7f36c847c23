#ifndef SIGNALBOX_CNCURSESW_SHIM_H
#define SIGNALBOX_CNCURSESW_SHIM_H

/* Wide-character curses: both switches must precede curses.h. */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

/* Function-like macros and globals that Swift cannot import (or cannot touch
   safely under strict concurrency) are exposed as static inline functions. */

static inline WINDOW *sb_stdscr(void) { return stdscr; }
static inline int sb_colors(void) { return COLORS; }
static inline int sb_color_pairs(void) { return COLOR_PAIRS; }
static inline int sb_lines(void) { return LINES; }
static inline int sb_cols(void) { return COLS; }

static inline attr_t sb_attr_normal(void) { return A_NORMAL; }
static inline attr_t sb_attr_bold(void) { return A_BOLD; }
static inline attr_t sb_attr_dim(void) { return A_DIM; }
static inline attr_t sb_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t sb_attr_reverse(void) { return A_REVERSE; }
static inline int sb_color_pair(int pair) { return (int)COLOR_PAIR(pair); }

static inline int sb_getmaxy(WINDOW *window) { int y, x; getmaxyx(window, y, x); (void)x; return y; }
static inline int sb_getmaxx(WINDOW *window) { int y, x; getmaxyx(window, y, x); (void)y; return x; }

static inline int sb_cchar_max(void) { return CCHARW_MAX; }

static inline int sb_key_code_yes(void) { return KEY_CODE_YES; }
static inline int sb_key_down(void) { return KEY_DOWN; }
static inline int sb_key_up(void) { return KEY_UP; }
static inline int sb_key_left(void) { return KEY_LEFT; }
static inline int sb_key_right(void) { return KEY_RIGHT; }
static inline int sb_key_home(void) { return KEY_HOME; }
static inline int sb_key_end(void) { return KEY_END; }
static inline int sb_key_backspace(void) { return KEY_BACKSPACE; }
static inline int sb_key_f0(void) { return KEY_F0; }
static inline int sb_key_dc(void) { return KEY_DC; }
static inline int sb_key_npage(void) { return KEY_NPAGE; }
static inline int sb_key_ppage(void) { return KEY_PPAGE; }
static inline int sb_key_enter(void) { return KEY_ENTER; }
static inline int sb_key_btab(void) { return KEY_BTAB; }
static inline int sb_key_resize(void) { return KEY_RESIZE; }

/* Starts curses on the process's stdin/stdout (C globals Swift 6 will not touch); NULL on failure. */
static inline SCREEN *sb_newterm(void) { return newterm(NULL, stdout, stdin); }

/* A terminfo string capability, or NULL when absent or not a string capability. */
static inline const char *sb_tigetstr(const char *name) {
    char *value = tigetstr(name);
    return (value == NULL || value == (char *)-1) ? NULL : value;
}

/* Sets one wide cell (base character plus combining marks) at (y, x). */
static inline int sb_put_cell(int y, int x, const wchar_t *characters, attr_t attributes, int pair) {
    cchar_t cell;
    if (setcchar(&cell, characters, attributes, (short)0, &pair) != OK) { return ERR; }
    return mvwadd_wch(stdscr, y, x, &cell);
}

#endif
