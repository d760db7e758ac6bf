#include "base/edit_distance.hpp"
#include "coverage/edit_distance.hpp"

#include <algorithm>
#include <limits>

namespace coverage {

std::size_t bounded_distance(std::string_view a, std::string_view b, std::size_t limit, std::vector<std::size_t>& prev,
                             std::vector<std::size_t>& cur)
{
    prev.resize(b.size() + 1);
    cur.resize(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        std::size_t row_min = cur[0];
        for (std::size_t j = 1; j <= b.size(); ++j) {
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            row_min = std::min(row_min, cur[j]);
        }
        if (row_min > limit) return row_min;
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::size_t edit_distance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> prev, cur;
    return bounded_distance(a, b, std::numeric_limits<std::size_t>::max(), prev, cur);
}

} // namespace coverage

namespace coverage {

std::string nearest_name(std::string_view key, const std::vector<std::string_view>& candidates,
                         std::size_t max_distance)
{
    // A name typed in part ("bead" for "us-bead-2022") is nearer than any edit count says.
    if (key.size() >= 3)
        for (auto c : candidates)
            if (c != key && c.find(key) != std::string_view::npos) return std::string(c);
    std::string_view best;
    std::size_t best_d = std::numeric_limits<std::size_t>::max();
    std::vector<std::size_t> prev, cur;
    for (auto c : candidates) {
        const std::size_t d = bounded_distance(key, c, best_d, prev, cur);
        if (d < best_d) best_d = d, best = c;
    }
    if (best_d > max_distance) return {};
    return std::string(best);
}

} // namespace coverage
