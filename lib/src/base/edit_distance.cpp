#include "base/edit_distance.hpp"

#include <algorithm>
#include <limits>

namespace coverage {

std::size_t bounded_distance(std::string_view a, std::string_view b, std::size_t limit,
                             std::vector<std::size_t>& prev, std::vector<std::size_t>& cur)
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
