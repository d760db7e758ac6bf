#include "geos/context.hpp"

#include <cstdarg>
#include <cstdio>

namespace coverage::geos {

Context::Context() : handle_(GEOS_init_r())
{
    GEOSContext_setErrorMessageHandler_r(handle_, &Context::on_error, this);
    GEOSContext_setNoticeMessageHandler_r(handle_, nullptr, nullptr);
}

Context::~Context() { GEOS_finish_r(handle_); }

void Context::on_error(const char* message, void* self)
{
    static_cast<Context*>(self)->error_ = message ? message : "";
}

} // namespace coverage::geos
