// Connection strings are shown in messages and summaries without their password.
#include "base/source_name.hpp"
#include "read/table_reader.hpp"

#include <doctest/doctest.h>

using coverage::display_source;

TEST_CASE("display_source masks PG passwords and leaves paths alone")
{
    CHECK(display_source("PG:dbname=gis user=me password=s3cret host=db") ==
          "PG:dbname=gis user=me password=*** host=db");
    CHECK(display_source("pg:dbname=gis password = 'two words' port=5432") == "pg:dbname=gis password = *** port=5432");
    CHECK(display_source("PG:dbname=gis PASSWORD=x") == "PG:dbname=gis PASSWORD=***");
    CHECK(display_source("PG:dbname=gis") == "PG:dbname=gis");
    CHECK(display_source("offers/password=x.csv") == "offers/password=x.csv");
}

TEST_CASE("display_source masks the URI form and query passwords")
{
    CHECK(display_source("PG:postgresql://u:secret@host/db") == "PG:postgresql://u:***@host/db");
    CHECK(display_source("PG:postgres://me:p%40ss@db.example:5432/gis?sslmode=require") ==
          "PG:postgres://me:***@db.example:5432/gis?sslmode=require");
    CHECK(display_source("PG:postgresql://u@host/db") == "PG:postgresql://u@host/db"); // no password
    CHECK(display_source("PG:postgresql://host/db?user=u&password=secret&sslmode=disable") ==
          "PG:postgresql://host/db?user=u&password=***&sslmode=disable");
}
