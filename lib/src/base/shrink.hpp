#pragma once
// Giving back a container's unused room: shrink_to_fit copies the whole buffer, so it is
// worth it only when much is unused.

namespace coverage {

/// shrink_to_fit when more than a tenth of the capacity is unused.
template <class C>
void shrink_if_loose(C& c)
{
    if (c.capacity() - c.size() > c.size() / 10) c.shrink_to_fit();
}

} // namespace coverage
