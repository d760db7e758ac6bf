// offers.hpp — the operators' availability reports (one CSV per operator).
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

// ---------------------------------------------------------------------------------------
// Offers.

struct Copper {
    const char* tech;
    int down, up;
};
// Index order = quality order (a long loop degrades to the next lower class).
extern const std::vector<Copper> kCopper;

struct Offer {
    std::string address_id;
    std::string tech;
    std::string down, up; // strings so that a deliberate "n/a" can be written
    std::string latency;
    std::string status; // existing / planned / under_review
    int year = 0;
};

struct Operator {
    std::string slug;     // file name part
    std::string provider; // provider column
    std::vector<Offer> rows;
};

struct Offers {
    Operator saalenetz{"saalenetz", "Saalenetz GmbH", {}};
    Operator kabel{"thueringer_kabel", "Thüringer Kabel AG", {}};
    Operator kupfer{"kupfer_co", "Kupfer & Co Telekommunikation", {}};
    Operator funk{"funkwerk_mitte", "Funkwerk Mitte", {}};
    Operator mobil{"luftlinie_mobil", "Luftlinie Mobil", {}};
    Operator orbit{"orbitnet", "OrbitNet", {}};
    std::vector<Operator*> all() { return {&saalenetz, &kabel, &kupfer, &funk, &mobil, &orbit}; }
};

struct AddressState {
    int best_down = 0; // counted existing
    bool gigabit = false;
};

// Per-address picture from the clean offer rows (before the spatial evidence).
std::vector<AddressState> address_states(const Model& m, Offers& o);

// Network picture per street (cable, copper, fibre, FWA, plans).
void plan_streets(Model& m, Rng& r);
// Per-operator availability rows for every address.
void build_offers(Model& m, Rng& r, Offers& o);
// A handful of under_review plans: outlying addresses without a Saalenetz row.
void add_under_review(Model& m, Rng& r, Offers& o, int wanted, std::vector<std::string>& log);

// Deliberate dirty rows (documented in README.md). Each is an EXTRA row, added for an address
// whose class does not depend on it, so the shares are the same whether or not a reader
// rejects it. Inserted at fixed positions after the clean rows are built.
struct Dirty {
    std::string file, address_id, what;
};
std::vector<Dirty> add_dirty_rows(const Model& m, Offers& o);

} // namespace gen_jena
