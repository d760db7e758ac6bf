// The CSV reader on text held in memory (TableReader::from_text): the same code path as a
// file, so quoting, delimiters, line ends, BOM, encodings and NUL bytes are tested here row by
// row. Expected fields are written out by hand from the input text.
#include "coverage/error.hpp"
#include "read/encoding.hpp"
#include "read/table_reader.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace coverage;

namespace {

struct Row {
    std::uint64_t line;
    std::vector<std::string> fields;
    bool problem;
};

std::vector<Row> rows_of(std::string text, ReadOptions options = {})
{
    auto in = TableReader::from_text("mem.csv", std::move(text), options);
    std::vector<Row> out;
    while (in->next()) {
        Row r{in->row_number(), {}, in->row_problem().has_value()};
        for (std::size_t i = 0; i < in->field_count(); ++i) r.fields.emplace_back(in->field(static_cast<int>(i)));
        out.push_back(r);
    }
    return out;
}

std::vector<std::string> header_of(std::string text, ReadOptions options = {})
{
    return TableReader::from_text("mem.csv", std::move(text), options)->columns();
}

using F = std::vector<std::string>;

} // namespace

TEST_CASE("csv: quoting after RFC 4180")
{
    const auto rows = rows_of("id,name\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,plain\n");
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].fields == F{"1", "a, b"});
    CHECK(rows[1].fields == F{"2", "say \"hi\""});
    CHECK(rows[2].fields == F{"3", "two\nlines"});
    CHECK(rows[2].line == 4);
    CHECK(rows[3].line == 6); // the quoted line break counts as a line
    CHECK(rows[3].fields == F{"4", "plain"});
}

TEST_CASE("csv: an unclosed quote is the row's problem")
{
    const auto rows = rows_of("id,name\n1,\"open\n");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].problem);
}

TEST_CASE("csv: the delimiter is detected from the header, or given")
{
    CHECK(header_of("id;x;y\n1;2,5;3\n") == F{"id", "x", "y"});
    CHECK(rows_of("id;x;y\n1;2,5;3\n")[0].fields == F{"1", "2,5", "3"});
    CHECK(header_of("id\tx\n1\t2\n") == F{"id", "x"});
    CHECK(header_of("id|x\n1|2\n") == F{"id", "x"});
    ReadOptions semicolon;
    semicolon.delimiter = ';';
    CHECK(header_of("a,b;c\n", semicolon) == F{"a,b", "c"});
}

TEST_CASE("csv: BOM, CRLF and blank lines")
{
    CHECK(header_of("\xEF\xBB\xBFid,x\r\n1,2\r\n") == F{"id", "x"});
    const auto rows = rows_of("\xEF\xBB\xBFid,x\r\n1,2\r\n\r\n3,\"4\"\r\n");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].fields == F{"1", "2"});
    CHECK(rows[1].fields == F{"3", "4"});
    CHECK(rows[1].line == 4);
}

TEST_CASE("csv: CR-only line ends (Excel 'CSV (Macintosh)') are rows, not one header line")
{
    const auto in = TableReader::from_text("mac.csv", "id,down_mbps\r1,100\r2,50\r", {});
    CHECK(in->columns() == F{"id", "down_mbps"});
    const auto rows = rows_of("id,down_mbps\r1,100\r2,50\r");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].fields == F{"1", "100"});
    CHECK(rows[1].fields == F{"2", "50"});
    CHECK(rows[1].line == 3);
}

TEST_CASE("csv: a NUL byte rejects its row and nothing else, with and without --encoding")
{
    const std::string text = std::string("id,x\n1,a\0b\n2,c\n3,d\n", 19);
    for (const char* enc : {"", "CP1252"}) {
        ReadOptions o;
        o.encoding = enc;
        const auto rows = rows_of(text, o);
        REQUIRE(rows.size() == 3);
        CHECK(rows[0].problem);
        CHECK_FALSE(rows[1].problem);
        CHECK(rows[1].fields == F{"2", "c"});
        CHECK(rows[2].fields == F{"3", "d"}); // the rows after the NUL are all there
    }
}

TEST_CASE("csv: Windows-1252 is recoded, UTF-8 is never decoded twice")
{
    ReadOptions cp;
    cp.encoding = "CP1252";
    // "Rüttenscheider Straße" in Windows-1252: ü = 0xFC, ß = 0xDF.
    // clang-format off
    const auto rows = rows_of("id,street\n1,R\xFCttenscheider Stra\xDF" "e\n", cp);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].fields[1] == "R\xC3\xBCttenscheider Stra\xC3\x9F" "e");
    // clang-format on
    // ASCII-only text is the same in both: read as given.
    CHECK(rows_of("id,street\n1,Hauptstr.\n", cp)[0].fields[1] == "Hauptstr.");
    // The same street already in UTF-8, declared CP1252: refused, naming the file, line and fix.
    try {
        rows_of("id,street\n1,Hauptstr.\n2,R\xC3\xBCttenscheider Str.\n", cp);
        FAIL("expected an InputError");
    } catch (const InputError& e) {
        const std::string what = e.what();
        CHECK(what.find("mem.csv:3:") != std::string::npos);
        CHECK(what.find("already UTF-8") != std::string::npos);
        CHECK(what.find("encoding UTF-8") != std::string::npos);
    }
    // Not UTF-8 and no encoding given: the error names the byte and --encoding CP1252.
    CHECK_THROWS_WITH_AS(rows_of("id,street\n1,R\xFCttenscheider\n"), doctest::Contains("byte 0xFC"), InputError);
}

TEST_CASE("csv: a byte that is not a character of the encoding is an error at its line")
{
    ReadOptions cp;
    cp.encoding = "CP1252";
    // 0x81 is unassigned in Windows-1252.
    CHECK_THROWS_WITH_AS(rows_of("id,x\n1,a\n2,\x81\n", cp), doctest::Contains("mem.csv:3: byte 0x81"), InputError);
}

TEST_CASE("encoding names are checked before anything is read")
{
    CHECK(is_utf8_name(""));
    CHECK(is_utf8_name("utf-8"));
    CHECK(is_utf8_name("UTF8"));
    CHECK_FALSE(is_utf8_name("CP1252"));
    CHECK_NOTHROW(check_encoding_name("CP1252", "--encoding"));
    CHECK_NOTHROW(check_encoding_name("windows-1252", "--encoding"));
    CHECK_NOTHROW(check_encoding_name("ISO-8859-15", "--encoding"));
    // glibc would read "utf 8" as UTF8 and "//IGNORE" as "drop what does not fit": refused.
    CHECK_THROWS_WITH_AS(check_encoding_name("utf 8", "--encoding"), doctest::Contains("--encoding 'utf 8'"),
                         UsageError);
    CHECK_THROWS_AS(check_encoding_name("CP1252//IGNORE", "--encoding"), UsageError);
    CHECK_THROWS_WITH_AS(check_encoding_name("latin-9000", "--offers-encoding"), doctest::Contains("CP1252"),
                         UsageError);
}

TEST_CASE("csv: ragged rows keep their own field count")
{
    auto in = TableReader::from_text("mem.csv", "a,b,c\n1,2\n1,2,3,4\n", {});
    REQUIRE(in->next());
    CHECK(in->field_count() == 2);
    CHECK(row_shape_problem(*in).has_value());
    REQUIRE(in->next());
    CHECK(in->field_count() == 4);
    CHECK(row_shape_problem(*in).has_value());
}
