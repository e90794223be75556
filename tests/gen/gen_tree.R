# testdata/corpus/tree/rpart_surrogate: an R rpart classification tree with
# surrogate splits, and R's own predict() on inputs with missing values.
# This script dumps the fitted tree (frame + splits) and the predictions as
# CSV files into the folder given as argument; gen_tree_r.py writes the PMML.
# usage: Rscript gen_tree.R OUTDIR
suppressMessages(library(rpart))
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
fmt <- function(x) ifelse(is.na(x), "", sprintf("%.17g", x))

set.seed(20240601)
n <- 400
make <- function(n) {
  size <- runif(n, 0, 10)
  weight <- size * 2 + rnorm(n, 0, 2)
  age <- round(runif(n, 1, 20))
  speed <- 10 - size * 0.6 + rnorm(n, 0, 1.5) + age * 0.1
  s <- size + 0.3 * age + rnorm(n, 0, 1.5)
  grade <- ifelse(s < 5, "low", ifelse(s < 9, "mid", "high"))
  data.frame(size = round(size, 2), weight = round(weight, 2), age = age,
             speed = round(speed, 2), grade = factor(grade, levels = c("high", "low", "mid")))
}
train <- make(n)
fit <- rpart(grade ~ size + weight + age + speed, data = train, method = "class",
             control = rpart.control(minsplit = 20, cp = 0.004, maxsurrogate = 3,
                                     usesurrogate = 2, xval = 0))
fr <- fit$frame
# node table
lev <- attr(fit, "ylevels")
k <- length(lev)
y2 <- fr$yval2
nodes <- data.frame(node = as.integer(rownames(fr)), var = as.character(fr$var), n = fr$n,
                    yval = lev[fr$yval])
for (j in 1:k) nodes[[paste0("count_", lev[j])]] <- fmt(y2[, 1 + j])
for (j in 1:k) nodes[[paste0("prob_", lev[j])]] <- fmt(y2[, 1 + k + j])
# splits: primary then surrogates, in rpart's order (pred.rpart's indexing)
idx <- 1 + c(0, cumsum((fr$var != "<leaf>") + fr$ncompete + fr$nsurrogate))[-(nrow(fr) + 1)]
sp <- fit$splits
rows <- list()
for (i in seq_len(nrow(fr))) {
  if (fr$var[i] == "<leaf>") next
  take <- c(idx[i], if (fr$nsurrogate[i] > 0) idx[i] + fr$ncompete[i] + seq_len(fr$nsurrogate[i]))
  for (t in seq_along(take)) {
    r <- take[t]
    stopifnot(abs(sp[r, "ncat"]) == 1)   # numeric splits only
    rows[[length(rows) + 1]] <- data.frame(node = as.integer(rownames(fr)[i]),
      kind = if (t == 1) "primary" else "surrogate", var = rownames(sp)[r],
      ncat = sp[r, "ncat"], index = fmt(sp[r, "index"]))
  }
}
splits <- do.call(rbind, rows)
# the majority direction must be decided (rpart stays in the node on a tie)
for (i in seq_len(nrow(fr))) {
  if (fr$var[i] == "<leaf>") next
  nd <- as.integer(rownames(fr)[i])
  nl <- fr$n[rownames(fr) == 2 * nd]; nr <- fr$n[rownames(fr) == 2 * nd + 1]
  if (nl == nr) stop("tie in majority direction at node ", nd)
}
write.csv(nodes, file.path(out, "rpart_nodes.csv"), row.names = FALSE, quote = FALSE)
write.csv(splits, file.path(out, "rpart_splits.csv"), row.names = FALSE, quote = FALSE)

# test inputs: complete rows, then one, two, three and four missing values
set.seed(7)
test <- make(120)[, 1:4]
vars <- names(test)
for (i in 41:120) {
  m <- if (i <= 80) 1 else if (i <= 100) 2 else if (i <= 112) 3 else 4
  test[i, sample(vars, m)] <- NA
}
cls <- as.character(predict(fit, test, type = "class"))
pr <- predict(fit, test, type = "prob")
res <- data.frame(test)
for (v in vars) res[[v]] <- fmt(test[[v]])
res$grade <- cls
for (l in lev) res[[paste0("probability(", l, ")")]] <- fmt(pr[, l])
write.csv(res, file.path(out, "rpart_scored.csv"), row.names = FALSE, quote = FALSE, na = "")
cat("rpart: ", nrow(fr), " nodes, ", nrow(splits), " split rows\n", sep = "")
