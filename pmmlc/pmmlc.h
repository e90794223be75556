/*
** pmmlc.h: what the verbs of the pmmlc program share: loading a model
** with messages in the compiler convention, and the verbs' entry points.
*/
#ifndef PMMLC_H
#define PMMLC_H

#include "pmml.h"

/* Exit statuses (DESIGN.md): 1 the model or the data is wrong, 2 usage. */
#define EXIT_DATA 1
#define EXIT_USAGE 2

extern const char *progname;

/* Print "pmmlc: message" to stderr. */
void die_usage(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2), noreturn))
#endif
    ;
void warnx_(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Load 'path' ("-" is standard input); on failure print
** "path:line:col: error: message" and return NULL. */
pmml_model *load_model(const char *path);

/* Print a load error in the compiler convention. */
void print_load_error(const char *path, const pmml_error *e);

int cmd_compile(int argc, char **argv);
int cmd_score(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_verify(int argc, char **argv);
/* verify_compiled.c: pmml_model_verify() through the generated C of the
** model read from file 'model' (built with $CC, else cc, in a temporary
** folder). */
pmml_status verify_compiled(const pmml_model *m, const char *model,
                            pmml_verify_fn fn, void *ud,
                            pmml_verify_report *report, pmml_error *err);

#endif
