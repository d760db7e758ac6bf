// model.hpp — the synthetic region: districts, streets, addresses.
#pragma once

#include "geometry.hpp"

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

inline constexpr std::uint64_t kDefaultSeed = 20260630; // the reference date of the demo
inline constexpr const char* kAgs = "16053";            // Jena's municipality key (AGS 16053000)

// Jena's real extent, roughly (EPSG:25832). Every address lies inside.
inline constexpr double kMinX = 671000, kMaxX = 687000, kMinY = 5636000, kMaxY = 5652000;

// ---------------------------------------------------------------------------------------
// Districts.

enum class Kind { Centre, City, Estate, Suburb, Village };

struct District {
    std::string name;
    std::string postcode;
    Pt centre;
    double radius; // metres; the district is the part of this disk nearest to its centre
    int addresses; // target number of address points (outliers included)
    Kind kind;
    int schools, hospitals, publics;
    double business_share;
    // Network picture (per street probabilities).
    double p_cable; // street has cable TV network
    bool cable31;   // ... upgraded to DOCSIS 3.1 (else DOCSIS 3.0)
    double p_fibre; // street has Saalenetz fibre (ftth; fttb for big estate blocks)
    double p_plan;  // street without gigabit gets a Saalenetz ftth plan
    bool remote;    // long copper loops: adsl / vdsl 25 common
    double p_fwa;   // street covered by Funkwerk Mitte licensed fixed wireless
    int outliers;   // outlying farms / mills / single houses
};

enum class Category { Residential, Business, School, Hospital, Public };

const char* category_name(Category c);

struct Street {
    std::string name;
    int district = 0;
    bool outlier = false;
    std::vector<Pt> line; // polyline (kept for later footprints / routes)
    std::vector<int> addresses;
    // Network picture of the street.
    int cable = 0;      // 0 none, 30 DOCSIS 3.0, 31 DOCSIS 3.1
    bool fibre = false; // Saalenetz fibre built
    int copper = 0;     // copper class index into kCopper
    bool fwa = false;   // Funkwerk Mitte licensed FWA
    bool fwa_unlicensed = false;
    int plan_year = 0;        // Saalenetz ftth plan (0 none)
    int kupfer_plan_year = 0; // incumbent ftth plan
    int kabel_plan_year = 0;  // cable DOCSIS 3.1 upgrade plan
};

struct Address {
    std::string id;
    std::int64_t xcm = 0, ycm = 0; // centimetres, EPSG:25832
    int units = 1;
    Category category = Category::Residential;
    int street = 0;
    std::string housenumber;
    int district = 0;
    bool outlier = false;
};

struct Model {
    std::vector<District> districts;
    std::vector<Street> streets;
    std::vector<Address> addresses;
};

inline Pt address_pt(const Address& a) { return from_p64({a.xcm, a.ycm}); }

// Jena's Ortsteile (districts.cpp).
std::vector<District> make_districts();
// The district whose centre is nearest to p.
int nearest_district(const std::vector<District>& ds, Pt p);
bool in_extent(Pt p);
int district_index(const Model& m, const std::string& name);
// One convex ring per district: the Voronoi cells of the centres clipped to the extent.
std::vector<Ring> district_cells(const Model& m);
// Moves addresses strictly inside their district cell; returns how many moved and the largest move.
std::pair<int, double> keep_inside_cells(Model& m);

// Streets and addresses (addresses.cpp).
void build_addresses(Model& m, Rng& master);

} // namespace gen_jena
