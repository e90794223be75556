/*
** compile.c: `pmmlc compile MODEL -o model.c` (also `pmmlc MODEL -o
** model.c`): read the document, hash its bytes, load it with libpmmlrt
** (the same reader and resolver as `pmmlc score`), hand the IR to the
** generator (gen.c) and write model.c and model.h. The files are written
** only when generation succeeds, so a failed run leaves nothing stale.
*/
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"
#include "pmmlc.h"

static void
compile_usage(FILE *out)
{
  fprintf(out,
    "Usage: %s compile [OPTION]... MODEL -o FILE.c\n"
    "       %s MODEL -o FILE.c [OPTION]...\n"
    "Turn a PMML model into standalone C99: FILE.c and its header. The\n"
    "code scores records exactly as `pmmlc score` does, needs nothing but\n"
    "<math.h> and the freestanding headers, allocates nothing and keeps no\n"
    "mutable global state.\n"
    "\n"
    "  -o, --output=FILE.c   the C file to write (default: MODEL's base name\n"
    "                        with .c, in the current directory)\n"
    "      --header=FILE.h   the header (default: FILE.c with .h)\n"
    "      --prefix=NAME     prefix of the API, NAME_score... (default: from\n"
    "                        the name of FILE.c)\n"
    "      --float           compute in single precision (float)\n"
    "      --main            add a main() that reads CSV on standard input\n"
    "                        and writes what `pmmlc score` writes\n"
    "      --split=BYTES     put the tables of big models in several files\n"
    "                        of about BYTES (default 8000000; 0: never)\n"
    "      --pack-nodes=N    tree tables as bytes rather than readable\n"
    "                        structs beyond N nodes in all (default 4096)\n"
    "  -h, --help            show this help\n",
    progname, progname);
}

unsigned char *
read_all(const char *path, size_t *n)
{
  FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
  unsigned char *p = NULL, *q;
  size_t cap = 0, len = 0, got;
  if (!f)
    return NULL;
  for (;;) {
    if (len == cap) {
      cap = cap ? cap * 2 : 1 << 16;
      q = realloc(p, cap);
      if (!q) {
        free(p);
        p = NULL;
        errno = ENOMEM;
        break;
      }
      p = q;
    }
    got = fread(p + len, 1, cap - len, f);
    len += got;
    if (got == 0) {
      if (ferror(f)) {
        free(p);
        p = NULL;
      }
      break;
    }
  }
  if (f != stdin)
    fclose(f);
  *n = len;
  return p;
}

/* The base name of path without its directory and last extension. */
static char *
stem_of(const char *path)
{
  const char *b = strrchr(path, '/'), *dot;
  char *s;
  b = b ? b + 1 : path;
  dot = strrchr(b, '.');
  if (!dot || dot == b)
    dot = b + strlen(b);
  s = malloc((size_t)(dot - b) + 1);
  if (s) {
    memcpy(s, b, (size_t)(dot - b));
    s[dot - b] = '\0';
  }
  return s;
}

/* A lower-case C identifier from s (the default prefix). */
static char *
ident_of(const char *s)
{
  gbuf b = {0};
  char *r;
  gb_ident(&b, s, strlen(s), 0);
  if (b.failed)
    return NULL;
  r = b.p;
  return r;
}

static int
write_file(const char *path, const gbuf *text)
{
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(text->p, 1, text->len, f) != text->len) {
    fprintf(stderr, "%s: error: %s\n", path, strerror(errno));
    if (f)
      fclose(f);
    return -1;
  }
  if (fclose(f) != 0) {
    fprintf(stderr, "%s: error: %s\n", path, strerror(errno));
    return -1;
  }
  return 0;
}

static int
valid_ident(const char *s)
{
  size_t i;
  if (!*s || (*s >= '0' && *s <= '9'))
    return 0;
  for (i = 0; s[i]; i++)
    if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
          (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
      return 0;
  return 1;
}

int
compile_write(const pmml_model *m, const char *model,
              const unsigned char *bytes, size_t n_bytes, gen_options *o,
              const char *dir, const char *hpath)
{
  gen_file *files = NULL;
  int n_files = 0, i, status = -1;
  char err[1024];
  sha256_ctx sh;
  sha256_init(&sh);
  sha256_update(&sh, bytes, n_bytes);
  sha256_final(&sh, o->sha);
  if (o->use_float) {
    /* Single precision holds 24 bits: seconds since 1970 do not fit. */
    size_t k;
    for (k = 0; k < pmml_model_input_count(m); k++) {
      pmml_dtype dt = pmml_model_input_dtype(m, k);
      if (dt >= PMML_DT_DATE && dt != PMML_DT_BOOLEAN) {
        fprintf(stderr, "%s: warning: --float: input '%s' is a %s, which "
                "loses precision in single precision\n",
                model, pmml_model_input_name(m, k), pmml_dtype_name(dt));
        break;
      }
    }
  }
  if (gen_document(m, o, &files, &n_files, err, sizeof err)) {
    /* "LINE:message": the compiler convention, like load errors. */
    char *colon = strchr(err, ':');
    unsigned long line = strtoul(err, NULL, 10);
    if (colon && line)
      fprintf(stderr, "%s:%lu: error: %s\n", model, line, colon + 1);
    else
      fprintf(stderr, "%s: error: %s\n", model, colon ? colon + 1 : err);
    goto done;
  }
  for (i = 0; i < n_files; i++) {
    char *path;
    const char *name = files[i].name;
    if (i == 1) {
      if (write_file(hpath, &files[i].text))
        goto done;
      continue;
    }
    path = malloc(strlen(dir) + strlen(name) + 1);
    if (!path) {
      warnx_("out of memory");
      goto done;
    }
    sprintf(path, "%s%s", dir, name);
    if (write_file(path, &files[i].text)) {
      free(path);
      goto done;
    }
    free(path);
  }
  status = 0;
done:
  gen_files_free(files, n_files);
  return status;
}

int
cmd_compile(int argc, char **argv)
{
  static const struct option longopts[] = {
    {"output", required_argument, NULL, 'o'},
    {"header", required_argument, NULL, 'H'},
    {"prefix", required_argument, NULL, 'P'},
    {"float", no_argument, NULL, 'F'},
    {"main", no_argument, NULL, 'M'},
    {"split", required_argument, NULL, 'S'},
    {"pack-nodes", required_argument, NULL, 'N'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
  };
  const char *model, *output = NULL, *header = NULL, *prefix = NULL;
  char *stem = NULL, *cpath = NULL, *hpath = NULL, *pfx = NULL, *dir = NULL;
  char *hname = NULL;
  gen_options o;
  unsigned char *bytes = NULL;
  size_t n_bytes = 0;
  pmml_model *m = NULL;
  pmml_error e;
  int c, status = EXIT_DATA;

  memset(&o, 0, sizeof o);
  o.split_bytes = 8000000;
  o.pack_nodes = 4096;
  optind = 1;
  while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
    switch (c) {
    case 'o':
      output = optarg;
      break;
    case 'H':
      header = optarg;
      break;
    case 'P':
      prefix = optarg;
      break;
    case 'F':
      o.use_float = 1;
      break;
    case 'M':
      o.with_main = 1;
      break;
    case 'N': {
      char *end;
      long v = strtol(optarg, &end, 10);
      if (*end || end == optarg || v < 0 || v > 2000000000L)
        die_usage("compile: --pack-nodes takes a number, not '%s'", optarg);
      o.pack_nodes = (int32_t)v;
      break;
    }
    case 'S': {
      char *end;
      unsigned long long v = strtoull(optarg, &end, 10);
      if (*end || end == optarg)
        die_usage("compile: --split takes a number of bytes, not '%s'",
                  optarg);
      o.split_bytes = (size_t)v;
      break;
    }
    case 'h':
      compile_usage(stdout);
      exit(0);
    default:
      die_usage("compile: bad option");
    }
  }
  if (optind != argc - 1)
    die_usage(optind >= argc ? "compile: no MODEL given"
                             : "compile: expected one MODEL");
  model = argv[optind];
  if (prefix && !valid_ident(prefix))
    die_usage("compile: --prefix '%s' is not a C identifier", prefix);
  /* Names: FILE.c, its directory, the header, the prefix. */
  if (output) {
    const char *dot = strrchr(output, '.');
    if (!dot || strcmp(dot, ".c"))
      die_usage("compile: the output '%s' must end with .c", output);
    cpath = strdup(output);
  } else {
    char *s = stem_of(model);
    cpath = s ? malloc(strlen(s) + 3) : NULL;
    if (cpath)
      sprintf(cpath, "%s.c", s);
    free(s);
  }
  if (!cpath)
    goto nomem;
  {
    const char *slash = strrchr(cpath, '/');
    size_t dl = slash ? (size_t)(slash - cpath + 1) : 0;
    dir = malloc(dl + 1);
    if (!dir)
      goto nomem;
    memcpy(dir, cpath, dl);
    dir[dl] = '\0';
    stem = stem_of(cpath);
    if (!stem)
      goto nomem;
  }
  if (header) {
    hpath = strdup(header);
  } else {
    hpath = malloc(strlen(cpath) + 1);
    if (hpath) {
      strcpy(hpath, cpath);
      hpath[strlen(hpath) - 1] = 'h';
    }
  }
  if (!hpath)
    goto nomem;
  {
    const char *slash = strrchr(hpath, '/');
    hname = strdup(slash ? slash + 1 : hpath);
    if (!hname)
      goto nomem;
  }
  pfx = prefix ? strdup(prefix) : ident_of(stem);
  if (!pfx)
    goto nomem;
  /* Read, hash, load. */
  bytes = read_all(model, &n_bytes);
  if (!bytes) {
    fprintf(stderr, "%s: error: %s\n", model, strerror(errno));
    goto done;
  }
  {
    const char *slash = strrchr(model, '/');
    o.source = slash ? slash + 1 : model;
  }
  o.prefix = pfx;
  o.header = hname;
  o.stem = stem;
  if (pmml_model_load_memory(bytes, n_bytes, NULL, &m, &e) != PMML_OK) {
    print_load_error(strcmp(model, "-") ? model : "<stdin>", &e);
    goto done;
  }
  if (compile_write(m, model, bytes, n_bytes, &o, dir, hpath))
    goto done;
  status = 0;
  goto done;
nomem:
  warnx_("out of memory");
done:
  pmml_model_free(m);
  free(bytes);
  free(stem);
  free(cpath);
  free(hpath);
  free(hname);
  free(pfx);
  free(dir);
  return status;
}
