# testdata/corpus/neural/r_nnet: an R nnet classifier (softmax output).
# Dumps every weight as (from unit, to unit, weight) using fit$conn/fit$nconn,
# and R's predictions, into OUTDIR; gen_neural.py writes the PMML.
# usage: Rscript gen_neural.R OUTDIR
suppressMessages(library(nnet))
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
fmt <- function(x) ifelse(is.na(x), "", sprintf("%.17g", x))
set.seed(70)
mk <- function(n) {
  a <- round(runif(n, 0, 1), 3)
  b <- round(runif(n, 0, 1), 3)
  c <- round(rnorm(n, 0.5, 0.2), 3)
  s <- cbind(3 * a - 2 * b, 2 * b + c, 1.5 * c * a + 0.3) + matrix(rnorm(n * 3, 0, 0.4), ncol = 3)
  type <- factor(c("alpha", "beta", "gamma")[max.col(s)], levels = c("alpha", "beta", "gamma"))
  data.frame(a = a, b = b, c = c, type = type)
}
tr <- mk(400)
fit <- nnet(type ~ a + b + c, data = tr, size = 4, decay = 0.02, maxit = 2000, trace = FALSE)
stopifnot(fit$softmax, fit$n[1] == 3)
nunits <- fit$nunits
rows <- list()
for (u in 0:(nunits - 1)) {
  lo <- fit$nconn[u + 1]; hi <- fit$nconn[u + 2]
  if (hi > lo) rows[[length(rows) + 1]] <- data.frame(to = u, from = fit$conn[(lo + 1):hi],
                                                      weight = fmt(fit$wts[(lo + 1):hi]))
}
write.csv(do.call(rbind, rows), file.path(out, "nnet_wts.csv"), row.names = FALSE, quote = FALSE)
write.csv(data.frame(n_in = fit$n[1], n_hid = fit$n[2], n_out = fit$n[3],
                     inputs = paste(fit$coefnames, collapse = ";"),
                     labels = paste(fit$lev, collapse = ";")),
          file.path(out, "nnet_info.csv"), row.names = FALSE, quote = FALSE)
set.seed(71)
te <- mk(120)[, 1:3]
pr <- predict(fit, te, type = "raw")
cls <- predict(fit, te, type = "class")
res <- data.frame(lapply(te, fmt))
for (l in fit$lev) res[[paste0(".p_", l)]] <- fmt(pr[, l])
res$.class <- cls
write.csv(res, file.path(out, "nnet_pred.csv"), row.names = FALSE, quote = FALSE)
