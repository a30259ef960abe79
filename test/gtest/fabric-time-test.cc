/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The generalized t(X): equal to the paper's t(X) on the big switch (bit for bit, random
// instances and plans) and on port-bound fabrics, hand-worked on an oversubscribed leaf-spine,
// and the rates v_i / t(X) fit every link.

#include "reference-bsp.h"

#include "ns3/selmcast-fabric-time.h"
#include "ns3/selmcast-fabric.h"
#include "ns3/selmcast-problem.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ns3::selmcast;
using selmcast_test::bsp::Describe;
using selmcast_test::bsp::RandomProblem;
using selmcast_test::bsp::RandomProblemOptions;

namespace
{

/**
 * \param problem the problem
 * \param rng the generator
 * \return a random plan (any density, no self pair; constraints not enforced)
 */
Plan
RandomPlan(const Problem& problem, Rng& rng)
{
    Plan plan(problem.n, 0);
    const double density = rng.Uniform01();
    for (uint32_t i = 0; i < problem.n; ++i)
    {
        for (uint32_t j = 0; j < problem.n; ++j)
        {
            plan(i, j) = (i != j && rng.Uniform01() < density) ? 1 : 0;
        }
    }
    return plan;
}

/** Hosts 0, 1 on leaf 0 and 2, 3 on leaf 1, one spine, host links 1, leaf-spine links 0.5. */
Fabric
SmallLeafSpine()
{
    LeafSpineFabricSpec spec;
    spec.leaves = 2;
    spec.spines = 1;
    spec.hostsPerLeaf = 2;
    spec.oversubscription = 4;
    return MakeLeafSpineFabric(spec);
}

/** \return four workers with unit volumes and bandwidths */
Problem
UnitProblem(Delivery delivery)
{
    Problem problem;
    problem.n = 4;
    problem.delivery = delivery;
    problem.volume.assign(4, 1);
    problem.minReceivers.assign(4, 0);
    problem.ingress.assign(4, 1);
    problem.egress.assign(4, 1);
    return problem;
}

} // namespace

TEST(FabricTime, BigSwitchEqualsCompletionTimeExactly)
{
    Rng rng(2026);
    for (uint32_t trial = 0; trial < 3000; ++trial)
    {
        RandomProblemOptions options;
        options.dyadic = trial % 2 == 0; // odd trials: volumes whose sums round
        const Problem problem = RandomProblem(rng, options);
        const Fabric fabric = MakeBigSwitchFabric(problem.n);
        const Plan plan = RandomPlan(problem, rng);
        const FabricPlanTime result = EvaluateOnFabric(problem, fabric, plan);
        ASSERT_EQ(result.completionTime, CompletionTime(problem, plan))
            << "trial " << trial << ": " << Describe(problem);
        for (uint32_t h = 0; h < problem.n; ++h)
        {
            ASSERT_EQ(result.load[fabric.GetUplink(h)], SenderVolume(problem, plan, h));
            ASSERT_EQ(result.load[fabric.GetDownlink(h)], ReceiverVolume(problem, plan, h));
        }
    }
}

TEST(FabricTime, PortBoundFabricsGiveThePortTime)
{
    Rng rng(7);
    for (uint32_t trial = 0; trial < 400; ++trial)
    {
        LeafSpineFabricSpec spec;
        spec.hostsPerLeaf = 1 + static_cast<uint32_t>(rng.UniformIndex(4));
        spec.leaves = 2 + static_cast<uint32_t>(rng.UniformIndex(5));
        spec.spines = 1 + static_cast<uint32_t>(rng.UniformIndex(3));
        RandomProblemOptions options;
        options.minN = options.maxN = spec.leaves * spec.hostsPerLeaf;
        const Problem problem = RandomProblem(rng, options);
        // Every leaf-spine link as fast as all ports of a leaf together: port-bound.
        const double fastest =
            std::max(*std::max_element(problem.ingress.begin(), problem.ingress.end()),
                     *std::max_element(problem.egress.begin(), problem.egress.end()));
        spec.hostRate = fastest;
        spec.oversubscription = 1.0 / spec.spines;
        const Fabric fabric = MakeLeafSpineFabric(spec);
        ASSERT_TRUE(fabric.IsPortBound(problem));
        const Plan plan = RandomPlan(problem, rng);
        // Core loads are sums in another order than the ports': equal up to rounding.
        EXPECT_DOUBLE_EQ(FabricCompletionTime(problem, fabric, plan), CompletionTime(problem, plan))
            << "trial " << trial << ": " << Describe(problem);
    }
}

TEST(FabricTime, OversubscribedLeafSpineByHand)
{
    const Fabric fabric = SmallLeafSpine();
    // 0 -> {2, 3}, 1 -> {3}, 2 -> {0}: senders 0 and 1 share leaf 0's uplink to the spine.
    Plan plan(4, 0);
    plan(0, 2) = plan(0, 3) = plan(1, 3) = plan(2, 0) = 1;
    const uint32_t leaf0Up = fabric.GetPath(0, 2)[1];
    const uint32_t spineDown1 = fabric.GetPath(0, 2)[2];
    const uint32_t leaf1Up = fabric.GetPath(2, 0)[1];

    const Problem l3 = UnitProblem(Delivery::L3);
    const FabricPlanTime a = EvaluateOnFabric(l3, fabric, plan);
    EXPECT_EQ(a.load[leaf0Up], 2.0);    // one copy per tree: v_0 + v_1
    EXPECT_EQ(a.load[spineDown1], 2.0); // the same two trees
    EXPECT_EQ(a.load[leaf1Up], 1.0);
    EXPECT_EQ(a.load[fabric.GetDownlink(3)], 2.0);
    EXPECT_EQ(a.completionTime, 4.0); // 2 / 0.5, against 2 on the ports
    EXPECT_EQ(a.bottleneck, leaf0Up); // the first link attaining it
    EXPECT_EQ(CompletionTime(l3, plan), 2.0);
    EXPECT_EQ(a.senderRate, (std::vector<double>{0.25, 0.25, 0.25, 0}));

    const Problem l7 = UnitProblem(Delivery::L7);
    const FabricPlanTime b = EvaluateOnFabric(l7, fabric, plan);
    EXPECT_EQ(b.load[leaf0Up], 3.0); // three unicasts leave leaf 0
    EXPECT_EQ(b.load[fabric.GetUplink(0)], 2.0);
    EXPECT_EQ(b.completionTime, 6.0);
    EXPECT_EQ(CompletionTime(l7, plan), 2.0);

    // Within leaf 0 only: no core link, the ports decide.
    Plan local(4, 0);
    local(0, 1) = local(1, 0) = 1;
    EXPECT_EQ(FabricCompletionTime(l3, fabric, local), 1.0);
    const FabricPlanTime none = EvaluateOnFabric(l3, fabric, Plan(4, 0));
    EXPECT_EQ(none.completionTime, 0.0);
    EXPECT_EQ(none.bottleneck, Fabric::NO_LINK);
}

TEST(FabricTime, AchievingRatesFitEveryLinkAndOneIsFull)
{
    Rng rng(11);
    for (uint32_t trial = 0; trial < 300; ++trial)
    {
        RandomProblemOptions options;
        options.minN = options.maxN = 8;
        const Problem problem = RandomProblem(rng, options);
        LeafSpineFabricSpec spec;
        spec.leaves = 4;
        spec.hostsPerLeaf = 2;
        spec.spines = 1 + static_cast<uint32_t>(rng.UniformIndex(2));
        spec.oversubscription = 0.5 + 4 * rng.Uniform01();
        const Fabric fabric = MakeLeafSpineFabric(spec);
        const Plan plan = RandomPlan(problem, rng);
        const FabricPlanTime result = EvaluateOnFabric(problem, fabric, plan);
        if (result.completionTime == 0)
        {
            continue;
        }
        // The rate on each link, summed from the paths: once per tree (L3), per pair (L7).
        std::vector<double> rate(fabric.GetLinks(), 0.0);
        for (uint32_t i = 0; i < problem.n; ++i)
        {
            std::vector<uint8_t> used(fabric.GetLinks(), 0);
            for (uint32_t j = 0; j < problem.n; ++j)
            {
                for (uint32_t l :
                     (plan(i, j) != 0 ? fabric.GetPath(i, j) : std::vector<uint32_t>()))
                {
                    if (problem.delivery == Delivery::L7 || used[l] == 0)
                    {
                        rate[l] += result.senderRate[i];
                    }
                    used[l] = 1;
                }
            }
        }
        double fullest = 0;
        for (uint32_t l = 0; l < fabric.GetLinks(); ++l)
        {
            EXPECT_LE(rate[l], result.capacity[l] * (1 + 1e-12)) << "trial " << trial;
            fullest = std::max(fullest, rate[l] / result.capacity[l]);
        }
        EXPECT_NEAR(fullest, 1.0, 1e-12) << "trial " << trial;
    }
}

TEST(FabricTime, RefusesMismatchedInput)
{
    const Problem problem = UnitProblem(Delivery::L3);
    EXPECT_THROW(EvaluateOnFabric(problem, SmallLeafSpine(), Plan(3, 0)), std::invalid_argument);
    EXPECT_THROW(EvaluateOnFabric(problem, MakeBigSwitchFabric(5), Plan(4, 0)),
                 std::invalid_argument);
    EXPECT_THROW(EvaluateOnFabric(problem, Fabric(4), Plan(4, 0)), std::invalid_argument);
}
