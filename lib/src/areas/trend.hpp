#pragma once
// The trend of a coverage share over time, fitted to the shares observed in successive
// surveys: a logistic curve s(t) = 1 / (1 + exp(-k (t - t0))) (adoption curves saturate at
// 100 %), fitted by least squares on the shares themselves (Levenberg–Marquardt on the two
// parameters, Eigen), or a straight line s(t) = a + b t through fewer than three surveys.
// Time t is in years (2021.5 = the middle of 2021).
#include <optional>
#include <vector>

namespace coverage {

/// Share at which the trend counts as full coverage: a logistic curve only approaches 100 %,
/// so "reaching 100 %" means reaching 99 % (the last addresses of any programme are the
/// outliers no curve predicts).
inline constexpr double full_share = 0.99;
/// The last year searched for full coverage ("not before 2050").
inline constexpr int trend_last_year = 2050;

struct Trend {
    enum class Kind { none, line, logistic };
    Kind kind = Kind::none;
    double k = 0, t0 = 0; // logistic: growth rate per year, year of 50 %
    double a = 0, b = 0;  // line: share at t = 0 and per year
    /// The share at time t, clamped to 0..1; NaN for Kind::none.
    [[nodiscard]] double at(double t) const;
    /// The first year from `from` to trend_last_year whose end (31 Dec) reaches full_share;
    /// empty when none does (or there is no trend).
    [[nodiscard]] std::optional<int> reaches_full(int from) const;
};

/// Fits the trend to (t, share) observations: none for fewer than two distinct times, a line
/// for two, the logistic curve for three or more (falling back to the line if it does not
/// converge).
Trend fit_trend(const std::vector<double>& t, const std::vector<double>& share);

/// Time in years of the end of day `day` (days since 1970-01-01): year + (day of year) / days
/// in the year, so 31 Dec of Y is Y + 1 exactly and 30 June 2021 is 2021.4959.
double year_fraction(int day);

} // namespace coverage
