// The JSON writer's layout, checked against hand-written documents.
#include "base/json_writer.hpp"

#include <doctest/doctest.h>

using coverage::JsonWriter;
using L = JsonWriter::Layout;

TEST_CASE("json writer: expanded and inline containers, commas placed by the writer")
{
    JsonWriter j;
    j.begin_object().key("a").number(1);
    j.key("b").begin_object(L::inline_).key("x").string("q\"uote").key("y").fixed(0.25, 6).end_object();
    j.key("list").begin_array();
    j.begin_object(L::inline_).key("v").boolean(true).end_object();
    j.begin_object(L::inline_).key("v").null().end_object();
    j.end_array();
    j.key("empty").begin_array().end_array();
    j.key("flat").begin_array(L::inline_).string("p").string("q").end_array();
    j.end_object();
    CHECK(j.str() == "{\n"
                     "  \"a\": 1,\n"
                     "  \"b\": {\"x\": \"q\\\"uote\", \"y\": 0.250000},\n"
                     "  \"list\": [\n"
                     "    {\"v\": true},\n"
                     "    {\"v\": null}\n"
                     "  ],\n"
                     "  \"empty\": [\n"
                     "  ],\n"
                     "  \"flat\": [\"p\", \"q\"]\n"
                     "}\n");
}

TEST_CASE("json writer: an optional last member leaves no dangling comma")
{
    for (const bool optional : {false, true}) {
        JsonWriter j;
        j.begin_object().key("n").number(std::int64_t{-3});
        if (optional) j.key("extra").raw("1.5");
        j.end_object();
        CHECK(j.str() == (optional ? "{\n  \"n\": -3,\n  \"extra\": 1.5\n}\n" : "{\n  \"n\": -3\n}\n"));
    }
}
