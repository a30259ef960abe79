/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_TEST_REFERENCE_BSP_H
#define SELMCAST_TEST_REFERENCE_BSP_H

// Test-only helpers for the BSP tests: a slow, literal transcription of Algorithm 1 (spec
// section 4) with the RNG consumption documented in model/selmcast-algorithm.cc, from-scratch
// metrics, and a generator of random instances. Nothing here is shared with the model code.

#include "ns3/selmcast-problem.h"
#include "ns3/selmcast-rng.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace selmcast_test
{
namespace bsp
{

using ns3::selmcast::Delivery;
using ns3::selmcast::Matrix;
using ns3::selmcast::Plan;
using ns3::selmcast::Problem;
using ns3::selmcast::Rng;

/**
 * \param problem the problem
 * \param plan a plan
 * \param i sender
 * \return the number of j != i with x_ij = 1, counted directly
 */
inline uint32_t
SlowCount(const Problem& problem, const Plan& plan, uint32_t i)
{
    uint32_t count = 0;
    for (uint32_t j = 0; j < problem.n; ++j)
    {
        if (j != i && plan(i, j) != 0)
        {
            ++count;
        }
    }
    return count;
}

/**
 * \param problem the problem
 * \param plan a plan
 * \param i sender
 * \param extra receivers assumed added to i's multicast
 * \return s_i with the extra receivers: L3 max_j v_i x_ij, L7 sum_j v_i x_ij
 */
inline double
SlowSender(const Problem& problem, const Plan& plan, uint32_t i, uint32_t extra = 0)
{
    const uint32_t count = SlowCount(problem, plan, i) + extra;
    if (problem.delivery == Delivery::L3)
    {
        return count > 0 ? problem.volume[i] : 0.0;
    }
    return count * problem.volume[i];
}

/**
 * \param problem the problem
 * \param plan a plan
 * \param j receiver
 * \return R_j = sum_i v_i x_ij, summed in increasing i
 */
inline double
SlowLoad(const Problem& problem, const Plan& plan, uint32_t j)
{
    double load = 0;
    for (uint32_t i = 0; i < problem.n; ++i)
    {
        if (i != j && plan(i, j) != 0)
        {
            load += problem.volume[i];
        }
    }
    return load;
}

/**
 * \param problem the problem
 * \param plan a plan
 * \return t(X) = max over workers of max(s_w / b^I_w, R_w / b^E_w), from scratch
 */
inline double
SlowCompletion(const Problem& problem, const Plan& plan)
{
    double t = 0;
    for (uint32_t w = 0; w < problem.n; ++w)
    {
        t = std::max(t, SlowSender(problem, plan, w) / problem.ingress[w]);
        t = std::max(t, SlowLoad(problem, plan, w) / problem.egress[w]);
    }
    return t;
}

/** What the reference computes. */
struct ReferenceResult
{
    Plan basic;         //!< the plan after the basic selection
    Plan plan;          //!< the final plan
    double estimate{0}; //!< t of the basic plan, the bound of the Pareto improvement
};

/**
 * Algorithm 1, written out step by step with every quantity recomputed from the plan.
 * \param problem a valid problem
 * \param rng consumed exactly as model/selmcast-algorithm.cc documents
 * \param epsilon the relative tolerance of the Pareto tests
 * \return the basic plan, the final plan and the estimate t
 */
inline ReferenceResult
ReferenceSelmcastBsp(const Problem& problem, Rng& rng, double epsilon = 1e-9)
{
    const uint32_t n = problem.n;
    Plan x(n, 0);
    for (uint32_t i = 0; i < n; ++i)
    {
        for (uint32_t j = 0; j < n; ++j)
        {
            if (problem.IsForced(i, j))
            {
                x(i, j) = 1;
            }
        }
    }

    // (a) Shuffle, then collect the senders by forced count from n - 1 down to 0, keeping the
    // shuffled order within a count: a stable sort, most first.
    std::vector<uint32_t> shuffled(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        shuffled[i] = i;
    }
    rng.Shuffle(shuffled);
    std::vector<uint32_t> order;
    for (int64_t c = n - 1; c >= 0; --c)
    {
        for (uint32_t s : shuffled)
        {
            if (SlowCount(problem, x, s) == static_cast<uint32_t>(c))
            {
                order.push_back(s);
            }
        }
    }

    // (b) Receiver ranks.
    std::vector<uint32_t> list(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        list[i] = i;
    }
    rng.Shuffle(list);
    std::vector<uint32_t> rank(n);
    for (uint32_t k = 0; k < n; ++k)
    {
        rank[list[k]] = k;
    }

    // Basic selection: one receiver at a time, the lightest after the assignment.
    for (uint32_t i : order)
    {
        while (SlowCount(problem, x, i) < problem.minReceivers[i])
        {
            int64_t best = -1;
            double bestKey = 0;
            for (uint32_t j = 0; j < n; ++j)
            {
                if (j == i || x(i, j) != 0)
                {
                    continue;
                }
                const double key =
                    (problem.volume[i] + SlowLoad(problem, x, j)) / problem.egress[j];
                if (best < 0 || key < bestKey || (key == bestKey && rank[j] < rank[best]))
                {
                    best = j;
                    bestKey = key;
                }
            }
            if (best < 0)
            {
                throw std::logic_error("reference: no receiver left");
            }
            x(i, static_cast<uint32_t>(best)) = 1;
        }
    }
    ReferenceResult result;
    result.basic = x;
    result.estimate = SlowCompletion(problem, x);
    const double limit = result.estimate * (1 + epsilon);

    auto fits = [&](uint32_t i, uint32_t j) {
        return SlowSender(problem, x, i, 1) / problem.ingress[i] <= limit &&
               (SlowLoad(problem, x, j) + problem.volume[i]) / problem.egress[j] <= limit;
    };

    // (c) The unselected pairs that fit now, row-major; shuffle; then by counter, largest
    // first, keeping the shuffled order within a counter value.
    std::vector<std::pair<uint32_t, uint32_t>> candidates;
    for (uint32_t i = 0; i < n; ++i)
    {
        for (uint32_t j = 0; j < n; ++j)
        {
            if (i != j && x(i, j) == 0 && fits(i, j))
            {
                candidates.emplace_back(i, j);
            }
        }
    }
    rng.Shuffle(candidates);
    std::set<uint32_t, std::greater<>> values;
    for (const auto& [i, j] : candidates)
    {
        values.insert(problem.Counter(i, j));
    }
    for (uint32_t value : values)
    {
        for (const auto& [i, j] : candidates)
        {
            if (problem.Counter(i, j) == value && fits(i, j))
            {
                x(i, j) = 1;
            }
        }
    }
    result.plan = x;
    return result;
}

/** Knobs of RandomProblem. */
struct RandomProblemOptions
{
    uint32_t minN{2};  //!< smallest n
    uint32_t maxN{30}; //!< largest n
    bool dyadic{true}; //!< volumes k / 4 (exact sums in any order) instead of any real
};

/**
 * A random valid problem covering the corners: equal or unequal volumes, bandwidths with or
 * without ties, p from 0 to n - 1, with or without forced pairs and counters, L3 or L7.
 * \param rng the generator of the instance (not the selector's)
 * \param options the knobs
 * \return a problem that passes Validate
 */
inline Problem
RandomProblem(Rng& rng, const RandomProblemOptions& options = RandomProblemOptions())
{
    Problem problem;
    const uint32_t n =
        options.minN + static_cast<uint32_t>(rng.UniformIndex(options.maxN - options.minN + 1));
    problem.n = n;
    problem.delivery = rng.UniformIndex(2) == 0 ? Delivery::L3 : Delivery::L7;

    const bool equalVolumes = rng.UniformIndex(3) == 0;
    const bool tiedBandwidths = rng.UniformIndex(3) == 0;
    const uint64_t pMode = rng.UniformIndex(3); // one p for all, any p_i, or small p_i
    const uint32_t commonP = static_cast<uint32_t>(rng.UniformIndex(n));
    for (uint32_t i = 0; i < n; ++i)
    {
        double v = 1;
        if (!equalVolumes)
        {
            v = options.dyadic ? (1 + rng.UniformIndex(16)) / 4.0 : 0.1 + 3 * rng.Uniform01();
        }
        problem.volume.push_back(v);
        const double levels[] = {0.5, 1, 2};
        problem.ingress.push_back(tiedBandwidths ? levels[rng.UniformIndex(3)]
                                                 : 0.25 + 2 * rng.Uniform01());
        problem.egress.push_back(tiedBandwidths ? levels[rng.UniformIndex(3)]
                                                : 0.25 + 2 * rng.Uniform01());
        uint32_t p = commonP;
        if (pMode == 1)
        {
            p = static_cast<uint32_t>(rng.UniformIndex(n));
        }
        else if (pMode == 2)
        {
            p = static_cast<uint32_t>(rng.UniformIndex(std::min<uint32_t>(n, 3)));
        }
        problem.minReceivers.push_back(p);
    }

    const uint64_t counterMode = rng.UniformIndex(3); // none, small values, large values
    if (counterMode != 0)
    {
        problem.counters = Matrix<uint32_t>(n, 0);
        const uint64_t range = counterMode == 1 ? 6 : 1000000;
        for (uint32_t i = 0; i < n; ++i)
        {
            for (uint32_t j = 0; j < n; ++j)
            {
                problem.counters(i, j) =
                    i == j ? 0 : static_cast<uint32_t>(rng.UniformIndex(range));
            }
        }
    }
    const uint64_t forcedMode = rng.UniformIndex(3); // none, random, from the counters
    if (forcedMode == 1 || (forcedMode == 2 && counterMode != 1))
    {
        const double density = 0.6 * rng.Uniform01();
        problem.forced = Matrix<uint8_t>(n, 0);
        for (uint32_t i = 0; i < n; ++i)
        {
            for (uint32_t j = 0; j < n; ++j)
            {
                problem.forced(i, j) = (i != j && rng.Uniform01() < density) ? 1 : 0;
            }
        }
    }
    else if (forcedMode == 2)
    {
        const uint32_t k = 1 + static_cast<uint32_t>(rng.UniformIndex(6));
        problem.forced = Matrix<uint8_t>(n, 0);
        for (uint32_t i = 0; i < n; ++i)
        {
            for (uint32_t j = 0; j < n; ++j)
            {
                problem.forced(i, j) = (i != j && problem.counters(i, j) >= k) ? 1 : 0;
            }
        }
    }
    return problem;
}

/**
 * \param problem a problem
 * \return a short description for failure messages
 */
inline std::string
Describe(const Problem& problem)
{
    std::string text = "n = " + std::to_string(problem.n) +
                       (problem.delivery == Delivery::L3 ? ", L3" : ", L7") + ", p =";
    for (uint32_t p : problem.minReceivers)
    {
        text += " " + std::to_string(p);
    }
    text += problem.forced.Size() ? ", forced pairs" : ", no forced pair";
    text += problem.counters.Size() ? ", counters" : ", no counters";
    return text;
}

} // namespace bsp
} // namespace selmcast_test

#endif // SELMCAST_TEST_REFERENCE_BSP_H
