// Outputs: the temporary file exists (private folder, kept descriptor) from the start, a
// name that appears meanwhile is never replaced without --overwrite, a set commits all or
// none, and --overwrite keeps the mode. Expected outcomes by the contract in atomic_file.hpp.
#include "coverage/atomic_file.hpp"
#include "coverage/error.hpp"
#include "temp_dir.hpp"

#include <cstdlib>
#include <dirent.h>
#include <doctest/doctest.h>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

using namespace coverage;

namespace {

using coverage::test::TempDir;

std::string slurp(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void spit(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

std::vector<std::string> entries(const std::string& dir)
{
    std::vector<std::string> out;
    if (DIR* d = ::opendir(dir.c_str())) {
        while (const dirent* e = ::readdir(d))
            if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") out.emplace_back(e->d_name);
        ::closedir(d);
    }
    return out;
}

} // namespace

TEST_CASE("the temporary file is created at once in a private folder")
{
    TempDir dir;
    AtomicPath out(dir / "out.csv", false);
    const auto names = entries(dir.path);
    REQUIRE(names.size() == 1);
    CHECK(names[0].rfind(".out.csv.tmp", 0) == 0);
    struct stat st {};
    REQUIRE(::lstat((dir / names[0]).c_str(), &st) == 0);
    CHECK(S_ISDIR(st.st_mode));
    CHECK((st.st_mode & 0777) == 0700);
    CHECK(entries(dir / names[0]) == std::vector<std::string>{"out.csv"});
}

TEST_CASE("a target that appears while writing is not replaced without --overwrite")
{
    TempDir dir;
    AtomicPath out(dir / "out.csv", false);
    out.write("ours\n");
    spit(dir / "out.csv", "theirs\n"); // a concurrent run got there first
    CHECK_THROWS_WITH_AS(out.commit(),
                         (dir / "out.csv: appeared while this run was writing (another run?); nothing was replaced; "
                                "pass --overwrite to replace it")
                             .c_str(),
                         OutputError);
    CHECK(slurp(dir / "out.csv") == "theirs\n");
}

TEST_CASE("an output set commits all or none")
{
    TempDir dir;
    {
        OutputSet set(false);
        set.add(dir / "a.csv").write("a\n");
        set.add(dir / "b.csv").write("b\n");
        spit(dir / "b.csv", "other\n");
        CHECK_THROWS_AS(set.commit(), OutputError);
    }
    struct stat st {};
    CHECK(::stat((dir / "a.csv").c_str(), &st) != 0); // taken back
    CHECK(slurp(dir / "b.csv") == "other\n");
    CHECK(entries(dir.path) == std::vector<std::string>{"b.csv"}); // no temporary folder left
}

TEST_CASE("--overwrite keeps the replaced file's mode, a taken-back replacement restores the old file")
{
    TempDir dir;
    spit(dir / "a.csv", "old a\n");
    ::chmod((dir / "a.csv").c_str(), 0600);
    spit(dir / "b.csv", "old b\n");
    {
        OutputSet set(true);
        set.add(dir / "a.csv").write("new a\n");
        set.commit();
    }
    struct stat st {};
    REQUIRE(::stat((dir / "a.csv").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(slurp(dir / "a.csv") == "new a\n");
    {
        OutputSet set(true);
        set.add(dir / "a.csv").write("newer a\n");
        set.add(dir / "b.csv").write("new b\n");
        ::unlink((dir / "b.csv").c_str());
        ::mkdir((dir / "b.csv").c_str(), 0755); // b cannot be replaced now
        CHECK_THROWS_AS(set.commit(), OutputError);
    }
    CHECK(slurp(dir / "a.csv") == "new a\n");
}

TEST_CASE("outputs that are one file, or an input, are refused before anything is written")
{
    TempDir dir;
    spit(dir / "in.csv", "x\n");
    ::symlink((dir / "in.csv").c_str(), (dir / "link.csv").c_str());
    {
        OutputSet set(true);
        set.add_input(dir / "in.csv");
        CHECK_THROWS_AS(set.add(dir / "link.csv"), UsageError);
    }
    {
        OutputSet set(false);
        set.add(dir / "out.csv");
        CHECK_THROWS_WITH_AS(set.add(dir.path + "/./out.csv"),
                             (dir.path + "/./out.csv: is the same file as " + dir.path +
                              "/out.csv, named for two outputs; give each output its own file")
                                 .c_str(),
                             UsageError);
    }
    CHECK(slurp(dir / "in.csv") == "x\n");
    CHECK(entries(dir.path).size() == 2); // in.csv, link.csv: no temporary left
}
