/*
** fuzz_codegen.c: libFuzzer target for the code generator (pmmlc/gen*.c,
** emit.c). The input is one mode byte and a document. A document that
** loads is given to gen_document() with the options the mode byte picks
** (--float, --main, trees packed into bytes, tables split into parts),
** which must either give the files or fail with a one-line message; it
** never crashes, leaks or loops. The files are checked:
** - generating again gives the same bytes (the output is deterministic);
** - the text is ASCII, its comments, string and character literals end
**   where they should (a name from the document cannot break out of one),
**   it holds no trigraph and no line splice outside a preprocessor line,
**   and its braces, brackets and parentheses balance.
** Whether the files compile is checked apart (compiling is too slow for
** every execution): with PMML_FUZZ_CODEGEN_OUT=DIR set, the files of each
** input that generates are written into DIR/<input hash>/ with the input
** (a file "input") and a file "main" when they hold a main();
** tests/fuzz/run.sh then compiles a sample of the corpus that way with
** -std=c99 -Wall -Wextra -pedantic -Werror. Built and run by
** tests/fuzz/run.sh (`make fuzz`).
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gen.h"
#include "pmml.h"

/* A broken check: say which and where, and crash for libFuzzer. */
static void
broken(const char *why, const gen_file *f, size_t at)
{
  fprintf(stderr, "fuzz_codegen: %s", why);
  if (f) {
    size_t lo = at > 60 ? at - 60 : 0;
    size_t hi = at + 60 < f->text.len ? at + 60 : f->text.len;
    fprintf(stderr, " in %s at byte %zu: ...%.*s...", f->name, at,
            (int)(hi - lo), f->text.p + lo);
  }
  fputc('\n', stderr);
  abort();
}

/* Lex the text of f as C just enough to see that everything that opens
** closes: comments, literals, and ({[ ]}) outside them. */
static void
check_c(const gen_file *f)
{
  const char *s = f->text.p;
  size_t n = f->text.len, i;
  long depth[3] = {0, 0, 0};
  int line_start = 1, pp = 0;
  if (!s || n == 0)
    broken("an empty file", f, 0);
  for (i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)s[i];
    if (ch == 0 || ch > 126 || (ch < 32 && ch != '\n' && ch != '\t'))
      broken("a byte that is not printable ASCII", f, i);
    if (ch == '?' && i + 2 < n && s[i + 1] == '?' &&
        strchr("=(/)'<!>-", s[i + 2]))
      broken("a trigraph", f, i);
  }
  for (i = 0; i < n; i++) {
    char c = s[i];
    if (c == '\n') {
      /* A preprocessor line goes on after a backslash-newline; any other
      ** line must not (a // comment would swallow the next one). */
      if (i > 0 && s[i - 1] == '\\' && !pp)
        broken("a line splice outside a preprocessor line", f, i - 1);
      if (!(pp && i > 0 && s[i - 1] == '\\'))
        pp = 0;
      line_start = 1;
      continue;
    }
    if (line_start && c == '#')
      pp = 1;
    if (c != ' ' && c != '\t')
      line_start = 0;
    if (c == '/' && i + 1 < n && s[i + 1] == '*') {
      const char *e = strstr(s + i + 2, "*/");
      if (!e)
        broken("a comment that does not end", f, i);
      i = (size_t)(e - s) + 1;
    } else if (c == '/' && i + 1 < n && s[i + 1] == '/') {
      while (i + 1 < n && s[i + 1] != '\n')
        i++;
    } else if (c == '"' || c == '\'') {
      size_t at = i;
      for (i++; i < n && s[i] != c; i++) {
        if (s[i] == '\n' ||
            (s[i] == '\\' && i + 1 < n && s[i + 1] == '\n'))
          broken("a literal that runs past its line", f, at);
        if (s[i] == '\\')
          i++;
      }
      if (i >= n)
        broken("a literal that does not end", f, at);
    } else if (c == '(' || c == '[' || c == '{') {
      depth[c == '(' ? 0 : c == '[' ? 1 : 2]++;
    } else if (c == ')' || c == ']' || c == '}') {
      if (--depth[c == ')' ? 0 : c == ']' ? 1 : 2] < 0)
        broken("a closing bracket without its opening one", f, i);
    }
  }
  if (depth[0] || depth[1] || depth[2])
    broken("brackets that do not balance", f, n - 1);
}

/* Write the files into $PMML_FUZZ_CODEGEN_OUT/<hash of the input>/. */
static void
write_files(const char *root, const unsigned char *sha, const gen_file *fs,
            int n, int with_main, const uint8_t *data, size_t size)
{
  char dir[4096], path[4400];
  int i, k;
  k = snprintf(dir, sizeof dir, "%s/", root);
  for (i = 0; i < 8; i++)
    k += snprintf(dir + k, sizeof dir - (size_t)k, "%02x", sha[i]);
  mkdir(dir, 0777);
  for (i = 0; i < n; i++) {
    FILE *fp;
    snprintf(path, sizeof path, "%s/%s", dir, fs[i].name);
    fp = fopen(path, "wb");
    if (!fp || fwrite(fs[i].text.p, 1, fs[i].text.len, fp) != fs[i].text.len)
      broken("cannot write the files", NULL, 0);
    fclose(fp);
  }
  if (with_main) {
    FILE *fp;
    snprintf(path, sizeof path, "%s/main", dir);
    fp = fopen(path, "wb");
    if (fp)
      fclose(fp);
  }
  {
    /* The input itself, to be kept as a finding. */
    FILE *fp;
    snprintf(path, sizeof path, "%s/input", dir);
    fp = fopen(path, "wb");
    if (!fp || fwrite(data, 1, size, fp) != size)
      broken("cannot write the files", NULL, 0);
    fclose(fp);
  }
}

/* libFuzzer entry point. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  pmml_model *m = NULL;
  pmml_error e;
  gen_options o;
  gen_file *fs = NULL, *again = NULL;
  int n = 0, n2 = 0, rc, i;
  char err[512];
  sha256_ctx sh;
  uint8_t mode;
  const char *out = getenv("PMML_FUZZ_CODEGEN_OUT");
  if (size < 1)
    return 0;
  mode = data[0];
  if (pmml_model_load_memory(data + 1, size - 1, NULL, &m, &e) != PMML_OK)
    return 0;
  memset(&o, 0, sizeof o);
  o.prefix = "m";
  o.source = "fuzz.pmml";
  o.header = "m.h";
  o.stem = "m";
  sha256_init(&sh);
  sha256_update(&sh, data, size);
  sha256_final(&sh, o.sha);
  o.use_float = mode & 1;
  o.with_main = (mode & 2) != 0;
  o.pack_nodes = mode & 4 ? 0 : 4096;     /* --pack-nodes=0: every tree */
  o.split_bytes = mode & 8 ? 1 : 8000000; /* --split=1: every big table */
  rc = gen_document(m, &o, &fs, &n, err, sizeof err);
  if (rc != 0) {
    if (rc != -1 || fs || n || !err[0] || strchr(err, '\n') ||
        strlen(err) >= sizeof err)
      broken("a refusal without a proper message", NULL, 0);
    pmml_model_free(m);
    return 0;
  }
  if (!fs || n < 2)
    broken("gen_document succeeded without the .c and .h files", NULL, 0);
  for (i = 0; i < n; i++) {
    if (!fs[i].name || !fs[i].name[0] || strchr(fs[i].name, '/'))
      broken("a file without a proper name", NULL, 0);
    check_c(&fs[i]);
  }
  /* The same document and options: the same bytes. */
  if (gen_document(m, &o, &again, &n2, err, sizeof err) != 0 || n2 != n)
    broken("generating again gives another result", NULL, 0);
  for (i = 0; i < n; i++)
    if (strcmp(fs[i].name, again[i].name) ||
        fs[i].text.len != again[i].text.len ||
        memcmp(fs[i].text.p, again[i].text.p, fs[i].text.len))
      broken("generating again gives other bytes", &fs[i], 0);
  if (out)
    write_files(out, o.sha, fs, n, o.with_main, data, size);
  gen_files_free(again, n2);
  gen_files_free(fs, n);
  pmml_model_free(m);
  return 0;
}
