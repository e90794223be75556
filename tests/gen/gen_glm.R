# testdata/corpus/glm/*: R glm (gaussian, binomial, poisson with an offset)
# and nnet::multinom, dumped as coefficient tables + R's own predictions into
# OUTDIR; gen_glm.py writes GeneralRegressionModel documents.
# usage: Rscript gen_glm.R OUTDIR
suppressMessages(library(nnet))
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
fmt <- function(x) ifelse(is.na(x), "", sprintf("%.17g", x))
dump_coef <- function(cf, name) {
  if (is.matrix(cf)) {
    d <- data.frame(category = rep(rownames(cf), ncol(cf)), term = rep(colnames(cf), each = nrow(cf)),
                    coef = fmt(as.vector(cf)))
  } else {
    stopifnot(!any(is.na(cf)))
    d <- data.frame(category = "", term = names(cf), coef = fmt(cf))
  }
  write.csv(d, file.path(out, paste0(name, "_coef.csv")), row.names = FALSE, quote = TRUE)
}
dump_pred <- function(newdata, pred, name) {
  d <- newdata
  for (v in names(d)) if (is.numeric(d[[v]])) d[[v]] <- fmt(d[[v]]) else d[[v]] <- as.character(d[[v]])
  if (is.matrix(pred)) {
    for (c in colnames(pred)) d[[paste0(".p_", c)]] <- fmt(pred[, c])
  } else d$.pred <- fmt(pred)
  write.csv(d, file.path(out, paste0(name, "_pred.csv")), row.names = FALSE, quote = TRUE, na = "")
}

# gaussian: covariates, a factor, and a covariate-by-factor interaction
set.seed(51)
mk <- function(n) {
  temp <- round(runif(n, -5, 35), 1)
  wind <- round(rexp(n, 0.2), 1)
  site <- factor(sample(c("A", "B", "C"), n, replace = TRUE), levels = c("A", "B", "C"))
  load <- 200 + 3 * temp - 1.5 * wind + c(A = 0, B = 25, C = -10)[as.character(site)] +
          ifelse(site == "B", 0.8 * temp, 0) + rnorm(n, 0, 5)
  data.frame(temp = temp, wind = wind, site = site, load = load)
}
tr <- mk(300)
fit <- glm(load ~ temp + wind + site + temp:site, data = tr, family = gaussian)
te <- mk(100)[, 1:3]
dump_coef(coef(fit), "gauss")
dump_pred(te, predict(fit, te, type = "response"), "gauss")

# binomial logit
set.seed(52)
mk <- function(n) {
  dose <- round(runif(n, 0, 10), 2)
  weight <- round(rnorm(n, 70, 12), 1)
  sex <- factor(sample(c("female", "male"), n, replace = TRUE))
  eta <- -4 + 0.7 * dose + 0.01 * weight + ifelse(sex == "male", -0.6, 0)
  data.frame(dose = dose, weight = weight, sex = sex, response = rbinom(n, 1, plogis(eta)))
}
tr <- mk(400)
fit <- glm(response ~ dose + weight + sex + I(dose^2), data = tr, family = binomial)
te <- mk(120)[, 1:3]
dump_coef(coef(fit), "binom")
dump_pred(te, predict(fit, te, type = "response"), "binom")

# poisson with log(exposure) offset
set.seed(53)
mk <- function(n) {
  age <- round(runif(n, 18, 70))
  exposure <- round(runif(n, 0.2, 5), 2)
  region <- factor(sample(c("rural", "suburb", "urban"), n, replace = TRUE))
  mu <- exposure * exp(-2 + 0.02 * age + c(rural = 0, suburb = 0.3, urban = 0.7)[as.character(region)])
  data.frame(age = age, exposure = exposure, region = region, claims = rpois(n, mu))
}
tr <- mk(500)
fit <- glm(claims ~ age + region + offset(log(exposure)), data = tr, family = poisson)
te <- mk(120)[, 1:3]
dump_coef(coef(fit), "pois")
dump_pred(te, predict(fit, te, type = "response"), "pois")

# multinomial logistic (nnet::multinom)
set.seed(54)
mk <- function(n) {
  x1 <- round(rnorm(n, 0, 2), 3)
  x2 <- round(runif(n, 0, 10), 2)
  kind <- factor(sample(c("k1", "k2"), n, replace = TRUE))
  s1 <- 0.5 + 0.8 * x1 - 0.1 * x2 + ifelse(kind == "k2", 0.5, 0)
  s2 <- -0.5 - 0.4 * x1 + 0.3 * x2
  u <- cbind(0, s1, s2) + matrix(-log(-log(runif(n * 3))), ncol = 3)
  mode <- factor(c("bus", "car", "train")[max.col(u)], levels = c("bus", "car", "train"))
  data.frame(x1 = x1, x2 = x2, kind = kind, mode = mode)
}
tr <- mk(600)
fit <- multinom(mode ~ x1 + x2 + kind, data = tr, trace = FALSE, maxit = 1000, reltol = 1e-14)
te <- mk(120)[, 1:3]
dump_coef(coef(fit), "mnom")
pr <- predict(fit, te, type = "probs")
d <- te
dump_pred(te, pr, "mnom")
