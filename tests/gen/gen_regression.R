# testdata/corpus/regression/r_*: R lm and glm(binomial) models.
# Dumps the coefficients (names as R prints them) and R's own predictions as
# CSV into OUTDIR; gen_regression.py writes the PMML (RegressionModel).
# usage: Rscript gen_regression.R OUTDIR
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
fmt <- function(x) ifelse(is.na(x), "", sprintf("%.17g", x))
dump_coef <- function(fit, name) {
  cf <- coef(fit)
  stopifnot(!any(is.na(cf)))
  write.csv(data.frame(term = names(cf), coef = fmt(cf)), file.path(out, paste0(name, "_coef.csv")),
            row.names = FALSE, quote = TRUE)
}
dump_pred <- function(newdata, pred, name) {
  d <- newdata
  for (v in names(d)) if (is.numeric(d[[v]])) d[[v]] <- fmt(d[[v]]) else d[[v]] <- as.character(d[[v]])
  d$.pred <- fmt(pred)
  write.csv(d, file.path(out, paste0(name, "_pred.csv")), row.names = FALSE, quote = TRUE, na = "")
}

# lm with an interaction, a square and a factor
set.seed(11)
mk_lm <- function(n) {
  x1 <- round(runif(n, -3, 5), 3)
  x2 <- round(rnorm(n, 10, 3), 3)
  shop <- factor(sample(c("north", "south", "east", "west"), n, replace = TRUE),
                 levels = c("east", "north", "south", "west"))
  y <- 50 + 1.5 * x1 - 0.7 * x2 + 0.25 * x1 * x2 + 0.8 * x1^2 +
       c(east = 0, north = 2, south = -1.5, west = 4)[as.character(shop)] + rnorm(n, 0, 1)
  data.frame(x1 = x1, x2 = x2, shop = shop, y = y)
}
tr <- mk_lm(300)
fit <- lm(y ~ x1 + x2 + x1:x2 + I(x1^2) + shop, data = tr)
te <- mk_lm(100)[, c("x1", "x2", "shop")]
dump_coef(fit, "lm")
dump_pred(te, predict(fit, te), "lm")

# glm binomial (logit) with a factor
set.seed(12)
mk_glm <- function(n) {
  age <- round(runif(n, 18, 80))
  income <- round(rlnorm(n, 10.5, 0.5), 2)
  plan <- factor(sample(c("basic", "plus", "premium"), n, replace = TRUE),
                 levels = c("basic", "plus", "premium"))
  eta <- -3 + 0.04 * age + 0.00001 * income + c(basic = 0, plus = 0.8, premium = 1.6)[as.character(plan)]
  churn <- rbinom(n, 1, plogis(eta))
  data.frame(age = age, income = income, plan = plan, churn = churn)
}
tr <- mk_glm(500)
fit <- glm(churn ~ age + income + plan, data = tr, family = binomial(link = "logit"))
te <- mk_glm(120)[, c("age", "income", "plan")]
dump_coef(fit, "glm")
dump_pred(te, predict(fit, te, type = "response"), "glm")
