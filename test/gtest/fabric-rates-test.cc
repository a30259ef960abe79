/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Rate sharing over every fabric link (LinksAsPorts): on the big switch the ports' allocation;
// on oversubscribed leaf-spines a max-min allocation by its definition (no link over capacity,
// every flow has a saturated link on which no flow is faster), checked link by link here.

#include "ns3/selmcast-fabric-rates.h"
#include "ns3/selmcast-fabric.h"
#include "ns3/selmcast-rate-allocator.h"
#include "ns3/selmcast-rng.h"

#include <gtest/gtest.h>
#include <set>
#include <stdexcept>
#include <vector>

using namespace ns3::selmcast;

namespace
{

/**
 * Random flows: each sender at most once (L3) or one per pair (L7), random receivers.
 * \param gen the generator
 * \param n hosts
 * \param l3 one flow per sender with several receivers, else single-receiver flows
 * \return the flows
 */
std::vector<RateFlow>
RandomFlows(Rng& gen, uint32_t n, bool l3)
{
    std::vector<RateFlow> flows;
    for (uint32_t i = 0; i < n; ++i)
    {
        std::vector<uint32_t> picked;
        for (uint32_t j = 0; j < n; ++j)
        {
            if (j != i && gen.UniformIndex(3) == 0)
            {
                picked.push_back(j);
            }
        }
        for (size_t k = 0; k < picked.size(); ++k)
        {
            if (!l3 || k == 0)
            {
                flows.emplace_back();
                flows.back().sender = i;
                flows.back().remaining = gen.UniformIndex(5) == 0 ? 0.0 : 1 + gen.Uniform01();
                flows.back().deadline = gen.Uniform01();
            }
            flows.back().receivers.push_back(picked[k]);
        }
    }
    return flows;
}

/**
 * \param gen the generator
 * \param n hosts
 * \return n random port rates in [0.5, 2]
 */
std::vector<double>
RandomPorts(Rng& gen, uint32_t n)
{
    std::vector<double> ports(n);
    for (double& b : ports)
    {
        b = 0.5 + 1.5 * gen.Uniform01();
    }
    return ports;
}

TEST(FabricRates, BigSwitchSharesThePorts)
{
    Rng gen(11);
    for (int c = 0; c < 500; ++c)
    {
        const uint32_t n = 2 + static_cast<uint32_t>(gen.UniformIndex(12));
        RatePorts ports{RandomPorts(gen, n), RandomPorts(gen, n)};
        const std::vector<RateFlow> flows = RandomFlows(gen, n, gen.UniformIndex(2) == 0);
        const FabricRateInput in =
            LinksAsPorts(MakeBigSwitchFabric(n), ports.ingress, ports.egress, flows);
        for (RatePolicy policy : {RatePolicy::MaxMin, RatePolicy::DeadlinePriority})
        {
            const std::vector<double> want = AllocateRates(policy, ports, flows);
            const std::vector<double> got = AllocateRates(policy, in.ports, in.flows);
            ASSERT_EQ(got.size(), want.size());
            for (size_t f = 0; f < want.size(); ++f)
            {
                ASSERT_NEAR(got[f], want[f], 1e-12 * (1 + want[f])) << "case " << c;
            }
        }
    }
}

TEST(FabricRates, OversubscribedLeafSpineIsMaxMinOnEveryLink)
{
    Rng gen(12);
    for (int c = 0; c < 300; ++c)
    {
        LeafSpineFabricSpec spec;
        spec.leaves = 2 + static_cast<uint32_t>(gen.UniformIndex(3));
        spec.spines = 1 + static_cast<uint32_t>(gen.UniformIndex(2));
        spec.hostsPerLeaf = 2 + static_cast<uint32_t>(gen.UniformIndex(3));
        spec.oversubscription = 1 + 7 * gen.Uniform01();
        const Fabric fabric = MakeLeafSpineFabric(spec);
        const uint32_t n = fabric.GetHosts();
        const std::vector<double> ingress = RandomPorts(gen, n);
        const std::vector<double> egress = RandomPorts(gen, n);
        const bool l3 = gen.UniformIndex(2) == 0;
        const std::vector<RateFlow> flows = RandomFlows(gen, n, l3);
        const FabricRateInput in = LinksAsPorts(fabric, ingress, egress, flows);
        const std::vector<double> rate = AllocateRates(RatePolicy::MaxMin, in.ports, in.flows);
        // Links of each flow, recomputed from the fabric's paths.
        Problem ports;
        ports.n = n;
        ports.ingress = ingress;
        ports.egress = egress;
        const std::vector<double> capacity = fabric.Capacities(ports);
        std::vector<std::set<uint32_t>> links(flows.size());
        std::vector<double> load(capacity.size(), 0.0);
        for (size_t f = 0; f < flows.size(); ++f)
        {
            for (uint32_t j : flows[f].receivers)
            {
                const std::vector<uint32_t>& path = fabric.GetPath(flows[f].sender, j);
                links[f].insert(path.begin(), path.end());
            }
            for (uint32_t l : links[f])
            {
                load[l] += flows[f].remaining > 0 ? rate[f] : 0.0;
            }
        }
        for (size_t l = 0; l < capacity.size(); ++l)
        {
            ASSERT_LE(load[l], capacity[l] * (1 + 1e-9)) << "case " << c << " link " << l;
        }
        for (size_t f = 0; f < flows.size(); ++f)
        {
            if (flows[f].remaining <= 0)
            {
                ASSERT_EQ(rate[f], 0.0);
                continue;
            }
            bool bottleneck = false;
            for (uint32_t l : links[f])
            {
                bool fastest = true;
                for (size_t g = 0; g < flows.size(); ++g)
                {
                    fastest = fastest && (flows[g].remaining <= 0 || !links[g].count(l) ||
                                          rate[g] <= rate[f] * (1 + 1e-9));
                }
                bottleneck = bottleneck || (fastest && load[l] >= capacity[l] * (1 - 1e-9));
            }
            ASSERT_TRUE(bottleneck) << "case " << c << ": flow " << f << " has no bottleneck";
        }
    }
}

TEST(FabricRates, RefusesBadInput)
{
    const Fabric fabric = MakeBigSwitchFabric(3);
    RateFlow flow;
    flow.sender = 0;
    flow.receivers = {3};
    EXPECT_THROW(LinksAsPorts(fabric, {1, 1, 1}, {1, 1, 1}, {flow}), std::invalid_argument);
    flow.receivers = {1};
    EXPECT_THROW(LinksAsPorts(fabric, {1, 1}, {1, 1, 1}, {flow}), std::invalid_argument);
    EXPECT_THROW(LinksAsPorts(Fabric(3), {1, 1, 1}, {1, 1, 1}, {flow}), std::invalid_argument);
}

} // namespace
