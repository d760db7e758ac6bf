// street_names.hpp — city-wide unique German street names.
#pragma once

#include "model.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace gen_jena {

// Street names: plausible German names, unique across the whole city.
class StreetNamer {
public:
    StreetNamer();
    ~StreetNamer();
    StreetNamer(const StreetNamer&) = delete;
    StreetNamer& operator=(const StreetNamer&) = delete;
    // A fresh, city-wide unique name suitable for the district kind.
    std::string make(Rng& r, Kind kind);
    // The name of an outlying farm or mill.
    std::string outlier(Rng& r);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace gen_jena
