/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_RNG_H
#define SELMCAST_RNG_H

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * The only source of randomness of the selection core.
 */

namespace ns3
{
namespace selmcast
{

/**
 * \ingroup selmcast
 * A small, fully specified generator (xoshiro256** seeded through splitmix64).
 *
 * The standard library's distributions are implementation-defined, so the core draws through
 * this class only: the same seed gives the same plan with any compiler. The ns-3 applications
 * seed it from an ns-3 RandomVariableStream, so RngRun reproduces a run.
 */
class Rng
{
  public:
    /** \param seed any value; equal seeds give equal sequences */
    explicit Rng(uint64_t seed = 1);

    /** \return the next 64 random bits */
    uint64_t Next();

    /**
     * \param bound the number of values, > 0
     * \return a uniform integer in [0, bound), without modulo bias
     */
    uint64_t UniformIndex(uint64_t bound);

    /** \return a uniform double in [0, 1) with 53 random bits */
    double Uniform01();

    /**
     * Fisher-Yates shuffle.
     * \param values the values to permute in place
     */
    template <typename T>
    void Shuffle(std::vector<T>& values)
    {
        for (std::size_t i = values.size(); i > 1; --i)
        {
            std::size_t j = static_cast<std::size_t>(UniformIndex(i));
            std::swap(values[i - 1], values[j]);
        }
    }

  private:
    uint64_t m_s[4]; //!< generator state
};

} // namespace selmcast
} // namespace ns3

#endif // SELMCAST_RNG_H
