/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Topology-aware SELMCAST: plan for plan SELMCAST on the big switch and on port-bound fabrics
// (random instances, the same draws), Pareto-maximal on the fabric, local receivers where the
// core is slow, and its refusals.

#include "reference-bsp.h"

#include "ns3/selmcast-algorithm.h"
#include "ns3/selmcast-fabric-selector.h"
#include "ns3/selmcast-fabric-time.h"
#include "ns3/selmcast-fabric.h"
#include "ns3/selmcast-instance.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <memory>
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
 * Run both selectors from the same seed and compare the plans and the generators' next draw.
 * \param problem the problem
 * \param fabric the fabric for the topology-aware selector (null: the big switch)
 * \param seed the selectors' seed
 * \param what the case, for failure messages
 */
void
ExpectSameAsSelmcast(const Problem& problem,
                     std::shared_ptr<const Fabric> fabric,
                     uint64_t seed,
                     const std::string& what)
{
    Rng a(seed);
    Rng b(seed);
    const Plan aware = FabricSelmcastSelector(fabric).SelectRound(problem, a);
    const Plan plain = SelmcastSelector().SelectRound(problem, b);
    ASSERT_TRUE(aware == plain) << what << ": " << Describe(problem);
    ASSERT_EQ(a.Next(), b.Next()) << what << ": the draws differ";
}

/**
 * \param spec a leaf-spine shape
 * \param problem a problem with leaves x hostsPerLeaf workers
 * \return the shape with leaf-spine links as fast as a whole leaf's fastest ports
 */
std::shared_ptr<const Fabric>
PortBoundLeafSpine(LeafSpineFabricSpec spec, const Problem& problem)
{
    spec.hostRate = std::max(*std::max_element(problem.ingress.begin(), problem.ingress.end()),
                             *std::max_element(problem.egress.begin(), problem.egress.end()));
    spec.oversubscription = 1.0 / spec.spines;
    return std::make_shared<Fabric>(MakeLeafSpineFabric(spec));
}

} // namespace

TEST(FabricSelector, BigSwitchSelectsWhatSelmcastSelects)
{
    Rng rng(101);
    for (uint32_t trial = 0; trial < 1500; ++trial)
    {
        RandomProblemOptions options;
        options.dyadic = trial % 2 == 0;
        const Problem problem = RandomProblem(rng, options);
        const auto fabric = std::make_shared<Fabric>(MakeBigSwitchFabric(problem.n));
        ExpectSameAsSelmcast(problem, nullptr, trial, "no fabric, trial " + std::to_string(trial));
        ExpectSameAsSelmcast(problem, fabric, trial, "big switch, trial " + std::to_string(trial));
    }
}

TEST(FabricSelector, PaperInstancesOnTheBigSwitch)
{
    for (Delivery delivery : {Delivery::L3, Delivery::L7})
    {
        for (uint32_t seed = 0; seed < 5; ++seed)
        {
            PaperInstance setting;
            setting.n = 100;
            setting.p = 30;
            setting.delivery = delivery;
            Rng rng(seed);
            const Problem problem = MakePaperProblem(setting, rng);
            ExpectSameAsSelmcast(problem, nullptr, seed, "paper instance " + ToString(delivery));
        }
    }
}

TEST(FabricSelector, PortBoundFabricsSelectWhatSelmcastSelects)
{
    Rng rng(202);
    for (uint32_t trial = 0; trial < 600; ++trial)
    {
        LeafSpineFabricSpec spec;
        spec.hostsPerLeaf = 1 + static_cast<uint32_t>(rng.UniformIndex(5));
        spec.leaves = 2 + static_cast<uint32_t>(rng.UniformIndex(5));
        spec.spines = 1 + static_cast<uint32_t>(rng.UniformIndex(3));
        RandomProblemOptions options;
        options.minN = options.maxN = spec.leaves * spec.hostsPerLeaf;
        options.dyadic = trial % 2 == 0;
        const Problem problem = RandomProblem(rng, options);
        const auto fabric = PortBoundLeafSpine(spec, problem);
        ASSERT_TRUE(fabric->IsPortBound(problem));
        ExpectSameAsSelmcast(problem, fabric, trial, "leaf-spine, trial " + std::to_string(trial));
    }
}

TEST(FabricSelector, NonBlockingFatTreeSelectsWhatSelmcastSelects)
{
    // k = 4, ports of at most 1: an aggregation -> edge link serves two hosts (rate 2 covers
    // their egress), a core -> aggregation link a pod's four hosts (rate 4), the upward links
    // one sender each: 2x and 2x more capacity than a plain fat-tree makes it port-bound.
    FatTreeFabricSpec spec;
    spec.edgeOversubscription = 0.5;
    spec.aggregationOversubscription = 0.5;
    const auto fabric = std::make_shared<Fabric>(MakeFatTreeFabric(spec));
    Rng rng(303);
    for (uint32_t trial = 0; trial < 100; ++trial)
    {
        RandomProblemOptions options;
        options.minN = options.maxN = spec.Hosts();
        Problem problem = RandomProblem(rng, options);
        problem.ingress.assign(problem.n, 1);
        problem.egress.assign(problem.n, 0.5 + 0.5 * rng.Uniform01());
        ASSERT_TRUE(fabric->IsPortBound(problem));
        ExpectSameAsSelmcast(problem, fabric, trial, "fat-tree, trial " + std::to_string(trial));
    }
}

TEST(FabricSelector, PlansAreParetoMaximalOnTheFabric)
{
    // No pair can be added without raising the generalized t(X) (dyadic volumes: exact sums).
    Rng rng(404);
    for (uint32_t trial = 0; trial < 150; ++trial)
    {
        LeafSpineFabricSpec spec;
        spec.hostsPerLeaf = 2 + static_cast<uint32_t>(rng.UniformIndex(3));
        spec.leaves = 2 + static_cast<uint32_t>(rng.UniformIndex(3));
        spec.spines = 1 + static_cast<uint32_t>(rng.UniformIndex(2));
        spec.oversubscription = 1 << rng.UniformIndex(4);
        const auto fabric = std::make_shared<Fabric>(MakeLeafSpineFabric(spec));
        RandomProblemOptions options;
        options.minN = options.maxN = spec.leaves * spec.hostsPerLeaf;
        const Problem problem = RandomProblem(rng, options);
        Rng selectorRng(trial);
        Plan plan = FabricSelmcastSelector(fabric).SelectRound(problem, selectorRng);
        ASSERT_EQ(CheckPlan(problem, plan), "") << Describe(problem);
        const double t = FabricCompletionTime(problem, *fabric, plan);
        for (uint32_t i = 0; i < problem.n; ++i)
        {
            for (uint32_t j = 0; j < problem.n; ++j)
            {
                if (i == j || plan(i, j) != 0)
                {
                    continue;
                }
                plan(i, j) = 1;
                EXPECT_GT(FabricCompletionTime(problem, *fabric, plan), t)
                    << "(" << i << ", " << j << ") fits, trial " << trial;
                plan(i, j) = 0;
            }
        }
    }
}

TEST(FabricSelector, PrefersReceiversOnTheSendersLeafWhenTheCoreIsSlow)
{
    // Two leaves of three hosts, one spine 16x oversubscribed, equal ports: one receiver each.
    // A receiver on the own leaf costs only its port (at most 2 block times: three senders, two
    // candidates each), one on the other leaf 16 / 3 through the spine, so every pair stays on
    // its leaf, in the Pareto step too; SELMCAST ranks receivers by their ports alone.
    LeafSpineFabricSpec spec;
    spec.leaves = 2;
    spec.spines = 1;
    spec.hostsPerLeaf = 3;
    spec.oversubscription = 16;
    const auto fabric = std::make_shared<Fabric>(MakeLeafSpineFabric(spec));
    Problem problem;
    problem.n = 6;
    problem.volume.assign(6, 1);
    problem.minReceivers.assign(6, 1);
    problem.ingress.assign(6, 1);
    problem.egress.assign(6, 1);
    uint32_t plainSlower = 0;
    for (Delivery delivery : {Delivery::L3, Delivery::L7})
    {
        problem.delivery = delivery;
        for (uint64_t seed = 0; seed < 20; ++seed)
        {
            Rng a(seed);
            Rng b(seed);
            const Plan aware = FabricSelmcastSelector(fabric).SelectRound(problem, a);
            for (uint32_t i = 0; i < 6; ++i)
            {
                for (uint32_t j = 0; j < 6; ++j)
                {
                    EXPECT_TRUE(aware(i, j) == 0 || i / 3 == j / 3) << i << " -> " << j;
                }
            }
            const double t = FabricCompletionTime(problem, *fabric, aware);
            EXPECT_LE(t, 2.0);
            const Plan plain = SelmcastSelector().SelectRound(problem, b);
            plainSlower += FabricCompletionTime(problem, *fabric, plain) > t ? 1 : 0;
        }
    }
    EXPECT_GT(plainSlower, 0u); // the case is one where topology awareness matters
}

TEST(FabricSelector, NameSetterAndRefusals)
{
    auto selector = MakeSelector("selmcast-fabric");
    EXPECT_EQ(selector->GetName(), "selmcast-fabric");
    auto* aware = dynamic_cast<FabricSelmcastSelector*>(selector.get());
    ASSERT_NE(aware, nullptr);
    EXPECT_EQ(aware->GetFabric(), nullptr);

    auto unvalidated = std::make_shared<Fabric>(3);
    EXPECT_THROW(aware->SetFabric(unvalidated), std::invalid_argument);
    aware->SetFabric(std::make_shared<Fabric>(MakeBigSwitchFabric(5)));
    Problem problem;
    problem.n = 4;
    problem.volume.assign(4, 1);
    problem.minReceivers.assign(4, 1);
    problem.ingress.assign(4, 1);
    problem.egress.assign(4, 1);
    Rng rng(1);
    EXPECT_THROW(aware->SelectRound(problem, rng), std::invalid_argument); // 5 hosts, n = 4

    SspView view;
    view.n = 4;
    view.ingress.assign(4, 1);
    view.egress.assign(4, 1);
    view.tasks.push_back({0, 1.0, 1, 0.0, {1, 2, 3}, {1.0, 1.0, 1.0}});
    EXPECT_THROW(aware->SelectOnReady(view, 0, rng), std::invalid_argument);
    // Without a fabric the SSP form is SELMCAST's Algorithm 2, draw for draw.
    aware->SetFabric(nullptr);
    SspView copy = view;
    Rng a(9);
    Rng b(9);
    const SspDecision x = aware->SelectOnReady(view, 0, a);
    const SspDecision y = SelmcastSelector().SelectOnReady(copy, 0, b);
    EXPECT_EQ(x.dropped, y.dropped);
    EXPECT_EQ(view.tasks[0].receivers, copy.tasks[0].receivers);
    EXPECT_EQ(a.Next(), b.Next());
}
