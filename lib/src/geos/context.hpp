#pragma once
// RAII over the GEOS C API (the stable, reentrant `_r` functions only; the C++ API has no
// ABI promise). One Context per thread: GEOS handles are not thread-safe, and prepared
// geometries cache lazily without locks.
#include <geos_c.h>

#include <memory>
#include <string>

namespace coverage::geos {

class Context {
public:
    Context();
    ~Context();
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;
    [[nodiscard]] GEOSContextHandle_t get() const { return handle_; }
    operator GEOSContextHandle_t() const { return handle_; } // NOLINT: a handle, by design
    /// The last error GEOS reported on this context.
    [[nodiscard]] const std::string& last_error() const { return error_; }

private:
    static void on_error(const char* message, void* self);
    GEOSContextHandle_t handle_;
    std::string error_;
};

struct GeomDeleter {
    GEOSContextHandle_t ctx;
    void operator()(GEOSGeometry* g) const { GEOSGeom_destroy_r(ctx, g); }
};
using Geom = std::unique_ptr<GEOSGeometry, GeomDeleter>;

struct PreparedDeleter {
    GEOSContextHandle_t ctx;
    void operator()(const GEOSPreparedGeometry* g) const { GEOSPreparedGeom_destroy_r(ctx, g); }
};
using Prepared = std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter>;

inline Geom own(const Context& ctx, GEOSGeometry* g) { return Geom(g, GeomDeleter{ctx.get()}); }
inline Prepared prepare(const Context& ctx, const GEOSGeometry* g)
{
    return Prepared(GEOSPrepare_r(ctx.get(), g), PreparedDeleter{ctx.get()});
}

} // namespace coverage::geos
