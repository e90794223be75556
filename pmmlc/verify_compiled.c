/*
** verify_compiled.c: `pmmlc verify --compiled`, the document's
** ModelVerification records run through its generated C instead of the
** interpreter. The model is generated into a temporary folder (compile.c),
** with a driver that holds the records' input cells and prints every
** output of every record in a form read back exactly (numbers in hex
** floating point); the C compiler ($CC, else cc) builds it, it runs once,
** and its results go through the same comparison as the interpreter's
** (pmmlE_verify in runtime/eval_verify.c), so both report alike.
*/
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gen.h"
#include "pmmlc.h"

/* What the generated program printed for one record. */
typedef struct crecord {
  int status;           /* 0, or the status of _score */
  const char *msg;      /* status != 0: its message (NUL-terminated) */
  pm_val *out;          /* [n_out] when status is 0; strings point into
                           the program's output */
} crecord;

typedef struct compiled {
  const pmml_model *m;
  char dir[256];        /* the temporary folder, ending in '/' */
  char *text;           /* the program's output (parsed in place) */
  crecord *rec;         /* [n_rows] */
  size_t n_out;
  int32_t cur;          /* the record being checked */
} compiled;

/* The input cells of record 'row' by input index (the last cell given for
** an input wins, as the interpreter sets them in order). */
static void
row_inputs(const pm_verify *v, int32_t row, const char **cells, size_t n_in)
{
  int32_t i;
  size_t k;
  for (k = 0; k < n_in; k++)
    cells[k] = NULL;
  for (i = 0; i < v->n_fields; i++) {
    const pm_verifyfield *vf = &v->fields[i];
    uint32_t off;
    if (vf->role != PM_VF_INPUT || vf->col < 0)
      continue;
    off = v->cell[(size_t)row * (size_t)v->n_cols + (size_t)vf->col];
    cells[vf->index] = off == PM_VCELL_NONE || v->text[off] == '\0'
                           ? NULL
                           : v->text + off;
  }
}

/* The driver: the records' inputs as tables, a loop that scores each and
** prints "R" and its outputs ("N dtype hexfloat", "B 0|1",
** "S dtype length" and the bytes, "M") or "E status length" and the
** message. */
static int
write_driver(const compiled *cp, const char *path)
{
  const pm_verify *v = cp->m->verify;
  size_t n_in = pmml_model_input_count(cp->m), k;
  const char **cells = calloc(n_in ? n_in : 1, sizeof *cells);
  gbuf b = {0};
  FILE *f;
  int32_t row;
  int ok;
  if (!cells)
    return -1;
  gb_printf(&b,
            "/* pmmlc verify --compiled: the ModelVerification records. */\n"
            "#include <stdio.h>\n#include <string.h>\n#include \"pmv.h\"\n\n"
            "static const char *const cells[%zu] = {\n",
            (size_t)v->n_rows * (n_in ? n_in : 1));
  for (row = 0; row < v->n_rows; row++) {
    row_inputs(v, row, cells, n_in);
    for (k = 0; k < (n_in ? n_in : 1); k++) {
      gb_puts(&b, "  ");
      if (k < n_in && cells[k])
        gb_cstr(&b, cells[k], strlen(cells[k]));
      else
        gb_puts(&b, "NULL");
      gb_puts(&b, ",\n");
    }
  }
  gb_printf(&b,
            "};\n\nint\nmain(void)\n{\n"
            "  static pmv_ctx c;\n"
            "  size_t r, i, n_in = %zu;\n"
            "  int k, st;\n"
            "  for (r = 0; r < %zu; r++) {\n"
            "    pmv_init(&c);\n"
            "    for (i = 0; i < n_in; i++) {\n"
            "      const char *s = cells[r * (n_in ? n_in : 1) + i];\n"
            "      if (s)\n"
            "        pmv_set_text(&c, i, s, strlen(s));\n"
            "    }\n"
            "    st = pmv_score(&c);\n"
            "    if (st != 0) {\n"
            "      const char *msg = pmv_message(&c);\n"
            "      printf(\"E %%d %%lu\\n\", st, (unsigned long)strlen(msg));\n"
            "      fwrite(msg, 1, strlen(msg), stdout);\n"
            "      putchar('\\n');\n"
            "      continue;\n"
            "    }\n"
            "    puts(\"R\");\n"
            "    for (k = 0; k < PMV_N_OUTPUTS; k++) {\n"
            "      pmv_value x;\n"
            "      pmv_output(&c, (size_t)k, &x);\n"
            "      if (x.kind == PMV_NUMBER) {\n"
            "        printf(\"N %%d %%a\\n\", x.dtype, x.number);\n"
            "      } else if (x.kind == PMV_BOOLEAN) {\n"
            "        printf(\"B %%d\\n\", x.number != 0);\n"
            "      } else if (x.kind == PMV_STRING) {\n"
            "        printf(\"S %%d %%lu\\n\", x.dtype, "
            "(unsigned long)x.length);\n"
            "        fwrite(x.string, 1, x.length, stdout);\n"
            "        putchar('\\n');\n"
            "      } else {\n"
            "        puts(\"M\");\n"
            "      }\n"
            "    }\n"
            "  }\n"
            "  return fflush(stdout) != 0;\n}\n",
            n_in, (size_t)v->n_rows);
  free(cells);
  if (b.failed)
    return -1;
  f = fopen(path, "wb");
  ok = f && fwrite(b.p, 1, b.len, f) == b.len;
  if (f && fclose(f) != 0)
    ok = 0;
  gb_free(&b);
  return ok ? 0 : -1;
}

/* Read the program's output: one crecord per record. */
static int
parse_output(compiled *cp, size_t len)
{
  const pm_verify *v = cp->m->verify;
  char *p = cp->text, *end = cp->text + len;
  int32_t row;
  size_t k;
  cp->rec = calloc((size_t)v->n_rows + 1, sizeof *cp->rec);
  if (!cp->rec)
    return -1;
  for (row = 0; row < v->n_rows; row++) {
    crecord *r = &cp->rec[row];
    char *nl;
    if (p >= end)
      return -1;
    if (*p == 'E') {
      unsigned long n;
      char *q;
      r->status = (int)strtol(p + 2, &q, 10);
      n = strtoul(q, &q, 10);
      if (*q != '\n' || (size_t)(end - (q + 1)) < n + 1)
        return -1;
      r->msg = q + 1;
      q[1 + n] = '\0';
      p = q + 2 + n;
      if (r->status == 0)
        r->status = PMML_E_EVAL;
      continue;
    }
    if (p[0] != 'R' || p[1] != '\n')
      return -1;
    p += 2;
    r->out = calloc(cp->n_out + 1, sizeof *r->out);
    if (!r->out)
      return -1;
    for (k = 0; k < cp->n_out; k++) {
      pm_val *x = &r->out[k];
      char *q;
      nl = memchr(p, '\n', (size_t)(end - p));
      if (!nl)
        return -1;
      *nl = '\0';
      switch (*p) {
      case 'N': {
        long dt = strtol(p + 2, &q, 10);
        *x = pmmlV_num(strtod(q, NULL), (uint8_t)dt);
        p = nl + 1;
        break;
      }
      case 'B':
        *x = pmmlV_bool(p[2] == '1');
        p = nl + 1;
        break;
      case 'S': {
        long dt = strtol(p + 2, &q, 10);
        unsigned long n = strtoul(q, NULL, 10);
        if ((size_t)(end - (nl + 1)) < n + 1)
          return -1;
        *x = pmmlV_str(nl + 1, n, -1);
        x->dt = (uint8_t)dt;
        nl[1 + n] = '\0';
        p = nl + 2 + n;
        break;
      }
      case 'M':
        *x = pmmlV_missing();
        p = nl + 1;
        break;
      default:
        return -1;
      }
    }
  }
  return 0;
}

static pmml_status
compiled_record(void *ud, int32_t row, const char **msg)
{
  compiled *cp = ud;
  cp->cur = row;
  if (cp->rec[row].status != 0) {
    *msg = cp->rec[row].msg;
    return (pmml_status)cp->rec[row].status;
  }
  return PMML_OK;
}

static pmml_status
compiled_value(void *ud, const pm_verifyfield *vf, pm_val *out,
               const char **msg)
{
  compiled *cp = ud;
  const char *name = pmmlS_str(&cp->m->strs, vf->name);
  size_t k;
  for (k = 0; k < cp->n_out; k++)
    if (!strcmp(pmml_model_output_name(cp->m, k), name)) {
      *out = cp->rec[cp->cur].out[k];
      return PMML_OK;
    }
  *msg = "not an output of the generated code (only final OutputFields "
         "are)";
  return PMML_E_UNSUPPORTED;
}

/* Run a shell command; 0 when it exited with status 0. */
static int
run(const char *cmd)
{
  int st = system(cmd);
  return st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

/* Remove the temporary folder and what is in it. */
static void
remove_dir(const char *dir)
{
  DIR *d = opendir(dir);
  struct dirent *e;
  char path[512];
  if (!d)
    return;
  while ((e = readdir(d)) != NULL) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
      continue;
    snprintf(path, sizeof path, "%s%s", dir, e->d_name);
    unlink(path);
  }
  closedir(d);
  rmdir(dir);
}

/* The first lines of file 'path' to stderr, indented. */
static void
show_file(const char *path, int max_lines)
{
  FILE *f = fopen(path, "r");
  char line[512];
  if (!f)
    return;
  while (max_lines-- > 0 && fgets(line, sizeof line, f))
    fprintf(stderr, "  %s%s", line, strchr(line, '\n') ? "" : "\n");
  fclose(f);
}

pmml_status
verify_compiled(const pmml_model *m, const char *model, pmml_verify_fn fn,
                void *ud, pmml_verify_report *report, pmml_error *err)
{
  compiled cp;
  pm_verify_scorer sc;
  gen_options o;
  unsigned char *bytes = NULL;
  size_t n_bytes = 0, len = 0;
  const char *tmp = getenv("TMPDIR"), *cc = getenv("CC");
  char path[512], cmd[2048];
  pmml_status st = PMML_E_EVAL;
  int32_t row;
  memset(&cp, 0, sizeof cp);
  memset(&o, 0, sizeof o);
  memset(err, 0, sizeof *err);
  memset(report, 0, sizeof *report);
  cp.m = m;
  cp.n_out = pmml_model_output_count(m);
  err->code = PMML_E_EVAL;
  if (!m->verify)
    return pmmlE_verify(m, NULL, fn, ud, report, err);
  snprintf(cp.dir, sizeof cp.dir, "%s/pmmlc-verify-XXXXXX",
           tmp && *tmp && strlen(tmp) < 200 ? tmp : "/tmp");
  if (!mkdtemp(cp.dir)) {
    snprintf(err->message, sizeof err->message, "%s: %s", cp.dir,
             strerror(errno));
    return PMML_E_IO;
  }
  strcat(cp.dir, "/");
  /* Generate the model and the driver. */
  bytes = read_all(model, &n_bytes);
  if (!bytes) {
    snprintf(err->message, sizeof err->message, "%s", strerror(errno));
    st = PMML_E_IO;
    goto done;
  }
  {
    const char *slash = strrchr(model, '/');
    o.source = slash ? slash + 1 : model;
  }
  o.prefix = "pmv";
  o.header = "pmv.h";
  o.stem = "pmv";
  o.split_bytes = 8000000;
  o.pack_nodes = 4096;
  snprintf(path, sizeof path, "%spmv.h", cp.dir);
  if (compile_write(m, model, bytes, n_bytes, &o, cp.dir, path)) {
    snprintf(err->message, sizeof err->message,
             "the code generator cannot compile this model (see above)");
    st = PMML_E_UNSUPPORTED;
    goto done;
  }
  snprintf(path, sizeof path, "%sverify_main.c", cp.dir);
  if (write_driver(&cp, path)) {
    snprintf(err->message, sizeof err->message,
             "cannot write the driver of the generated code");
    st = PMML_E_IO;
    goto done;
  }
  /* Build and run it. */
  snprintf(cmd, sizeof cmd,
           "%s -std=c99 -O1 -o '%spmv' '%s'*.c -lm 2>'%scc.log'",
           cc && *cc ? cc : "cc", cp.dir, cp.dir, cp.dir);
  if (run(cmd)) {
    fprintf(stderr, "%s: error: the generated C does not compile: %s\n",
            model, cmd);
    snprintf(path, sizeof path, "%scc.log", cp.dir);
    show_file(path, 10);
    snprintf(err->message, sizeof err->message,
             "the generated C does not compile");
    goto done;
  }
  snprintf(cmd, sizeof cmd, "'%spmv' >'%sout.txt'", cp.dir, cp.dir);
  if (run(cmd)) {
    fprintf(stderr, "%s: error: the generated program failed: %s\n", model,
            cmd);
    snprintf(err->message, sizeof err->message,
             "the generated program failed");
    goto done;
  }
  snprintf(path, sizeof path, "%sout.txt", cp.dir);
  free(bytes);
  bytes = read_all(path, &len);
  cp.text = (char *)bytes;
  bytes = NULL;
  if (!cp.text || parse_output(&cp, len)) {
    snprintf(err->message, sizeof err->message,
             "the generated program's output cannot be read");
    goto done;
  }
  sc.record = compiled_record;
  sc.value = compiled_value;
  sc.ud = &cp;
  st = pmmlE_verify(m, &sc, fn, ud, report, err);
done:
  if (cp.rec)
    for (row = 0; row < m->verify->n_rows; row++)
      free(cp.rec[row].out);
  free(cp.rec);
  free(cp.text);
  free(bytes);
  remove_dir(cp.dir);
  return st;
}
