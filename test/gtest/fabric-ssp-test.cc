/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Topology-aware SELMCAST for SSP (FabricSelectOnReady): on the big switch and on port-bound
// leaf-spines the same result and draws as SELMCAST's Algorithm 2 over random views and options;
// on an oversubscribed leaf-spine
// a receiver on the sender's leaf first, and the Pareto step admits a remote receiver only while
// the core link stays within the task's t (once per tree under L3, once per copy under L7).

#include "random-ssp-view.h"

#include "ns3/selmcast-algorithm.h"
#include "ns3/selmcast-fabric-selector.h"
#include "ns3/selmcast-fabric-ssp.h"
#include "ns3/selmcast-fabric.h"

#include <gtest/gtest.h>
#include <memory>
#include <set>
#include <string>
#include <vector>

using namespace ns3::selmcast;
using selmcast_test::ssp::FreshTask;
using selmcast_test::ssp::RandomOptions;
using selmcast_test::ssp::RandomView;
using selmcast_test::ssp::ViewShape;

namespace
{

/**
 * \param view a view after a selection
 * \param t a task
 * \return its receivers as a set
 */
std::set<uint32_t>
Receivers(const SspView& view, size_t t)
{
    return {view.tasks[t].receivers.begin(), view.tasks[t].receivers.end()};
}

/**
 * Two hosts on each of two leaves, one spine, all ports 1: the leaf-spine links run at
 * 2 / oversubscription.
 * \param oversubscription the leaves' oversubscription
 * \return the fabric
 */
std::shared_ptr<const Fabric>
TwoLeaves(double oversubscription)
{
    LeafSpineFabricSpec spec;
    spec.leaves = 2;
    spec.spines = 1;
    spec.hostsPerLeaf = 2;
    spec.oversubscription = oversubscription;
    return std::make_shared<Fabric>(MakeLeafSpineFabric(spec));
}

/**
 * \param delivery L3 or L7
 * \param tau the new task's tau
 * \return four workers with ports 1; worker 0 becomes ready with a block of 1 and p = 1
 */
SspView
NewTaskOfWorker0(Delivery delivery, double tau)
{
    SspView view;
    view.n = 4;
    view.delivery = delivery;
    view.ingress.assign(4, 1.0);
    view.egress.assign(4, 1.0);
    view.tasks.push_back(FreshTask(0, 1.0, 1, tau, {1, 2, 3}));
    return view;
}

/**
 * Select on a copy of the view with FabricSelectOnReady and SelmcastSelector from the same seed.
 * \param fabric the fabric
 * \param options SELMCAST's options
 * \param view the view
 * \param newTask the new task
 * \param seed the generators' seed
 * \return an empty string when decisions, receivers and draws are equal, else what differs
 */
std::string
CompareWithSelmcast(const Fabric& fabric,
                    const SelmcastOptions& options,
                    const SspView& view,
                    size_t newTask,
                    uint64_t seed)
{
    SspView aware = view;
    SspView plain = view;
    Rng a(seed);
    Rng b(seed);
    const SspDecision x = FabricSelectOnReady(fabric, SelmcastSelector(options), aware, newTask, a);
    const SspDecision y = SelmcastSelector(options).SelectOnReady(plain, newTask, b);
    if (x.dropped != y.dropped)
    {
        return "the drops differ";
    }
    for (size_t t = 0; t < aware.tasks.size(); ++t)
    {
        if (aware.tasks[t].receivers != plain.tasks[t].receivers ||
            aware.tasks[t].remaining != plain.tasks[t].remaining)
        {
            return "task " + std::to_string(t) + ": the receivers differ";
        }
    }
    return a.Next() == b.Next() ? "" : "the draws differ";
}

/**
 * A leaf-spine over the view's n hosts whose spine-leaf links carry at least what the ports
 * behind them can (RandomView's ports are at most 4), so that it is port-bound.
 * \param gen the generator (shape)
 * \param n the hosts
 * \return a validated fabric
 */
Fabric
NonBlockingLeafSpine(Rng& gen, uint32_t n)
{
    std::vector<uint32_t> divisors;
    for (uint32_t d = 1; d <= n; ++d)
    {
        if (n % d == 0)
        {
            divisors.push_back(d);
        }
    }
    LeafSpineFabricSpec spec;
    spec.hostsPerLeaf = divisors[gen.UniformIndex(divisors.size())];
    spec.leaves = n / spec.hostsPerLeaf;
    spec.spines = 1 + static_cast<uint32_t>(gen.UniformIndex(3));
    spec.hostRate = 4;
    spec.oversubscription = 1.0 / (spec.spines * (1 + gen.UniformIndex(2)));
    return MakeLeafSpineFabric(spec);
}

TEST(FabricSsp, BigSwitchSelectsWhatSelmcastSelects)
{
    Rng gen(20261207);
    const ViewShape shape; // dyadic volumes: every sum is exact in both orders of addition
    for (int c = 0; c < 3000; ++c)
    {
        size_t newTask = 0;
        const SspView view = RandomView(gen, shape, newTask);
        SelmcastOptions options = RandomOptions(gen);
        options.paretoScope = gen.UniformIndex(2) == 0 ? SelmcastOptions::ParetoScope::AllTasks
                                                       : SelmcastOptions::ParetoScope::NewTask;
        options.paretoDeadline = gen.UniformIndex(2) == 0 ? SelmcastOptions::ParetoDeadline::Own
                                                          : SelmcastOptions::ParetoDeadline::Global;
        const uint64_t seed = gen.Next();
        ASSERT_EQ(CompareWithSelmcast(MakeBigSwitchFabric(view.n), options, view, newTask, seed),
                  "")
            << "case " << c;
    }
}

TEST(FabricSsp, PortBoundLeafSpineSelectsWhatSelmcastSelects)
{
    // A core link below the new task's own uplink time must not change its choice.
    Rng gen(20261208);
    const ViewShape shape;
    for (int c = 0; c < 3000; ++c)
    {
        size_t newTask = 0;
        const SspView view = RandomView(gen, shape, newTask);
        const SelmcastOptions options = RandomOptions(gen);
        const Fabric fabric = NonBlockingLeafSpine(gen, view.n);
        Problem ports;
        ports.n = view.n;
        ports.ingress = view.ingress;
        ports.egress = view.egress;
        ASSERT_TRUE(fabric.IsPortBound(ports)) << "case " << c;
        ASSERT_EQ(CompareWithSelmcast(fabric, options, view, newTask, gen.Next()), "")
            << "case " << c;
    }
}

TEST(FabricSsp, PrefersTheSendersLeafWhenTheCoreIsSlow)
{
    // Core links at 2 / 8 = 0.25: a remote receiver costs 4 on the core, the local one 1.
    const auto fabric = TwoLeaves(8);
    for (uint64_t seed = 1; seed <= 20; ++seed)
    {
        for (Delivery delivery : {Delivery::L3, Delivery::L7})
        {
            SspView view = NewTaskOfWorker0(delivery, 0);
            Rng rng(seed);
            FabricSelmcastSelector(fabric).SelectOnReady(view, 0, rng);
            // t = 1 (the local branch): no remote branch fits under it.
            EXPECT_EQ(Receivers(view, 0), (std::set<uint32_t>{1})) << "seed " << seed;
        }
    }
    // SELMCAST sees ports only: every receiver fits under t = 1.
    SspView view = NewTaskOfWorker0(Delivery::L3, 0);
    Rng rng(1);
    SelmcastSelector().SelectOnReady(view, 0, rng);
    EXPECT_EQ(Receivers(view, 0), (std::set<uint32_t>{1, 2, 3}));
}

TEST(FabricSsp, ParetoAdmitsRemoteReceiversWhileTheCoreStaysWithinT)
{
    // Core links at 2 / 4 = 0.5: one copy of the block takes 2 on the core. With tau = 2 the
    // task's t is 2, so one copy fits: under L3 one copy serves both remote receivers, under L7
    // each needs its own and only one fits.
    const auto fabric = TwoLeaves(4);
    for (uint64_t seed = 1; seed <= 20; ++seed)
    {
        SspView l3 = NewTaskOfWorker0(Delivery::L3, 2);
        Rng a(seed);
        FabricSelmcastSelector(fabric).SelectOnReady(l3, 0, a);
        EXPECT_EQ(Receivers(l3, 0), (std::set<uint32_t>{1, 2, 3})) << "seed " << seed;

        SspView l7 = NewTaskOfWorker0(Delivery::L7, 2);
        // L7's uplink carries a copy per receiver: ingress 3 keeps it below t = 2.
        l7.ingress[0] = 3;
        Rng b(seed);
        FabricSelmcastSelector(fabric).SelectOnReady(l7, 0, b);
        EXPECT_EQ(l7.tasks[0].receivers.size(), 2u) << "seed " << seed;
        EXPECT_EQ(Receivers(l7, 0).count(1), 1u) << "the local receiver first";

        SspView tight = NewTaskOfWorker0(Delivery::L3, 1.9);
        Rng c(seed);
        FabricSelmcastSelector(fabric).SelectOnReady(tight, 0, c);
        EXPECT_EQ(Receivers(tight, 0), (std::set<uint32_t>{1})) << "2 > t = 1.9: none remote";
    }
}

TEST(FabricSsp, ForcedRemotePairsStayAndAreCountedOnTheCore)
{
    // Worker 3 is forced for 0: the tree reaches leaf 1 anyway, so worker 2 there adds nothing
    // to the core under L3 and fits under t = 2 (the forced branch's core time).
    const auto fabric = TwoLeaves(4);
    SspView view = NewTaskOfWorker0(Delivery::L3, 0);
    view.forcedRoundLimit = 1;
    view.counters = Matrix<uint32_t>(4, 0);
    view.counters(0, 3) = 1;
    Rng rng(3);
    FabricSelmcastSelector(fabric).SelectOnReady(view, 0, rng);
    EXPECT_EQ(Receivers(view, 0), (std::set<uint32_t>{1, 2, 3}));
}

TEST(FabricSsp, RefusesAFabricOfAnotherSize)
{
    SspView view = NewTaskOfWorker0(Delivery::L3, 0);
    Rng rng(1);
    EXPECT_THROW(FabricSelectOnReady(MakeBigSwitchFabric(5), SelmcastSelector(), view, 0, rng),
                 std::invalid_argument);
    EXPECT_THROW(FabricSelectOnReady(MakeBigSwitchFabric(4), SelmcastSelector(), view, 1, rng),
                 std::invalid_argument);
}

} // namespace
