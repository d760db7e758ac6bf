#pragma once
// A fresh directory under /tmp for one test, removed with everything in it at the end.
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace coverage::test {

struct TempDir {
    std::string path;
    TempDir()
    {
        char name[] = "/tmp/coverage_unit_test.XXXXXX";
        path = ::mkdtemp(name);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() { [[maybe_unused]] int rc = std::system(("rm -rf '" + path + "'").c_str()); }
    std::string operator/(const std::string& name) const { return path + "/" + name; }
};

} // namespace coverage::test
