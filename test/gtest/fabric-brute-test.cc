/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Brute force on tiny fabrics: every plan of four hosts enumerated, its trees rebuilt from the
// links' endpoints, t(X) recomputed independently and bounded by a max-min fluid simulation of
// the trees; the optimum over all plans against the max-flow optimum on the big switch and
// against the selectors on oversubscribed leaf-spines.

#include "reference-bsp.h"

#include "ns3/selmcast-algorithm.h"
#include "ns3/selmcast-fabric-selector.h"
#include "ns3/selmcast-fabric-time.h"
#include "ns3/selmcast-fabric.h"
#include "ns3/selmcast-optimum.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <utility>
#include <vector>

using namespace ns3::selmcast;
using selmcast_test::bsp::Describe;
using selmcast_test::bsp::RandomProblem;
using selmcast_test::bsp::RandomProblemOptions;

namespace
{

/** A directed edge by its endpoints. */
using Edge = std::pair<uint32_t, uint32_t>;

/** One transfer of the fluid model: a tree (L3) or a unicast path (L7). */
struct Transfer
{
    std::set<Edge> edges; //!< the edges it crosses
    double remaining;     //!< bytes left
};

/**
 * \param problem the problem
 * \param fabric the fabric
 * \param plan the plan
 * \return the transfers of the plan, built from the paths' endpoints
 */
std::vector<Transfer>
Transfers(const Problem& problem, const Fabric& fabric, const Plan& plan)
{
    std::vector<Transfer> transfers;
    for (uint32_t i = 0; i < problem.n; ++i)
    {
        Transfer tree{{}, problem.volume[i]};
        for (uint32_t j = 0; j < problem.n; ++j)
        {
            if (i == j || plan(i, j) == 0)
            {
                continue;
            }
            Transfer unicast{{}, problem.volume[i]};
            for (uint32_t l : fabric.GetPath(i, j))
            {
                const Edge edge{fabric.GetLink(l).from, fabric.GetLink(l).to};
                tree.edges.insert(edge);
                unicast.edges.insert(edge);
            }
            if (problem.delivery == Delivery::L7)
            {
                transfers.push_back(unicast);
            }
        }
        if (problem.delivery == Delivery::L3 && !tree.edges.empty())
        {
            transfers.push_back(tree);
        }
    }
    return transfers;
}

/**
 * \param problem the problem
 * \param fabric the fabric (no parallel links)
 * \return each edge's capacity: b^I out of a host, b^E into one, the link's own elsewhere
 */
std::map<Edge, double>
EdgeCapacities(const Problem& problem, const Fabric& fabric)
{
    std::map<Edge, double> capacity;
    for (uint32_t l = 0; l < fabric.GetLinks(); ++l)
    {
        const FabricLink& link = fabric.GetLink(l);
        double c = link.capacity;
        c = link.from < problem.n ? problem.ingress[link.from] : c;
        c = link.to < problem.n ? problem.egress[link.to] : c;
        capacity[{link.from, link.to}] = c;
    }
    return capacity;
}

/**
 * t(X) counted directly: bytes per edge over the transfers, over the capacity.
 * \param transfers the transfers
 * \param capacity each edge's capacity
 * \return the largest time an edge needs
 */
double
DirectTime(const std::vector<Transfer>& transfers, const std::map<Edge, double>& capacity)
{
    std::map<Edge, double> load;
    for (const Transfer& t : transfers)
    {
        for (const Edge& e : t.edges)
        {
            load[e] += t.remaining;
        }
    }
    double time = 0;
    for (const auto& [edge, bytes] : load)
    {
        time = std::max(time, bytes / capacity.at(edge));
    }
    return time;
}

/**
 * Max-min fair fluid simulation by progressive filling, rates recomputed at every completion.
 * \param transfers the transfers
 * \param capacity each edge's capacity
 * \return the time the last transfer completes
 */
double
MaxMinFluidTime(std::vector<Transfer> transfers, const std::map<Edge, double>& capacity)
{
    double now = 0;
    while (!transfers.empty())
    {
        std::vector<double> rate(transfers.size(), 0);
        std::vector<bool> frozen(transfers.size(), false);
        std::map<Edge, double> left = capacity;
        size_t active = transfers.size();
        while (active > 0)
        {
            // The edge that fills first when every unfrozen transfer rises equally.
            double step = std::numeric_limits<double>::infinity();
            for (const auto& [edge, room] : left)
            {
                size_t users = 0;
                for (size_t k = 0; k < transfers.size(); ++k)
                {
                    users += (!frozen[k] && transfers[k].edges.count(edge)) ? 1 : 0;
                }
                if (users > 0)
                {
                    step = std::min(step, room / users);
                }
            }
            for (size_t k = 0; k < transfers.size(); ++k)
            {
                if (!frozen[k])
                {
                    rate[k] += step;
                    for (const Edge& e : transfers[k].edges)
                    {
                        left[e] -= step;
                    }
                }
            }
            for (size_t k = 0; k < transfers.size(); ++k)
            {
                for (const Edge& e : transfers[k].edges)
                {
                    if (!frozen[k] && left[e] <= 1e-12 * capacity.at(e))
                    {
                        frozen[k] = true;
                        --active;
                        break;
                    }
                }
            }
        }
        double next = std::numeric_limits<double>::infinity();
        for (size_t k = 0; k < transfers.size(); ++k)
        {
            next = std::min(next, transfers[k].remaining / rate[k]);
        }
        now += next;
        std::vector<Transfer> still;
        for (size_t k = 0; k < transfers.size(); ++k)
        {
            transfers[k].remaining -= rate[k] * next;
            if (transfers[k].remaining > 1e-12 * (1 + rate[k] * next))
            {
                still.push_back(transfers[k]);
            }
        }
        transfers.swap(still);
    }
    return now;
}

/** The best plans of an instance, by enumeration. */
struct Enumerated
{
    double best{std::numeric_limits<double>::infinity()}; //!< min t(X) over valid plans
    uint32_t bestPairs{0}; //!< most pairs among the plans within 1e-9 of best
    uint32_t valid{0};     //!< valid plans seen
};

/**
 * Enumerate all plans of a 4-host problem, check each plan's t(X) against the direct count
 * (and every seventh against the fluid bound), and find the lexicographic optimum.
 * \param problem the problem
 * \param fabric the fabric
 * \return the optimum
 */
Enumerated
Enumerate(const Problem& problem, const Fabric& fabric)
{
    const std::map<Edge, double> capacity = EdgeCapacities(problem, fabric);
    std::vector<Edge> pairs;
    for (uint32_t i = 0; i < 4; ++i)
    {
        for (uint32_t j = 0; j < 4; ++j)
        {
            if (i != j)
            {
                pairs.emplace_back(i, j);
            }
        }
    }
    std::vector<std::pair<double, uint32_t>> times;
    Enumerated result;
    for (uint32_t mask = 0; mask < (1u << pairs.size()); ++mask)
    {
        Plan plan(4, 0);
        for (size_t b = 0; b < pairs.size(); ++b)
        {
            plan(pairs[b].first, pairs[b].second) = (mask >> b) & 1;
        }
        if (!CheckPlan(problem, plan).empty())
        {
            continue;
        }
        ++result.valid;
        const double t = FabricCompletionTime(problem, fabric, plan);
        const std::vector<Transfer> transfers = Transfers(problem, fabric, plan);
        EXPECT_NEAR(t, DirectTime(transfers, capacity), 1e-12 * t) << "mask " << mask;
        if (mask % 7 == 0 && t > 0)
        {
            EXPECT_GE(MaxMinFluidTime(transfers, capacity), t * (1 - 1e-9)) << "mask " << mask;
        }
        times.emplace_back(t, static_cast<uint32_t>(__builtin_popcount(mask)));
        result.best = std::min(result.best, t);
    }
    for (const auto& [t, count] : times)
    {
        if (t <= result.best * (1 + 1e-9))
        {
            result.bestPairs = std::max(result.bestPairs, count);
        }
    }
    return result;
}

/**
 * \param rng the generator
 * \param equalVolumes true for unit volumes (the max-flow optimum needs them)
 * \return a random 4-worker instance with p_i in [0, 2]
 */
Problem
TinyProblem(Rng& rng, bool equalVolumes)
{
    RandomProblemOptions options;
    options.minN = options.maxN = 4;
    Problem problem = RandomProblem(rng, options);
    for (uint32_t i = 0; i < 4; ++i)
    {
        problem.minReceivers[i] = std::min<uint32_t>(problem.minReceivers[i], 2);
        problem.volume[i] = equalVolumes ? 1.0 : problem.volume[i];
    }
    return problem;
}

/**
 * \param spines spines
 * \param oversubscription oversubscription
 * \return two leaves of two hosts
 */
std::shared_ptr<Fabric>
TinyLeafSpine(uint32_t spines, double oversubscription)
{
    LeafSpineFabricSpec spec;
    spec.leaves = 2;
    spec.hostsPerLeaf = 2;
    spec.spines = spines;
    spec.oversubscription = oversubscription;
    return std::make_shared<Fabric>(MakeLeafSpineFabric(spec));
}

} // namespace

TEST(FabricBruteForce, FluidSimulationOfOneTreeTakesItsTime)
{
    // A single tree runs at the rate of its slowest edge: the fluid time is t(X) exactly.
    Problem problem;
    problem.n = 4;
    problem.volume = {3, 1, 1, 1};
    problem.minReceivers = {2, 0, 0, 0};
    problem.ingress = {2, 1, 1, 1};
    problem.egress = {1.5, 1, 4, 4};
    const auto fabric = TinyLeafSpine(1, 8); // leaf-spine links 0.25
    Plan plan(4, 0);
    plan(0, 1) = plan(0, 2) = 1;
    const auto capacity = EdgeCapacities(problem, *fabric);
    const auto transfers = Transfers(problem, *fabric, plan);
    EXPECT_EQ(transfers.size(), 1u);
    EXPECT_EQ(transfers[0].edges.size(), 5u); // up, leaf-spine, spine-leaf and two downlinks
    EXPECT_DOUBLE_EQ(MaxMinFluidTime(transfers, capacity), 12.0); // 3 / 0.25
    EXPECT_DOUBLE_EQ(FabricCompletionTime(problem, *fabric, plan), 12.0);
}

TEST(FabricBruteForce, EveryPlanOnTinyFabrics)
{
    Rng rng(31);
    const std::vector<std::pair<uint32_t, double>> shapes = {{1, 1}, {1, 2}, {2, 1}, {2, 4}};
    for (uint32_t trial = 0; trial < 24; ++trial)
    {
        const Problem problem = TinyProblem(rng, trial % 3 == 0);
        const auto [spines, oversubscription] = shapes[trial % shapes.size()];
        const Enumerated found = Enumerate(problem, *TinyLeafSpine(spines, oversubscription));
        EXPECT_GT(found.valid, 0u) << Describe(problem);
    }
}

TEST(FabricBruteForce, BigSwitchOptimumEqualsTheMaxFlowOptimum)
{
    Rng rng(37);
    const Fabric fabric = MakeBigSwitchFabric(4);
    for (uint32_t trial = 0; trial < 40; ++trial)
    {
        const Problem problem = TinyProblem(rng, true);
        const Enumerated found = Enumerate(problem, fabric);
        const OptimumResult optimum = OptimumSelector().Solve(problem);
        EXPECT_NEAR(found.best, optimum.completionTime, 1e-9 * found.best) << Describe(problem);
        EXPECT_EQ(found.bestPairs, optimum.pairs) << Describe(problem);
    }
}

TEST(FabricBruteForce, SelectorsAgainstTheOptimumOnOversubscribedLeafSpine)
{
    // On two leaves joined through a slow spine, the topology-aware selection reaches the
    // optimum t(X) over all plans at least as often as SELMCAST, and never does worse on
    // average.
    Rng rng(41);
    uint32_t awareOptimal = 0;
    uint32_t plainOptimal = 0;
    double awareRatio = 0;
    double plainRatio = 0;
    const uint32_t trials = 60;
    for (uint32_t trial = 0; trial < trials; ++trial)
    {
        const Problem problem = TinyProblem(rng, trial % 2 == 0);
        const auto fabric = TinyLeafSpine(1 + trial % 2, 4);
        const Enumerated found = Enumerate(problem, *fabric);
        Rng a(trial);
        Rng b(trial);
        const Plan aware = FabricSelmcastSelector(fabric).SelectRound(problem, a);
        const Plan plain = SelmcastSelector().SelectRound(problem, b);
        const double ta = FabricCompletionTime(problem, *fabric, aware);
        const double tp = FabricCompletionTime(problem, *fabric, plain);
        ASSERT_GE(ta, found.best * (1 - 1e-12));
        ASSERT_GE(tp, found.best * (1 - 1e-12));
        awareOptimal += ta <= found.best * (1 + 1e-9) ? 1 : 0;
        plainOptimal += tp <= found.best * (1 + 1e-9) ? 1 : 0;
        // With every p_i = 0 and nothing forced the optimum sends nothing: t* = 0.
        awareRatio += (found.best > 0 ? ta / found.best : 1.0) / trials;
        plainRatio += (found.best > 0 ? tp / found.best : 1.0) / trials;
    }
    EXPECT_GE(awareOptimal, plainOptimal);
    EXPECT_LE(awareRatio, plainRatio);
    RecordProperty("awareOptimal", static_cast<int>(awareOptimal));
    RecordProperty("plainOptimal", static_cast<int>(plainOptimal));
    std::cout << "optimal t(X) reached: aware " << awareOptimal << " / " << trials << ", SELMCAST "
              << plainOptimal << "; mean t / t*: aware " << awareRatio << ", SELMCAST "
              << plainRatio << "\n";
}
