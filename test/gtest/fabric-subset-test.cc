/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// SubFabric (the fabric of a round over its active workers): a plan over the subset puts on
// every link what the same plan, embedded in the whole fabric with the other hosts idle, puts
// there, and its t(X) is the same; bad host lists are refused.

#include "reference-bsp.h"

#include "ns3/selmcast-fabric-subset.h"
#include "ns3/selmcast-fabric-time.h"
#include "ns3/selmcast-fabric.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <numeric>
#include <stdexcept>
#include <vector>

using namespace ns3::selmcast;
using selmcast_test::bsp::RandomProblem;
using selmcast_test::bsp::RandomProblemOptions;

namespace
{

/**
 * \param sub a problem over the subset
 * \param hosts the subset (host a of sub is hosts[a])
 * \param n the hosts of the whole fabric
 * \return the problem over all n hosts: the subset's values in place, idle hosts elsewhere
 */
Problem
Embed(const Problem& sub, const std::vector<uint32_t>& hosts, uint32_t n)
{
    Problem all;
    all.n = n;
    all.delivery = sub.delivery;
    all.volume.assign(n, 1);
    all.minReceivers.assign(n, 0);
    all.ingress.assign(n, 1);
    all.egress.assign(n, 1);
    all.counters = Matrix<uint32_t>(n, 0);
    all.forced = Matrix<uint8_t>(n, 0);
    for (uint32_t a = 0; a < hosts.size(); ++a)
    {
        all.volume[hosts[a]] = sub.volume[a];
        all.ingress[hosts[a]] = sub.ingress[a];
        all.egress[hosts[a]] = sub.egress[a];
    }
    return all;
}

TEST(FabricSubset, LoadsAndTimeMatchTheWholeFabric)
{
    LeafSpineFabricSpec spec;
    spec.leaves = 3;
    spec.spines = 2;
    spec.hostsPerLeaf = 3;
    spec.oversubscription = 3;
    Fabric fabric = MakeLeafSpineFabric(spec);
    const uint32_t n = fabric.GetHosts();
    Rng rng(11);
    for (int trial = 0; trial < 200; ++trial)
    {
        std::vector<uint32_t> hosts(n);
        std::iota(hosts.begin(), hosts.end(), 0);
        rng.Shuffle(hosts);
        hosts.resize(2 + rng.UniformIndex(n - 1));
        Fabric sub = SubFabric(fabric, hosts);
        ASSERT_EQ(sub.GetHosts(), hosts.size());
        ASSERT_EQ(sub.GetLinks(), fabric.GetLinks());

        RandomProblemOptions options;
        options.minN = options.maxN = hosts.size();
        Problem problem = RandomProblem(rng, options);
        Plan plan(problem.n, 0);
        Plan whole(n, 0);
        for (uint32_t a = 0; a < problem.n; ++a)
        {
            for (uint32_t b = 0; b < problem.n; ++b)
            {
                plan(a, b) = whole(hosts[a], hosts[b]) = (a != b && rng.Uniform01() < 0.5);
            }
        }
        FabricPlanTime mine = EvaluateOnFabric(problem, sub, plan);
        FabricPlanTime theirs = EvaluateOnFabric(Embed(problem, hosts, n), fabric, whole);
        EXPECT_EQ(mine.load, theirs.load) << "trial " << trial;
        EXPECT_DOUBLE_EQ(mine.completionTime, theirs.completionTime) << "trial " << trial;
    }
}

TEST(FabricSubset, RefusesBadHostLists)
{
    Fabric fabric = MakeBigSwitchFabric(4);
    EXPECT_THROW(SubFabric(fabric, {0, 4}), std::invalid_argument);
    EXPECT_THROW(SubFabric(fabric, {1, 1}), std::invalid_argument);
    EXPECT_THROW(SubFabric(fabric, {2}), std::invalid_argument);
    EXPECT_EQ(SubFabric(fabric, {3, 1}).GetPath(0, 1), fabric.GetPath(3, 1));
}

} // namespace
