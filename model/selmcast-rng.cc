/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-rng.h"

#include <stdexcept>

namespace ns3
{
namespace selmcast
{

namespace
{

uint64_t
SplitMix64(uint64_t& x)
{
    uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

uint64_t
Rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

} // namespace

Rng::Rng(uint64_t seed)
{
    uint64_t x = seed;
    for (auto& s : m_s)
    {
        s = SplitMix64(x);
    }
}

uint64_t
Rng::Next()
{
    const uint64_t result = Rotl(m_s[1] * 5, 7) * 9;
    const uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = Rotl(m_s[3], 45);
    return result;
}

uint64_t
Rng::UniformIndex(uint64_t bound)
{
    if (bound == 0)
    {
        throw std::invalid_argument("Rng::UniformIndex: bound must be > 0");
    }
    // Rejection of the incomplete top range removes the modulo bias.
    const uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    uint64_t r;
    do
    {
        r = Next();
    } while (r >= limit);
    return r % bound;
}

double
Rng::Uniform01()
{
    return static_cast<double>(Next() >> 11) * 0x1.0p-53;
}

} // namespace selmcast
} // namespace ns3
