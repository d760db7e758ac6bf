// Offer rows: the column names recognised (one table, German and English), the words of the
// vocabulary, strict dates and the plausible ranges. Expected values are worked out by hand
// from the row text (days via the calendar, not the code under test).
#include "classify/offer.hpp"
#include "coverage/error.hpp"
#include "read/column_names.hpp"
#include "read/offer_reader.hpp"
#include "read/table_reader.hpp"

#include <doctest/doctest.h>

using namespace coverage;

namespace {

std::unique_ptr<TableReader> table(std::string text) { return TableReader::from_text("ops.csv", std::move(text), {}); }

// Parses the first row of `text` (offers keyed by address id).
std::optional<OfferParser::Problem> parse_first(const std::string& text, Offer& o)
{
    auto in = table(text);
    const OfferParser parser(*in, OfferFields{}, {}, OfferKey::address_id);
    REQUIRE(in->next());
    ProviderTable providers;
    return parser.parse(*in, providers, o);
}

} // namespace

TEST_CASE("column names: one table, German and English, units in brackets")
{
    CHECK(column_key("Download (Mbit/s)") == "download");
    CHECK(column_key("Verfügbar ab") == "verfuegbarab");
    CHECK(column_key("verfuegbar_ab") == "verfuegbarab");
    CHECK(column_key("Straße") == "strasse");
    CHECK(column_key("Max. Download [Mbit/s]") == "maxdownload");

    auto in = table("Adress-ID;Betreiber;Technologie;Download (Mbit/s);Upload (Mbit/s);Status;Verfügbar ab\n");
    CHECK(find_column(*in, ColumnRole::provider, "", true) == 1);
    CHECK(find_column(*in, ColumnRole::technology, "", true) == 2);
    CHECK(find_column(*in, ColumnRole::down, "", true) == 3);
    CHECK(find_column(*in, ColumnRole::up, "", true) == 4);
    CHECK(find_column(*in, ColumnRole::status, "", true) == 5);
    CHECK(find_column(*in, ColumnRole::planned, "", true) == 6);
    CHECK(find_column(*in, ColumnRole::address_id, "", false) == 0); // "Adress-ID" = adress_id
    auto en = table("address_id,Operator,Access technology,Downstream,Upstream,State,Available from\n");
    CHECK(find_column(*en, ColumnRole::provider, "", true) == 1);
    CHECK(find_column(*en, ColumnRole::technology, "", true) == 2);
    CHECK(find_column(*en, ColumnRole::down, "", true) == 3);
    CHECK(find_column(*en, ColumnRole::planned, "", true) == 6);
    // The canonical name wins over an alias when both are present.
    auto both = table("download,down_mbps\n");
    CHECK(find_column(*both, ColumnRole::down, "", true) == 1);
}

TEST_CASE("column names: a missing column lists the accepted names, a foreign unit is refused")
{
    auto in = table("id,tech\n");
    CHECK_THROWS_WITH_AS(find_column(*in, ColumnRole::provider, "", true),
                         doctest::Contains("accepted names: provider, operator, network_operator, netzbetreiber, "
                                           "betreiber, anbieter"),
                         InputError);
    auto kbit = table("Download (kbit/s)\n");
    CHECK_THROWS_WITH_AS(find_column(*kbit, ColumnRole::down, "", true), doctest::Contains("is in kbit/s"), InputError);
    auto mbps = table("Download [Mbps]\n");
    CHECK(find_column(*mbps, ColumnRole::down, "", true) == 0);
}

TEST_CASE("vocabulary: German technology and status words")
{
    CHECK(parse_technology("Kabel") == Technology::docsis30);
    CHECK(parse_technology("Kabel (DOCSIS 3.1)") == Technology::docsis31);
    CHECK(parse_technology("Glasfaser") == Technology::ftth);
    CHECK(parse_technology("Glasfaser FTTB") == Technology::fttb);
    CHECK(parse_technology("Richtfunk") == Technology::fwa_licensed);
    CHECK(parse_technology("Satellit") == Technology::satellite_geo);
    CHECK_FALSE(parse_technology("Funk").has_value()); // radio of which kind? a reject, not a guess
    CHECK(parse_status("vorhanden") == Status::existing);
    CHECK(parse_status("in Betrieb") == Status::existing);
    CHECK(parse_status("geplant") == Status::planned);
    CHECK(parse_status("im Bau") == Status::planned);
    CHECK(parse_status("in Prüfung") == Status::under_review);
    CHECK(parse_status("in Pruefung") == Status::under_review);
}

TEST_CASE("planned dates: strict, spreadsheet form read, years 1990..2100")
{
    // Python: (date(2027, 6, 30) - date(1970, 1, 1)).days == 20999.
    const Day june30 = 20999;
    CHECK(parse_planned_date("2027-06-30") == june30);
    CHECK(parse_planned_date("2027/06/30") == june30);          // XLSX date cell through GDAL
    CHECK(parse_planned_date("2027/06/30 00:00:00") == june30); // XLSX date-time cell
    CHECK(parse_planned_date("2027-06-30T23:59:59") == june30);
    CHECK(parse_planned_date("2027-06-30T12:00:00.250Z") == june30);
    CHECK(parse_planned_date("2027-06-30T12:00+02:00") == june30);
    CHECK(parse_planned_date("30.06.2027") == june30);
    CHECK(parse_planned_date("2027-06") == june30);
    CHECK(format_day(*parse_planned_date("2027")) == "2027-12-31");
    CHECK_FALSE(parse_planned_date("2027-06-30 this is not a date"));
    CHECK_FALSE(parse_planned_date("2027-06-30T99:99:99"));
    CHECK_FALSE(parse_planned_date("2027-06-30T24:00:00"));
    CHECK_FALSE(parse_planned_date("2027-06-30T"));
    CHECK_FALSE(parse_planned_date("2027-06-30 junk"));
    CHECK_FALSE(parse_planned_date("2027-06/30"));
    CHECK_FALSE(parse_planned_date("2027/02/30"));
    CHECK_FALSE(parse_planned_date("1989"));
    CHECK_FALSE(parse_planned_date("2101"));
}

TEST_CASE("offer rows: plausible speed range, planned rows need a date column")
{
    Offer o;
    CHECK_FALSE(parse_first("address_id,provider,technology,down_mbps\n1,a,ftth,100000\n", o));
    CHECK(o.down_mbps == 100000);
    auto p = parse_first("address_id,provider,technology,down_mbps\n1,a,ftth,1e308\n", o);
    REQUIRE(p);
    CHECK(p->reason.find("plausible range 0..100000 Mbit/s") != std::string::npos);
    CHECK(parse_first("address_id,provider,technology,down_mbps,up_mbps\n1,a,ftth,100,100001\n", o));
    CHECK(parse_first("address_id,provider,technology,down_mbps,latency_ms\n1,a,ftth,100,10001\n", o));
    CHECK_FALSE(parse_first("address_id,provider,technology,down_mbps,latency_ms\n1,a,ftth,100,10000\n", o));

    // An empty date cell: the offer is read undated; the profile judges it (not credible, or
    // under review).
    CHECK_FALSE(
        parse_first("address_id,provider,technology,down_mbps,status,planned_year\n1,a,ftth,1000,geplant,\n", o));
    CHECK(o.status == Status::planned);
    CHECK(o.planned == no_date);
    CHECK_FALSE(
        parse_first("address_id,provider,technology,down_mbps,status,planned_year\n1,a,ftth,1000,in Prüfung,\n", o));
    CHECK(o.status == Status::under_review);
    // A file that says "planned" but has no date column at all: an error for the file.
    CHECK_THROWS_WITH_AS(parse_first("address_id,provider,technology,down_mbps,status\n1,a,ftth,1000,geplant\n", o),
                         doctest::Contains("ops.csv:2: row is planned, but the file has no planned date column"),
                         InputError);
    // ... unless a constant dates the whole file (FILE#planned_year=2027).
    auto in = table("address_id,provider,technology,down_mbps,status\n1,a,ftth,1000,geplant\n");
    const OfferParser dated(*in, OfferFields{}, {{"planned_year", "2027"}}, OfferKey::address_id);
    REQUIRE(in->next());
    ProviderTable providers;
    CHECK_FALSE(dated.parse(*in, providers, o));
    CHECK(format_day(o.planned) == "2027-12-31");
}
