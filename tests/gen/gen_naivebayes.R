# testdata/corpus/naivebayes/r_e1071_mixed: e1071::naiveBayes with numeric
# (Gaussian) and factor inputs, missing values, zero counts (threshold).
# Dumps class counts, per-class means/sds, factor counts and R's predictions
# into OUTDIR; gen_naivebayes.py writes the PMML.
# usage: Rscript gen_naivebayes.R OUTDIR
suppressMessages(library(e1071))
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
fmt <- function(x) ifelse(is.na(x), "", sprintf("%.17g", x))
set.seed(90)
mk <- function(n) {
  cls <- factor(sample(c("spam", "ham", "promo"), n, replace = TRUE, prob = c(0.3, 0.5, 0.2)),
                levels = c("ham", "promo", "spam"))
  links <- round(rnorm(n, c(ham = 2, promo = 4.5, spam = 3.5)[as.character(cls)], 1.5), 1)
  length <- round(rnorm(n, c(ham = 3, promo = 4, spam = 2.5)[as.character(cls)], 0.8), 2)
  sender <- character(n)
  for (i in 1:n) sender[i] <- switch(as.character(cls[i]),
    ham = sample(c("friend", "work", "shop"), 1, prob = c(0.5, 0.45, 0.05)),
    promo = sample(c("shop", "unknown"), 1, prob = c(0.8, 0.2)),
    spam = sample(c("unknown", "shop"), 1, prob = c(0.9, 0.1)))
  d <- data.frame(links = links, length = length,
                  sender = factor(sender, levels = c("friend", "shop", "unknown", "work")), class = cls)
  d
}
tr <- mk(400)
tr$links[sample(400, 20)] <- NA
tr$sender[sample(400, 15)] <- NA
fit <- naiveBayes(class ~ links + length + sender, data = tr)
lev <- levels(tr$class)
write.csv(data.frame(class = names(fit$apriori), count = as.vector(fit$apriori)),
          file.path(out, "nb_prior.csv"), row.names = FALSE, quote = FALSE)
g <- do.call(rbind, lapply(c("links", "length"), function(v) {
  t <- fit$tables[[v]]
  data.frame(field = v, class = rownames(t), mean = fmt(t[, 1]), sd = fmt(t[, 2]))
}))
write.csv(g, file.path(out, "nb_gauss.csv"), row.names = FALSE, quote = FALSE)
cnt <- table(tr$class, tr$sender)
stopifnot(all.equal(as.vector(fit$tables$sender), as.vector(cnt / rowSums(cnt))))
d <- as.data.frame(cnt, stringsAsFactors = FALSE)
names(d) <- c("class", "value", "count")
write.csv(d, file.path(out, "nb_counts.csv"), row.names = FALSE, quote = FALSE)
set.seed(91)
te <- mk(150)[, 1:3]
te$links[sample(150, 15)] <- NA
te$length[sample(150, 10)] <- NA
te$sender[sample(150, 15)] <- NA
pr <- predict(fit, te, type = "raw", threshold = 1e-6)
cls <- predict(fit, te, type = "class", threshold = 1e-6)
res <- data.frame(links = fmt(te$links), length = fmt(te$length), sender = as.character(te$sender))
res$sender[is.na(res$sender)] <- ""
for (l in lev) res[[paste0(".p_", l)]] <- fmt(pr[, l])
res$.class <- as.character(cls)
write.csv(res, file.path(out, "nb_pred.csv"), row.names = FALSE, quote = FALSE)
