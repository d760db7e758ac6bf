#include "commands.hpp"
#include "progress_line.hpp"

#include "coverage/classify.hpp"
#include "coverage/error.hpp"

#include <ctime>
#include <fmt/format.h>
#include <iostream>

namespace po = boost::program_options;

namespace coverage::cli {
namespace {

constexpr const char* usage =
    "usage: coverage classify [--addresses FILE] [--offers FILE]... [--profile NAME|FILE]\n"
    "                         [--as-of DATE] [-o OUT]... [--summary FILE]\n"
    "                         [--rejects FILE] [--strict] [--overwrite] [--shard I/N]\n"
    "                         [field, CRS and format options]\n\n"
    "Classifies every address against a rule profile and writes one row per address\n"
    "(CSV, GeoJSON, GeoPackage or FlatGeobuf by the extension of OUT; '-' is CSV on stdout;\n"
    "PG:dbname=... with --output-layer TABLE writes a PostGIS table in one transaction).\n"
    "Offers find their address by id, or with --match address by postcode + street + number.\n"
    "Without --addresses, the addresses are the distinct ids of the offers (CSV output only).\n"
    "Every input row is used or written to --rejects with its reason.\n\n"
    "example:\n"
    "  coverage classify --addresses sample_data/jena/addresses.csv \\\n"
    "      --crs EPSG:25832 --offers sample_data/jena/offers_saalenetz.csv \\\n"
    "      --as-of 2026-06-30 -o out.geojson";

std::string today_utc()
{
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

} // namespace

// Opens no files: a pure translation of argv into ClassifyOptions.
std::optional<ClassifyCli> parse_classify_options(const Args& args)
{
    ClassifyCli p;
    ClassifyOptions& o = p.options;
    AddressFields& af = o.address_read.fields;
    OfferFields& of = o.offer_read.fields;
    std::string addresses, delimiter, match, shard, coordinates, encoding, addresses_encoding, offers_encoding;
    std::string csv_delimiter, locale;
    std::vector<std::string> keep, outputs, columns;

    po::options_description main("inputs and outputs");
    // clang-format off
    main.add_options()
        ("addresses", po::value(&addresses), "address layer (any GDAL vector source; CSV read directly)")
        ("offers", po::value(&o.offers)->composing(),
         "availability report, joined by address id (repeatable); FILE#encoding=CP1252,provider=X,... sets\n"
         "this file's encoding and attributes it lacks")
        ("footprints", po::value(&o.spatial.footprints)->composing(),
         "coverage polygons with offer attributes (repeatable); FILE#provider=X,technology=ftth,... sets\n"
         "attributes the file lacks")
        ("routes", po::value(&o.spatial.routes)->composing(),
         "fibre/duct lines (repeatable, FILE#key=value,... as for footprints); a layer without provider\n"
         "only measures nearest_route_m")
        ("route-distance", po::value(&o.spatial.route_distance_m)->default_value(0),
         "an address within METRES of a route gets the route's offer")
        ("profile", po::value(&o.profile)->default_value("gigabit"), "built-in profile name or a .toml file")
        ("as-of", po::value(&o.as_of), "reference date for planning horizons: YYYY-MM-DD, YYYY-MM (its last day), YYYY (31 December) or DD.MM.YYYY "
         "(default: today, UTC)")
        ("output,o", po::value(&outputs)->composing(),
         "per-address output: .csv .geojson .gpkg .fgb, - for CSV on stdout, or PG:dbname=... (PostGIS); "
         "repeatable: one run, several formats (-o a.csv -o a.gpkg); optional with --summary")
        ("output-layer", po::value(&o.output_layer),
         "table of a PG: output (SCHEMA.NAME allowed), layer of a .gpkg/.fgb (default addresses)")
        ("columns", po::value(&columns)->composing(),
         "only these output columns, in this order (e.g. id,class for a BEAD challenge hand-off; --keep "
         "columns allowed)")
        ("output-crs", po::value(&o.output_crs),
         "CRS of .gpkg/.fgb output geometry, e.g. EPSG:25832 (default WGS84; GeoJSON is always WGS84, RFC 7946)")
        ("csv-delimiter", po::value(&csv_delimiter), "CSV output field separator: , ; tab | (default ,)")
        ("decimal-comma", po::bool_switch(&o.decimal_comma), "CSV output numbers as 16,5 (with --csv-delimiter ';')")
        ("locale", po::value(&locale),
         "CSV output for a spreadsheet locale: de, fr, es, it, nl or pl (; and decimal comma; de_DE and the like "
         "too) or en (, and point)")
        ("qml", po::bool_switch(&o.qml),
         "write a QGIS style (points coloured by class) beside a .geojson/.fgb output as NAME.qml; a .gpkg "
         "always holds it in its layer_styles table")
        ("summary", po::value(&o.summary), "JSON summary file (- for stdout)")
        ("rejects", po::value(&o.rejects), "CSV of every input row not used, with the reason")
        ("strict", po::bool_switch(&o.strict), "exit 1 if any row is rejected (then nothing is written; the first rejects go to stderr)")
        ("overwrite", po::bool_switch(&o.overwrite), "replace existing output files")
        ("shard", po::value(&shard),
         "I/N: classify only shard I of N (addresses whose id hashes to I; see docs/scale-out.md);\n"
         "needs --summary FILE; put the shards together with coverage merge")
        ("quiet,q", po::bool_switch(&p.quiet), "no summary on stderr");
    // clang-format on
    po::options_description read("reading");
    // clang-format off
    read.add_options()
        ("crs", po::value(&o.address_read.crs), "CRS of the address coordinates (e.g. EPSG:25832) when the file has none")
        ("encoding", po::value(&encoding),
         "text encoding of every CSV input without its own (default UTF-8; e.g. CP1252, ISO-8859-15). A file\n"
         "that is already UTF-8 is refused rather than decoded twice")
        ("addresses-encoding", po::value(&addresses_encoding), "text encoding of the --addresses CSV (default: --encoding)")
        ("offers-encoding", po::value(&offers_encoding),
         "text encoding of the --offers CSVs (default: --encoding); one file: --offers FILE#encoding=CP1252")
        ("delimiter", po::value(&delimiter), "CSV delimiter: , ; tab | (default: detected from the header)")
        ("layer", po::value(&o.address_read.read.layer), "layer of a multi-layer address source")
        ("working-crs", po::value(&o.spatial.working_crs),
         "metric CRS of the spatial join (default: the inputs' shared projected CRS, else a UTM zone)")
        ("threads", po::value(&o.threads)->default_value(0), "worker threads (default 0: all cores); output is identical");
    // clang-format on
    po::options_description afields("address columns");
    // clang-format off
    afields.add_options()
        ("id-field", po::value(&af.id)->default_value("id"), "address id (read as text)")
        ("coordinates", po::value(&coordinates),
         "geometry (the source's points) or columns (x/y attributes); default: the geometry of a spatial\n"
         "source, else the detected or named columns")
        ("x-field", po::value(&af.x), "x / longitude column (default: detected)")
        ("y-field", po::value(&af.y), "y / latitude column (default: detected)")
        ("units-field", po::value(&af.units)->default_value("units"), "households + businesses (default 1 if absent)")
        ("category-field", po::value(&af.category)->default_value("category"), "residential, business, school, ...")
        ("street-field", po::value(&af.street), "street name (default: street, strasse, strname)")
        ("housenumber-field", po::value(&af.housenumber), "house number (default: housenumber, hausnummer, hnr, hsnr)")
        ("housenumber-suffix-field", po::value(&af.housenumber_suffix),
         "house number suffix, appended to the number (default: housenumber_suffix, hausnummerzusatz, hsnrzu)")
        ("postcode-field", po::value(&af.postcode), "postcode (default: postcode, plz, postleitzahl, zip)")
        ("keep", po::value(&keep)->composing(), "address column to copy to the output (repeatable, or comma-separated)");
    // clang-format on
    po::options_description ofields("offer columns (default: detected; FCC BDC files recognised)");
    // clang-format off
    ofields.add_options()
        ("match", po::value(&match)->default_value("id"),
         "how offers find their address: id (address id column) or address (postcode + street + house number)")
        ("offer-id-field", po::value(&of.address_id), "address id in the offers (address_id)")
        ("offer-postcode-field", po::value(&of.postcode), "--match address: postcode (postcode, plz; optional)")
        ("offer-street-field", po::value(&of.street), "--match address: street (street, strasse, straße)")
        ("offer-housenumber-field", po::value(&of.housenumber),
         "--match address: house number, or a range 12-14 (housenumber, hausnummer, hnr, hsnr)")
        ("offer-housenumber-suffix-field", po::value(&of.housenumber_suffix),
         "--match address: house number suffix (housenumber_suffix, hausnummerzusatz, hsnrzu; optional)")
        ("provider-field", po::value(&of.provider), "network operator (provider)")
        ("technology-field", po::value(&of.technology), "technology")
        ("down-field", po::value(&of.down), "download Mbit/s (down_mbps)")
        ("up-field", po::value(&of.up), "upload Mbit/s (up_mbps)")
        ("latency-field", po::value(&of.latency), "latency in ms (latency_ms)")
        ("low-latency-field", po::value(&of.low_latency), "low latency flag 1/0 (low_latency)")
        ("verified-field", po::value(&of.verified),
         "1/0: the provider's evidence was accepted (verified; us-bead-2025 counts unlicensed FW only with 1)")
        ("upgradable-field", po::value(&of.upgradable),
         "1/0: the network can be upgraded by marginal investment (upgradable; de-gigabit-2024)")
        ("status-field", po::value(&of.status), "existing / planned / under_review (status)")
        ("planned-field", po::value(&of.planned),
         "planned year or date (planned_year, planned_date, Verfügbar ab, ...); required when rows are planned");
    // clang-format on
    po::options_description all;
    all.add(main).add(read).add(afields).add(ofields);

    po::variables_map vm;
    if (!parse_args(args, usage, all, nullptr, vm, offer_column_names_help())) return std::nullopt;

    o.command_line = {"coverage", "classify"};
    o.command_line.insert(o.command_line.end(), args.begin(), args.end());
    if (!addresses.empty()) o.addresses = addresses;
    if (coordinates == "geometry") o.address_read.coordinates = CoordinateSource::geometry;
    else if (coordinates == "columns") o.address_read.coordinates = CoordinateSource::columns;
    else if (!coordinates.empty())
        throw UsageError(fmt::format("--coordinates '{}': use geometry or columns", coordinates));
    if (match == "address") o.offer_read.match = MatchMode::address;
    else if (match != "id") throw UsageError(fmt::format("--match '{}': use id or address", match));
    if (!outputs.empty()) {
        o.output = outputs.front();
        o.extra_outputs.assign(outputs.begin() + 1, outputs.end());
    }
    if (o.output.empty() && o.summary.empty())
        throw UsageError("missing -o/--output (a file, or - for CSV on stdout), or --summary FILE for counts only");
    if (o.as_of.empty()) o.as_of = today_utc();
    if (!shard.empty()) o.shard = parse_shard(shard);
    if (!delimiter.empty()) {
        if (delimiter == "tab" || delimiter == "\\t") delimiter = "\t";
        if (delimiter.size() != 1) throw UsageError("--delimiter must be one character: , ; tab or |");
        o.address_read.read.delimiter = delimiter[0];
    }
    af.keep = split_list(keep);
    if (!locale.empty()) {
        // The language of a locale name: "de", "de_DE", "de-AT", "de_DE.UTF-8", "C", "POSIX";
        // not the first two letters of any word ("desert" is no locale).
        const std::string l = locale.substr(0, locale.find_first_of("_-.@"));
        if (l == "de" || l == "fr" || l == "es" || l == "it" || l == "nl" || l == "pl") {
            o.csv_delimiter = ';';
            o.decimal_comma = true;
        } else if (l != "en" && l != "C" && l != "POSIX") {
            throw UsageError(fmt::format(
                "--locale '{}': use de, fr, es, it, nl or pl (';' and decimal comma) or en (',' and point)", locale));
        }
    }
    if (!csv_delimiter.empty()) {
        if (csv_delimiter == "tab" || csv_delimiter == "\\t") csv_delimiter = "\t";
        if (csv_delimiter.size() != 1 || csv_delimiter == "\"" || csv_delimiter == "\n")
            throw UsageError("--csv-delimiter must be one character: , ; tab or |");
        o.csv_delimiter = csv_delimiter[0];
    }
    if (o.decimal_comma && o.csv_delimiter == ',')
        throw UsageError("--decimal-comma needs another delimiter: add --csv-delimiter ';' (or use --locale de)");
    o.columns = split_list(columns);
    o.address_read.read.encoding = addresses_encoding.empty() ? encoding : addresses_encoding;
    o.offer_read.read = o.address_read.read;
    o.offer_read.read.layer.clear();
    o.offer_read.read.encoding = offers_encoding.empty() ? encoding : offers_encoding;
    o.spatial.fields = o.offer_read.fields;
    o.spatial.read = o.offer_read.read;
    return p;
}

int classify_main(const Args& args)
{
    auto parsed = parse_classify_options(args);
    if (!parsed) return 0;
    ProgressLine progress("classify", !parsed->quiet);
    if (progress.active())
        parsed->options.progress = [&progress](const std::string& phase, std::uint64_t rows) {
            progress.update(phase, rows);
        };
    const ClassifyReport report = run_classify(parsed->options);
    progress.stop();
    if (!parsed->quiet) {
        std::cerr << summary_text(report);
        if (report.rejected > 0 && !report.strict_failed)
            std::cerr << fmt::format("  input rows rejected: {}{}\n", report.rejected,
                                     parsed->options.rejects.empty() ? " (write them with --rejects FILE)"
                                                                     : " (see " + parsed->options.rejects + ")");
        if (!report.written.empty()) std::cerr << fmt::format("  wrote {}\n", fmt::join(report.written, ", "));
    }
    if (report.strict_failed) {
        // Nothing was written (all outputs or none): the first rejects go to stderr instead.
        std::cerr << report.strict_rejects;
        if (report.rejected > strict_rejects_shown)
            std::cerr << fmt::format("... and {} more\n", report.rejected - strict_rejects_shown);
        std::cerr << fmt::format("coverage classify: --strict: input rows rejected: {} (listed above); no output "
                                 "written, --rejects included; run without --strict to write them\n",
                                 report.rejected);
        return 1;
    }
    return 0;
}

} // namespace coverage::cli
