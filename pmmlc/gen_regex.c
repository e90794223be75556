/*
** gen_regex.c: regular expressions for generated code. Generated models
** cannot link PCRE2, so the generator compiles each pattern of the
** document into a small program (tables of pm_rxop) that the backtracking
** matcher of genrt.inc (section regex) runs. Backtracking in PCRE's order
** (alternatives left to right, greedy or lazy repeats) finds the match
** PCRE2 finds, for the subset compiled here:
**
**   literals, '.', classes [...], \w \s \d \h \v (and negations), \p{..}
**   and \P{..}, groups (...) and (?:...), alternation, * + ? {n} {n,}
**   {n,m} (greedy or lazy), ^ $ \A \z \Z \b \B \G, a leading "(?u)".
**
** What a class or '.' matches is asked of PCRE2 itself, the library the
** interpreter matches with, with the same options (UTF, invalid UTF
** allowed, Unicode properties after "(?u)", case folding): every code
** point is tried once, and the answer becomes a table of ranges. So the
** two back ends agree on every character, whatever the PCRE2 version.
** Anything else (backreferences, lookaround, possessive repeats, inline
** options, a repeat of something that can match the empty string...) is
** refused with the pattern and the element's line: never a different
** match.
*/
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

/* Limits of a compiled pattern. */
#define RX_MAX_NODES 20000
#define RX_MAX_OPS 100000
#define RX_MAX_DEPTH 100
#define RX_MAX_GROUPS 99

/* Operations of the matcher (genrt.inc: regex, pm_rxop.op). */
enum { OP_CHAR = 0, OP_CHAR2, OP_CLASS, OP_SPLIT, OP_JMP, OP_SAVE, OP_BOL,
       OP_EOL, OP_EOS, OP_WORDB, OP_NWORDB, OP_G, OP_MATCH };
static const char *const op_names[] = {
  "PM_RXO_CHAR", "PM_RXO_CHAR2", "PM_RXO_CLASS", "PM_RXO_SPLIT",
  "PM_RXO_JMP", "PM_RXO_SAVE", "PM_RXO_BOL", "PM_RXO_EOL", "PM_RXO_EOS",
  "PM_RXO_WORDB", "PM_RXO_NWORDB", "PM_RXO_G", "PM_RXO_MATCH"};

/* Nodes of the parsed pattern. */
enum { N_EMPTY = 0, N_CHAR, N_CHAR2, N_CLASS, N_CAT, N_ALT, N_REP, N_GROUP,
       N_ASSERT };

typedef struct rnode {
  int kind;
  int32_t a, b;        /* CHAR/CHAR2: code points; CLASS: first range,
                          count; ASSERT: the OP_*; GROUP: group number */
  int32_t kid, next;   /* first child, next sibling (-1) */
  int32_t min, max;    /* REP: max -1 is unbounded */
  int lazy;
  int nullable;        /* can match the empty string */
} rnode;

typedef struct rx {
  gen *g;
  uint32_t line;
  const char *what;
  const char *pat;
  size_t len, i;
  uint32_t opts;       /* PCRE2 options of the pattern */
  int literal;
  rnode *nodes;
  int32_t n_nodes;
  uint32_t *ranges;    /* pairs lo, hi */
  int32_t n_ranges, cap_ranges;
  int32_t groups;
  int depth;
  int failed;
  /* The program. */
  int32_t (*ops)[3];
  int32_t n_ops;
} rx;

static int
rx_fail(rx *r, const char *why)
{
  if (!r->failed)
    gen_fail(r->g, r->line, "%s: the regular expression '%.*s' is not "
             "supported by the code generator (%s)",
             r->what, (int)(r->len > 60 ? 60 : r->len), r->pat, why);
  r->failed = 1;
  return -1;
}

static int32_t
new_node(rx *r, int kind)
{
  rnode *n;
  if (r->n_nodes >= RX_MAX_NODES) {
    rx_fail(r, "too long");
    return -1;
  }
  n = &r->nodes[r->n_nodes];
  memset(n, 0, sizeof *n);
  n->kind = kind;
  n->kid = n->next = -1;
  return r->n_nodes++;
}

/* ---- Classes, from PCRE2 ------------------------------------------------ */

/* Computed classes, kept for the second pass and the other patterns. */
typedef struct class_memo {
  char *pat;
  uint32_t opts;
  uint32_t *ranges;
  int32_t n;
} class_memo;

static class_memo memo[64];
static int n_memo;

static size_t
utf8_put(uint32_t u, unsigned char *o)
{
  if (u < 0x80) {
    o[0] = (unsigned char)u;
    return 1;
  }
  if (u < 0x800) {
    o[0] = (unsigned char)(0xC0 | u >> 6);
    o[1] = (unsigned char)(0x80 | (u & 63));
    return 2;
  }
  if (u < 0x10000) {
    o[0] = (unsigned char)(0xE0 | u >> 12);
    o[1] = (unsigned char)(0x80 | ((u >> 6) & 63));
    o[2] = (unsigned char)(0x80 | (u & 63));
    return 3;
  }
  o[0] = (unsigned char)(0xF0 | u >> 18);
  o[1] = (unsigned char)(0x80 | ((u >> 12) & 63));
  o[2] = (unsigned char)(0x80 | ((u >> 6) & 63));
  o[3] = (unsigned char)(0x80 | (u & 63));
  return 4;
}

/* Add range [lo, hi] to the pattern's table. */
static void
add_range(rx *r, uint32_t lo, uint32_t hi)
{
  if (r->n_ranges == r->cap_ranges) {
    int32_t cap = r->cap_ranges ? 2 * r->cap_ranges : 64;
    uint32_t *p = realloc(r->ranges, (size_t)cap * 2 * sizeof *p);
    if (!p) {
      rx_fail(r, "out of memory");
      return;
    }
    r->ranges = p;
    r->cap_ranges = cap;
  }
  r->ranges[2 * r->n_ranges] = lo;
  r->ranges[2 * r->n_ranges + 1] = hi;
  r->n_ranges++;
}

/*
** The code points that the one-character pattern 'pat' matches under
** 'opts', as ranges appended to the pattern's table: *first and *n. Only
** 'cands' (when not NULL: n_cands code points) are tried, else every code
** point.
*/
static int
class_ranges(rx *r, const char *pat, size_t plen, const uint32_t *cands,
             int n_cands, int32_t *first, int32_t *n)
{
  int i, err;
  PCRE2_SIZE at;
  pcre2_code *code;
  pcre2_match_data *md;
  class_memo *mm = NULL;
  uint32_t u, lo = 0;
  int in = 0;
  if (!cands)
    for (i = 0; i < n_memo; i++)
      if (memo[i].opts == r->opts && strlen(memo[i].pat) == plen &&
          !memcmp(memo[i].pat, pat, plen)) {
        int32_t k;
        *first = r->n_ranges;
        for (k = 0; k < memo[i].n; k++)
          add_range(r, memo[i].ranges[2 * k], memo[i].ranges[2 * k + 1]);
        *n = memo[i].n;
        return r->failed ? -1 : 0;
      }
  code = pcre2_compile((PCRE2_SPTR)pat, plen,
                       r->opts | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &err,
                       &at, NULL);
  if (!code)
    return rx_fail(r, "a class PCRE2 refuses alone");
  (void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
  md = pcre2_match_data_create_from_pattern(code, NULL);
  if (!md) {
    pcre2_code_free(code);
    return rx_fail(r, "out of memory");
  }
  *first = r->n_ranges;
  for (i = 0;; i++) {
    unsigned char buf[4];
    size_t bl;
    int hit;
    if (cands) {
      if (i >= n_cands)
        break;
      u = cands[i];
    } else {
      if (i > 0x10FFFF)
        break;
      u = (uint32_t)i;
    }
    if (u >= 0xD800 && u <= 0xDFFF) {
      hit = 0;
    } else {
      bl = utf8_put(u, buf);
      hit = pcre2_match(code, buf, bl, 0, PCRE2_ANCHORED, md, NULL) > 0 &&
            pcre2_get_ovector_pointer(md)[1] == bl;
    }
    if (hit && !in) {
      lo = u;
      in = 1;
    } else if (!hit && in) {
      add_range(r, lo, cands ? lo : u - 1);
      in = 0;
    }
    if (hit && cands) {
      add_range(r, u, u);
      in = 0;
    }
  }
  if (in)
    add_range(r, lo, 0x10FFFF);
  pcre2_match_data_free(md);
  pcre2_code_free(code);
  *n = r->n_ranges - *first;
  if (!cands && n_memo < (int)(sizeof memo / sizeof memo[0]) && !r->failed) {
    mm = &memo[n_memo];
    mm->pat = malloc(plen + 1);
    mm->ranges = malloc(((size_t)*n + 1) * 2 * sizeof *mm->ranges);
    if (mm->pat && mm->ranges) {
      memcpy(mm->pat, pat, plen);
      mm->pat[plen] = '\0';
      memcpy(mm->ranges, r->ranges + 2 * *first,
             (size_t)*n * 2 * sizeof *mm->ranges);
      mm->n = *n;
      mm->opts = r->opts;
      n_memo++;
    } else {
      free(mm->pat);
      free(mm->ranges);
    }
  }
  return r->failed ? -1 : 0;
}

/* A class node for the atom pat[0..plen) (a bracket expression, an escape
** such as \w or \p{P}, or '.'). */
static int32_t
class_node(rx *r, const char *pat, size_t plen)
{
  int32_t k = new_node(r, N_CLASS), first = 0, n = 0;
  if (k < 0 || class_ranges(r, pat, plen, NULL, 0, &first, &n) < 0)
    return -1;
  r->nodes[k].a = first;
  r->nodes[k].b = n;
  return k;
}

/* A literal character u: itself, or its case variants (as PCRE2 folds
** them) when the pattern ignores case. */
static int32_t
char_node(rx *r, uint32_t u)
{
  int32_t k;
  if ((r->opts & PCRE2_CASELESS) && u < 0x80 &&
      ((u | 0x20) >= 'a' && (u | 0x20) <= 'z')) {
    /* ASCII letters fold to ASCII letters and, in Unicode, to the Kelvin
    ** sign (k) and the long s (s): ask PCRE2 which of these it takes. */
    uint32_t cands[132];
    char pat[8];
    int nc = 0, first = 0;
    int32_t n = 0;
    for (nc = 0; nc < 128; nc++)
      cands[nc] = (uint32_t)nc;
    cands[nc++] = 0x17F;
    cands[nc++] = 0x212A;
    cands[nc++] = 0x130;
    cands[nc++] = 0x131;
    pat[0] = (char)u;
    k = new_node(r, N_CLASS);
    if (k < 0 || class_ranges(r, pat, 1, cands, nc, &first, &n) < 0)
      return -1;
    if (n == 2 && r->ranges[2 * first] == r->ranges[2 * first + 1] &&
        r->ranges[2 * first + 2] == r->ranges[2 * first + 3]) {
      r->nodes[k].kind = N_CHAR2;
      r->nodes[k].a = (int32_t)r->ranges[2 * first];
      r->nodes[k].b = (int32_t)r->ranges[2 * first + 2];
      r->n_ranges = first;
      return k;
    }
    r->nodes[k].a = first;
    r->nodes[k].b = n;
    return k;
  }
  if ((r->opts & PCRE2_CASELESS) && u >= 0x80) {
    char pat[16];
    int len = 0;
    unsigned char b[4];
    size_t bl = utf8_put(u, b), j;
    (void)len;
    for (j = 0; j < bl; j++)
      pat[j] = (char)b[j];
    return class_node(r, pat, bl);
  }
  k = new_node(r, N_CHAR);
  if (k >= 0)
    r->nodes[k].a = (int32_t)u;
  return k;
}

/* ---- The parser --------------------------------------------------------- */

/* Decode the UTF-8 character at r->pat[r->i] (the pattern is valid UTF-8
** or PCRE2 refused it before). */
static uint32_t
next_char(rx *r)
{
  const unsigned char *s = (const unsigned char *)r->pat + r->i;
  size_t left = r->len - r->i;
  uint32_t u = s[0];
  size_t n = 1, k;
  if (u >= 0xF0 && left >= 4)
    n = 4, u &= 7;
  else if (u >= 0xE0 && left >= 3)
    n = 3, u &= 15;
  else if (u >= 0xC0 && left >= 2)
    n = 2, u &= 31;
  for (k = 1; k < n; k++)
    u = u << 6 | (s[k] & 63);
  r->i += n;
  return u;
}

static int32_t parse_alt(rx *r);

static int
is_digit(char c)
{
  return c >= '0' && c <= '9';
}

/* A quantifier at r->i: 1 with *min, *max (-1 unbounded), 0 when there
** is none (a '{' that starts no quantifier is a literal). */
static int
quantifier(rx *r, int32_t *min, int32_t *max)
{
  const char *p = r->pat;
  size_t i = r->i, j;
  long a = 0, b;
  if (i >= r->len)
    return 0;
  switch (p[i]) {
  case '*':
    *min = 0, *max = -1, r->i++;
    return 1;
  case '+':
    *min = 1, *max = -1, r->i++;
    return 1;
  case '?':
    *min = 0, *max = 1, r->i++;
    return 1;
  case '{':
    j = i + 1;
    if (j < r->len && p[j] == ',')
      return rx_fail(r, "a quantifier {,m}");
    if (j >= r->len || !is_digit(p[j]))
      return 0;
    while (j < r->len && is_digit(p[j]) && a <= 100000)
      a = a * 10 + (p[j++] - '0');
    if (j < r->len && p[j] == '}') {
      b = a;
    } else if (j < r->len && p[j] == ',') {
      j++;
      if (j < r->len && p[j] == '}') {
        b = -1;
      } else {
        if (j >= r->len || !is_digit(p[j]))
          return 0;
        b = 0;
        while (j < r->len && is_digit(p[j]) && b <= 100000)
          b = b * 10 + (p[j++] - '0');
        if (j >= r->len || p[j] != '}')
          return 0;
      }
    } else {
      return 0;
    }
    if (a > 1000 || b > 1000 || (b >= 0 && b < a))
      return rx_fail(r, "a repeat count over 1000");
    r->i = j + 1;
    *min = (int32_t)a;
    *max = (int32_t)b;
    return 1;
  default:
    return 0;
  }
}

/* The end of the bracket expression starting at r->pat[i] == '['. */
static int
bracket_end(rx *r, size_t i, size_t *end)
{
  const char *p = r->pat;
  size_t j = i + 1;
  if (j < r->len && p[j] == '^')
    j++;
  if (j < r->len && p[j] == ']')
    j++;
  while (j < r->len) {
    if (p[j] == '\\') {
      if (j + 1 < r->len && (p[j + 1] == 'Q' || p[j + 1] == 'E'))
        return rx_fail(r, "\\Q...\\E");
      j += 2;
      continue;
    }
    if (p[j] == '[' && j + 1 < r->len &&
        (p[j + 1] == ':' || p[j + 1] == '.' || p[j + 1] == '=')) {
      const char *close = NULL;
      size_t k;
      for (k = j + 2; k + 1 < r->len; k++)
        if (p[k] == p[j + 1] && p[k + 1] == ']') {
          close = p + k;
          break;
        }
      if (!close)
        return rx_fail(r, "an unterminated class");
      j = (size_t)(close - p) + 2;
      continue;
    }
    if (p[j] == ']') {
      *end = j + 1;
      return 0;
    }
    j++;
  }
  return rx_fail(r, "an unterminated class");
}

/* An escape after '\' at r->i (r->i at the character after it). */
static int32_t
escape(rx *r)
{
  const char *p = r->pat;
  size_t start = r->i - 1;
  char ch;
  int32_t k;
  if (r->i >= r->len)
    return rx_fail(r, "a final '\\'");
  ch = p[r->i++];
  switch (ch) {
  case 'w': case 'W': case 's': case 'S': case 'd': case 'D': case 'h':
  case 'H': case 'v': case 'V': case 'N': case 'R': case 'X':
    if (ch == 'N' || ch == 'R' || ch == 'X')
      return rx_fail(r, "\\N, \\R or \\X");
    return class_node(r, p + start, 2);
  case 'p': case 'P':
    if (r->i < r->len && p[r->i] == '{') {
      const char *close = memchr(p + r->i, '}', r->len - r->i);
      if (!close)
        return rx_fail(r, "an unterminated \\p{...}");
      r->i = (size_t)(close - p) + 1;
    } else {
      r->i++;
    }
    return class_node(r, p + start, r->i - start);
  case 'b': case 'B': case 'A': case 'z': case 'Z': case 'G':
    k = new_node(r, N_ASSERT);
    if (k < 0)
      return -1;
    r->nodes[k].a = ch == 'b'   ? OP_WORDB
                    : ch == 'B' ? OP_NWORDB
                    : ch == 'A' ? OP_BOL
                    : ch == 'z' ? OP_EOS
                    : ch == 'Z' ? OP_EOL
                                : OP_G;
    r->nodes[k].nullable = 1;
    return k;
  case 't': return char_node(r, '\t');
  case 'n': return char_node(r, '\n');
  case 'r': return char_node(r, '\r');
  case 'f': return char_node(r, '\f');
  case 'e': return char_node(r, 27);
  case 'a': return char_node(r, 7);
  case 'x': {
    uint32_t u = 0;
    int nd = 0;
    if (r->i < r->len && p[r->i] == '{') {
      r->i++;
      while (r->i < r->len && p[r->i] != '}' && nd < 8) {
        char c = p[r->i++];
        u = u * 16 + (uint32_t)(is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
        nd++;
      }
      if (r->i >= r->len || p[r->i] != '}')
        return rx_fail(r, "a bad \\x{...}");
      r->i++;
    } else {
      while (r->i < r->len && nd < 2 &&
             (is_digit(p[r->i]) || ((p[r->i] | 0x20) >= 'a' &&
                                    (p[r->i] | 0x20) <= 'f'))) {
        char c = p[r->i++];
        u = u * 16 + (uint32_t)(is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
        nd++;
      }
    }
    if (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF))
      return rx_fail(r, "a bad \\x escape");
    return char_node(r, u);
  }
  default:
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
        (ch >= '0' && ch <= '9') || (unsigned char)ch >= 0x80)
      return rx_fail(r, "a backreference, \\Q, \\K, or an "
                     "octal or control character escape");
    return char_node(r, (uint32_t)(unsigned char)ch);
  }
}

/* atom quantifier? */
static int32_t
parse_repeat(rx *r)
{
  const char *p = r->pat;
  int32_t atom = -1, min = 0, max = 0, k;
  char ch = p[r->i];
  int q;
  if (r->literal) {
    return char_node(r, next_char(r));
  }
  switch (ch) {
  case '(':
    if (++r->depth > RX_MAX_DEPTH)
      return rx_fail(r, "groups nested too deeply");
    r->i++;
    if (r->i < r->len && p[r->i] == '?') {
      if (r->i + 1 < r->len && p[r->i + 1] == ':') {
        r->i += 2;
        atom = parse_alt(r);
      } else {
        return rx_fail(r, "a (?...) group: lookaround, options, "
                       "named or atomic");
      }
    } else {
      int32_t inner, grp = ++r->groups;
      if (grp > RX_MAX_GROUPS)
        return rx_fail(r, "more than 99 groups");
      inner = parse_alt(r);
      if (inner < 0)
        return -1;
      atom = new_node(r, N_GROUP);
      if (atom < 0)
        return -1;
      r->nodes[atom].kid = inner;
      r->nodes[atom].a = grp;
      r->nodes[atom].nullable = r->nodes[inner].nullable;
    }
    if (atom < 0)
      return -1;
    if (r->i >= r->len || p[r->i] != ')')
      return rx_fail(r, "an unbalanced '('");
    r->i++;
    r->depth--;
    break;
  case '[': {
    size_t end = 0;
    if (bracket_end(r, r->i, &end) < 0)
      return -1;
    atom = class_node(r, p + r->i, end - r->i);
    r->i = end;
    break;
  }
  case '.':
    atom = class_node(r, ".", 1);
    r->i++;
    break;
  case '^':
  case '$':
    atom = new_node(r, N_ASSERT);
    if (atom < 0)
      return -1;
    r->nodes[atom].a = ch == '^' ? OP_BOL : OP_EOL;
    r->nodes[atom].nullable = 1;
    r->i++;
    break;
  case '\\':
    r->i++;
    atom = escape(r);
    break;
  case '*':
  case '+':
  case '?':
    return rx_fail(r, "a quantifier with nothing to repeat");
  default:
    atom = char_node(r, next_char(r));
    break;
  }
  if (atom < 0)
    return -1;
  q = quantifier(r, &min, &max);
  if (q < 0)
    return -1;
  if (!q)
    return atom;
  if (r->nodes[atom].kind == N_ASSERT)
    return rx_fail(r, "a repeated assertion");
  if (r->nodes[atom].nullable && max != 1)
    return rx_fail(r, "a repeat of what can match the empty "
                   "string");
  k = new_node(r, N_REP);
  if (k < 0)
    return -1;
  r->nodes[k].kid = atom;
  r->nodes[k].min = min;
  r->nodes[k].max = max;
  r->nodes[k].nullable = min == 0 || r->nodes[atom].nullable;
  if (r->i < r->len && p[r->i] == '?') {
    r->nodes[k].lazy = 1;
    r->i++;
  } else if (r->i < r->len && p[r->i] == '+') {
    return rx_fail(r, "a possessive quantifier");
  }
  if (r->i < r->len &&
      (p[r->i] == '*' || p[r->i] == '+' || p[r->i] == '?' ||
       (p[r->i] == '{' && r->i + 1 < r->len && is_digit(p[r->i + 1]))))
    return rx_fail(r, "a repeat of a repeat");
  return k;
}

/* repeat* up to '|' or ')' */
static int32_t
parse_cat(rx *r)
{
  int32_t cat = new_node(r, N_CAT), last = -1, k;
  if (cat < 0)
    return -1;
  r->nodes[cat].nullable = 1;
  while (r->i < r->len &&
         (r->literal || (r->pat[r->i] != '|' && r->pat[r->i] != ')'))) {
    k = parse_repeat(r);
    if (k < 0)
      return -1;
    if (last < 0)
      r->nodes[cat].kid = k;
    else
      r->nodes[last].next = k;
    last = k;
    r->nodes[cat].nullable &= r->nodes[k].nullable;
  }
  return cat;
}

static int32_t
parse_alt(rx *r)
{
  int32_t first = parse_cat(r), alt, last;
  if (first < 0)
    return -1;
  if (r->i >= r->len || r->pat[r->i] != '|')
    return first;
  alt = new_node(r, N_ALT);
  if (alt < 0)
    return -1;
  r->nodes[alt].kid = last = first;
  r->nodes[alt].nullable = r->nodes[first].nullable;
  while (r->i < r->len && r->pat[r->i] == '|') {
    int32_t k;
    r->i++;
    k = parse_cat(r);
    if (k < 0)
      return -1;
    r->nodes[last].next = k;
    last = k;
    r->nodes[alt].nullable |= r->nodes[k].nullable;
  }
  return alt;
}

/* ---- The program -------------------------------------------------------- */

static int32_t
op(rx *r, int o, int32_t x, int32_t y)
{
  if (r->n_ops >= RX_MAX_OPS) {
    rx_fail(r, "too long");
    return 0;
  }
  r->ops[r->n_ops][0] = o;
  r->ops[r->n_ops][1] = x;
  r->ops[r->n_ops][2] = y;
  return r->n_ops++;
}

static void
emit_node(rx *r, int32_t k)
{
  const rnode *n;
  int32_t c, i;
  if (r->failed || k < 0)
    return;
  n = &r->nodes[k];
  switch (n->kind) {
  case N_CHAR:
    op(r, OP_CHAR, n->a, 0);
    break;
  case N_CHAR2:
    op(r, OP_CHAR2, n->a, n->b);
    break;
  case N_CLASS:
    op(r, OP_CLASS, n->a, n->b);
    break;
  case N_ASSERT:
    op(r, n->a, 0, 0);
    break;
  case N_CAT:
    for (c = n->kid; c >= 0; c = r->nodes[c].next)
      emit_node(r, c);
    break;
  case N_GROUP:
    op(r, OP_SAVE, 2 * n->a, 0);
    emit_node(r, n->kid);
    op(r, OP_SAVE, 2 * n->a + 1, 0);
    break;
  case N_ALT: {
    int32_t jumps[4096], nj = 0;
    for (c = n->kid; c >= 0; c = r->nodes[c].next) {
      if (r->nodes[c].next >= 0) {
        int32_t s = op(r, OP_SPLIT, r->n_ops + 1, 0);
        emit_node(r, c);
        if (nj == (int32_t)(sizeof jumps / sizeof jumps[0])) {
          rx_fail(r, "too many alternatives");
          return;
        }
        jumps[nj++] = op(r, OP_JMP, 0, 0);
        r->ops[s][2] = r->n_ops;
      } else {
        emit_node(r, c);
      }
    }
    for (i = 0; i < nj; i++)
      r->ops[jumps[i]][1] = r->n_ops;
    break;
  }
  case N_REP: {
    int32_t outs[1024], no = 0;
    for (i = 0; i < n->min; i++)
      emit_node(r, n->kid);
    if (n->max < 0) {
      int32_t loop = op(r, OP_SPLIT, 0, 0);
      emit_node(r, n->kid);
      op(r, OP_JMP, loop, 0);
      r->ops[loop][1] = n->lazy ? r->n_ops : loop + 1;
      r->ops[loop][2] = n->lazy ? loop + 1 : r->n_ops;
      break;
    }
    for (i = n->min; i < n->max; i++) {
      if (no == (int32_t)(sizeof outs / sizeof outs[0])) {
        rx_fail(r, "a repeat count over 1000");
        return;
      }
      outs[no++] = op(r, OP_SPLIT, 0, 0);
      emit_node(r, n->kid);
    }
    for (i = 0; i < no; i++) {
      int32_t s = outs[i];
      r->ops[s][1] = n->lazy ? r->n_ops : s + 1;
      r->ops[s][2] = n->lazy ? s + 1 : r->n_ops;
    }
    break;
  }
  default:
    break;
  }
}

int
gen_regex(gen *g, const char *name, const char *pat, size_t len,
          unsigned flags, uint32_t line, const char *what)
{
  rx r;
  int32_t root, i, wfirst = 0, wn = 0;
  gbuf *d;
  int rc = -1;
  memset(&r, 0, sizeof r);
  r.g = g;
  r.line = line;
  r.what = what;
  r.pat = pat;
  r.len = len;
  r.literal = (flags & PM_RX_LITERAL) != 0;
  if (!r.literal && len >= 4 && !memcmp(pat, "(?u)", 4)) {
    r.i = 4; /* Python's Unicode flag (regex.c) */
    r.opts |= PCRE2_UCP;
  }
  if (flags & PM_RX_CASELESS)
    r.opts |= PCRE2_CASELESS;
  if (flags & PM_RX_UNICODE)
    r.opts |= PCRE2_UCP;
  {
    /* The pattern must be one PCRE2 takes (the interpreter compiled it). */
    int err;
    PCRE2_SIZE at;
    pcre2_code *code = pcre2_compile(
        (PCRE2_SPTR)pat + r.i, len - r.i,
        r.opts | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF |
            (r.literal ? PCRE2_LITERAL : 0),
        &err, &at, NULL);
    uint32_t nl = 0;
    if (!code)
      return rx_fail(&r, "PCRE2 refuses it");
    pcre2_code_free(code);
    pcre2_config(PCRE2_CONFIG_NEWLINE, &nl);
    if (nl != PCRE2_NEWLINE_LF && !r.literal &&
        (memchr(pat, '$', len) || memchr(pat, '.', len)))
      return rx_fail(&r, "PCRE2's newline is not LF");
  }
  r.nodes = malloc(RX_MAX_NODES * sizeof *r.nodes);
  r.ops = malloc(RX_MAX_OPS * sizeof *r.ops);
  if (!r.nodes || !r.ops) {
    rx_fail(&r, "out of memory");
    goto done;
  }
  root = parse_alt(&r);
  if (root >= 0 && r.i < r.len)
    rx_fail(&r, "an unbalanced ')'");
  if (r.failed)
    goto done;
  /* \b and \B need \w as the pattern means it. */
  if (class_ranges(&r, "\\w", 2, NULL, 0, &wfirst, &wn) < 0)
    goto done;
  op(&r, OP_SAVE, 0, 0);
  emit_node(&r, root);
  op(&r, OP_SAVE, 1, 0);
  op(&r, OP_MATCH, 0, 0);
  if (r.failed)
    goto done;
  d = gen_out(g, GS_DATA);
  gb_printf(d, "\n/* %s (line %u): the regular expression ", what,
            (unsigned)line);
  gb_puts(d, "\"");
  gb_ctext(d, pat, len, 60);
  gb_printf(d, "\"%s%s%s,\n** as a program of the matcher (genrt.inc: "
               "regex): { operation, x, y } */\n"
               "static const pm_rxop %s_prog[%d] = {\n",
            r.literal ? " (literal text)" : "",
            flags & PM_RX_CASELESS ? ", ignoring case" : "",
            r.opts & PCRE2_UCP ? ", Unicode classes" : "", name,
            (int)r.n_ops);
  for (i = 0; i < r.n_ops; i++)
    gb_printf(d, "  {%s, %d, %d}, /* %d */\n", op_names[r.ops[i][0]],
              (int)r.ops[i][1], (int)r.ops[i][2], (int)i);
  gb_printf(d, "};\n/* Its classes: ranges of code points { first, last } */"
               "\nstatic const uint32_t %s_ranges[%d] = {",
            name, (int)(2 * r.n_ranges));
  for (i = 0; i < r.n_ranges; i++)
    gb_printf(d, "%s0x%x, 0x%x", i == 0 ? "\n  " : i % 4 ? ", " : ",\n  ",
              (unsigned)r.ranges[2 * i], (unsigned)r.ranges[2 * i + 1]);
  gb_printf(d, "\n};\nstatic const pm_rx %s = {%s_prog, %s_ranges, %d, %d, "
               "%d};\n",
            name, name, name, (int)r.groups, (int)wfirst, (int)wn);
  rc = 0;
done:
  free(r.nodes);
  free(r.ops);
  free(r.ranges);
  return rc;
}
