# The coordination analysis of seed 004 in R, as the reference for Helhet's observatory.
#
#   Rscript coordination_bca.R FILE.csv [REPLICATIONS=10000] [SEED=1] [CONFIDENCE=0.95] [L=reg]
#
# FILE.csv has the columns unit_id,unit_type,activity,coordinator (one row per unit and
# activity). Answers "unsure" and "varies" are left out. The units are resampled with
# replacement (plain boot(), no strata), the 36 statistics are computed from the resampled
# answer totals, and each gets boot.ci(type = "bca").
#
# L chooses the empirical influence values behind the acceleration:
#   reg   what boot.ci() uses by default for a boot() object with indices (empinf type
#         "reg": the regression of the replicates on the resampling frequencies). It is
#         computed here for all 36 statistics with one QR decomposition instead of 36 glm()
#         calls; the coefficients are the same as empinf.reg's.
#   jack  the jackknife (empinf type "jack"), centred on its mean as in Efron & Tibshirani
#         (1993, eq. 14.15): the convention Helhet uses.
#
# Prints CSV to standard output: name,estimate,lower,upper (NA where boot.ci gives none).
# With a sixth argument, also writes the 36 estimates and then the replicates (R x 36,
# column after column) to that file as little-endian doubles, so that Helhet's interval code
# can be checked on exactly R's replicates.
# See docs/observatory-statistics.md.

suppressPackageStartupMessages(library(boot))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 1) stop("usage: coordination_bca.R FILE.csv [R] [seed] [conf] [reg|jack]")
file <- args[1]
R <- if (length(args) >= 2) as.integer(args[2]) else 10000L
seed <- if (length(args) >= 3) as.integer(args[3]) else 1L
conf <- if (length(args) >= 4) as.numeric(args[4]) else 0.95
influence <- if (length(args) >= 5) args[5] else "reg"
dump <- if (length(args) >= 6) args[6] else ""

activities <- c("day_centre", "food_delivery", "cultural_nursing_home",
                "cultural_home_care", "physical", "social")
coordinators <- c("municipality", "voluntary", "joint", "other")
contrasted <- c("municipality", "voluntary", "joint")
statutory <- c("day_centre", "food_delivery")
non_statutory <- c("cultural_nursing_home", "cultural_home_care", "physical", "social")
non_statutory_wo_social <- setdiff(non_statutory, "social")

d <- read.csv(file, colClasses = "character", strip.white = TRUE)
d <- d[!(d$coordinator %in% c("unsure", "varies")), ]
units <- unique(d$unit_id)
# One row per unit: its answers, counted per (activity, coordinator).
counts <- matrix(0, nrow = length(units), ncol = length(activities) * length(coordinators))
cell <- (match(d$activity, activities) - 1) * length(coordinators) +
  match(d$coordinator, coordinators)
for (k in seq_len(nrow(d))) {
  u <- match(d$unit_id[k], units)
  counts[u, cell[k]] <- counts[u, cell[k]] + 1
}

statistics <- function(total) {
  m <- matrix(total, nrow = length(coordinators), dimnames = list(coordinators, activities))
  shares <- sweep(m, 2, colSums(m), "/")
  diff <- shares["municipality", ] - shares["voluntary", ]
  stat <- rowMeans(shares[contrasted, statutory, drop = FALSE])
  c(as.vector(shares),
    diff,
    stat - rowMeans(shares[contrasted, non_statutory, drop = FALSE]),
    stat - rowMeans(shares[contrasted, non_statutory_wo_social, drop = FALSE]))
}
names_out <- c(
  as.vector(outer(coordinators, activities, function(c, a) paste0("share:", a, ":", c))),
  paste0("diff:", activities),
  paste0("stat_vs_non:", contrasted),
  paste0("stat_vs_non_wo_social:", contrasted)
)

set.seed(seed)
b <- boot(counts, function(data, i) statistics(colSums(data[i, , drop = FALSE])), R = R)

n <- nrow(counts)
L <- matrix(NA_real_, nrow = n, ncol = length(names_out))
if (influence == "reg") {
  f <- boot.array(b)
  X <- cbind(1, f[, -1, drop = FALSE] / n)
  fin <- which(colSums(!is.finite(b$t)) == 0)
  if (length(fin) > 0) {
    beta <- qr.coef(qr(X), b$t[, fin, drop = FALSE])
    l <- rbind(0, beta[-1, , drop = FALSE])
    L[, fin] <- sweep(l, 2, colMeans(l))
  }
  for (j in setdiff(seq_along(names_out), fin)) {
    L[, j] <- tryCatch(empinf(b, index = j), error = function(e) rep(NA_real_, n))
  }
} else {
  for (j in seq_along(names_out)) {
    l <- tryCatch(empinf(b, index = j, type = "jack"), error = function(e) rep(NA_real_, n))
    L[, j] <- l - mean(l)
  }
}

out <- data.frame(name = names_out, estimate = b$t0, lower = NA_real_, upper = NA_real_)
for (j in seq_along(names_out)) {
  ci <- NULL
  # boot.ci prints a note (to standard output) for a constant statistic; keep the CSV clean.
  invisible(capture.output(ci <- tryCatch(
    suppressWarnings(boot.ci(b, conf = conf, type = "bca", index = j, L = L[, j])),
    error = function(e) NULL
  )))
  if (!is.null(ci) && !is.null(ci$bca)) {
    out$lower[j] <- ci$bca[1, 4]
    out$upper[j] <- ci$bca[1, 5]
  }
}
# Binary doubles, column by column (a text dump would round them to 15 digits).
if (nzchar(dump)) writeBin(c(b$t0, as.vector(b$t)), dump, endian = "little")
write.csv(out, stdout(), row.names = FALSE)
