# testdata/corpus/mining/r_*: R randomForest (classification) and gbm (regression).
# Dumps the trees (getTree, pretty.gbm.tree) and R's predictions as CSV into
# OUTDIR; gen_mining.py writes the PMML.
# usage: Rscript gen_mining.R OUTDIR
suppressMessages({ library(randomForest); library(gbm) })
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
fmt <- function(x) ifelse(is.na(x), "", sprintf("%.17g", x))

# randomForest on iris
set.seed(31)
d <- iris
names(d) <- c("sepal_length", "sepal_width", "petal_length", "petal_width", "species")
rf <- randomForest(species ~ ., data = d, ntree = 25, maxnodes = 12)
lev <- levels(d$species)
rows <- list()
for (k in 1:rf$ntree) {
  t <- getTree(rf, k, labelVar = FALSE)
  vars <- colnames(d)[1:4]
  rows[[k]] <- data.frame(tree = k, node = seq_len(nrow(t)), left = t[, "left daughter"],
                          right = t[, "right daughter"],
                          var = ifelse(t[, "split var"] > 0, vars[pmax(t[, "split var"], 1)], ""),
                          split = fmt(t[, "split point"]), status = t[, "status"],
                          prediction = ifelse(t[, "status"] == -1, lev[pmax(t[, "prediction"], 1)], ""))
}
write.csv(do.call(rbind, rows), file.path(out, "rf_trees.csv"), row.names = FALSE, quote = FALSE)
set.seed(32)
te <- d[sample(nrow(d), 150), 1:4]
te <- te + matrix(round(rnorm(150 * 4, 0, 0.15), 2), ncol = 4)
votes <- predict(rf, te, type = "vote", norm.votes = FALSE)
tie <- apply(votes, 1, function(v) sum(v == max(v)) > 1)
te <- te[!tie, ]
cls <- as.character(predict(rf, te, type = "response"))
pv <- predict(rf, te, type = "vote", norm.votes = TRUE)
res <- data.frame(lapply(te, fmt))
res$species <- cls
for (l in lev) res[[paste0("probability(", l, ")")]] <- fmt(pv[, l])
write.csv(res, file.path(out, "rf_pred.csv"), row.names = FALSE, quote = FALSE)

# gbm gaussian with missing values
set.seed(33)
mk <- function(n) {
  weight <- round(runif(n, 1500, 5000))
  hp <- round(weight * 0.04 + rnorm(n, 0, 20))
  year <- round(runif(n, 70, 82))
  accel <- round(runif(n, 8, 25), 1)
  mpg <- 55 - weight * 0.006 - hp * 0.05 + (year - 70) * 0.8 + accel * 0.1 + rnorm(n, 0, 2)
  d <- data.frame(weight = weight, hp = hp, year = year, accel = accel)
  for (v in names(d)) d[[v]][runif(n) < 0.1] <- NA
  d$mpg <- mpg
  d
}
tr <- mk(500)
fit <- gbm(mpg ~ weight + hp + year + accel, data = tr, distribution = "gaussian", n.trees = 40,
           interaction.depth = 3, shrinkage = 0.1, bag.fraction = 0.8, n.minobsinnode = 10,
           verbose = FALSE, keep.data = FALSE)
stopifnot(all(fit$var.type == 0))
rows <- list()
for (k in 1:fit$n.trees) {
  t <- pretty.gbm.tree(fit, i.tree = k)
  rows[[k]] <- data.frame(tree = k, node = as.integer(rownames(t)), SplitVar = t$SplitVar,
                          SplitCodePred = fmt(t$SplitCodePred), LeftNode = t$LeftNode,
                          RightNode = t$RightNode, MissingNode = t$MissingNode)
}
write.csv(do.call(rbind, rows), file.path(out, "gbm_trees.csv"), row.names = FALSE, quote = FALSE)
write.csv(data.frame(initF = fmt(fit$initF)), file.path(out, "gbm_init.csv"), row.names = FALSE, quote = FALSE)
set.seed(34)
te <- mk(120)[, 1:4]
p <- predict(fit, te, n.trees = fit$n.trees)
res <- data.frame(lapply(te, fmt))
res$.pred <- fmt(p)
write.csv(res, file.path(out, "gbm_pred.csv"), row.names = FALSE, quote = FALSE)
