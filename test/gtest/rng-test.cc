/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Unit tests of the core's generator: reproducible, unbiased enough for the selectors.

#include "ns3/selmcast-rng.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <numeric>
#include <vector>

using ns3::selmcast::Rng;

TEST(Rng, SameSeedSameSequence)
{
    Rng a(42);
    Rng b(42);
    Rng c(43);
    bool differs = false;
    for (int i = 0; i < 1000; ++i)
    {
        uint64_t x = a.Next();
        EXPECT_EQ(x, b.Next());
        differs = differs || x != c.Next();
    }
    EXPECT_TRUE(differs) << "seeds 42 and 43 gave the same 1000 values";
}

TEST(Rng, UniformIndexStaysInRangeAndCoversIt)
{
    Rng rng(7);
    const uint64_t bound = 10;
    std::vector<int> histogram(bound, 0);
    const int draws = 100000;
    for (int i = 0; i < draws; ++i)
    {
        uint64_t v = rng.UniformIndex(bound);
        ASSERT_LT(v, bound);
        ++histogram[v];
    }
    // Each bin expects 10000 with a standard deviation of about 95: 6 sigma is 570.
    for (uint64_t b = 0; b < bound; ++b)
    {
        EXPECT_NEAR(histogram[b], draws / bound, 570) << "bin " << b;
    }
    EXPECT_THROW(rng.UniformIndex(0), std::invalid_argument);
}

TEST(Rng, Uniform01MeanAndRange)
{
    Rng rng(11);
    double sum = 0;
    const int draws = 100000;
    for (int i = 0; i < draws; ++i)
    {
        double u = rng.Uniform01();
        ASSERT_GE(u, 0.0);
        ASSERT_LT(u, 1.0);
        sum += u;
    }
    // Standard error of the mean: sqrt(1/12 / 1e5) = 0.00091; allow 6 of them.
    EXPECT_NEAR(sum / draws, 0.5, 0.0055);
}

TEST(Rng, ShuffleIsAPermutationAndUniformOverPositions)
{
    Rng rng(3);
    const int n = 5;
    std::vector<std::vector<int>> where(n, std::vector<int>(n, 0));
    const int trials = 50000;
    for (int t = 0; t < trials; ++t)
    {
        std::vector<int> v(n);
        std::iota(v.begin(), v.end(), 0);
        rng.Shuffle(v);
        std::vector<int> sorted = v;
        std::sort(sorted.begin(), sorted.end());
        for (int i = 0; i < n; ++i)
        {
            ASSERT_EQ(sorted[i], i);
            ++where[v[i]][i];
        }
    }
    // Each (value, position) expects 10000, standard deviation about 89: 6 sigma is 540.
    for (int value = 0; value < n; ++value)
    {
        for (int pos = 0; pos < n; ++pos)
        {
            EXPECT_NEAR(where[value][pos], trials / n, 540) << value << " at " << pos;
        }
    }
}
