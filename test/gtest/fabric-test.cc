/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The fabric description: the builders' shapes counted from their definitions, the tree
// consistency and every refusal of Validate, the access capacities and the port-bound test.

#include "ns3/selmcast-fabric.h"

#include <functional>
#include <gtest/gtest.h>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ns3::selmcast;

namespace
{

/**
 * \param action code that should throw std::invalid_argument
 * \param parts pieces the message must contain
 */
void
ExpectInvalid(const std::function<void()>& action, std::initializer_list<std::string> parts)
{
    std::string message = "<no std::invalid_argument thrown>";
    try
    {
        action();
    }
    catch (const std::invalid_argument& e)
    {
        message = e.what();
    }
    for (const std::string& part : parts)
    {
        EXPECT_NE(message.find(part), std::string::npos)
            << "message \"" << message << "\" lacks \"" << part << "\"";
    }
}

/**
 * The nodes a path visits, from its links' endpoints.
 * \param fabric the fabric
 * \param i sender
 * \param j receiver
 * \return the nodes, sender first
 */
std::vector<uint32_t>
Nodes(const Fabric& fabric, uint32_t i, uint32_t j)
{
    std::vector<uint32_t> nodes{i};
    for (uint32_t l : fabric.GetPath(i, j))
    {
        EXPECT_EQ(fabric.GetLink(l).from, nodes.back());
        nodes.push_back(fabric.GetLink(l).to);
    }
    return nodes;
}

/**
 * Count, over the union of sender i's paths, the distinct links entering each node.
 * \param fabric the fabric
 * \param i sender
 * \return the largest count (1 for a tree)
 */
size_t
MaxInDegree(const Fabric& fabric, uint32_t i)
{
    std::map<uint32_t, std::set<uint32_t>> entering;
    for (uint32_t j = 0; j < fabric.GetHosts(); ++j)
    {
        for (uint32_t l : (j == i ? std::vector<uint32_t>() : fabric.GetPath(i, j)))
        {
            entering[fabric.GetLink(l).to].insert(l);
        }
    }
    size_t most = 0;
    for (const auto& [node, links] : entering)
    {
        most = std::max(most, links.size());
    }
    EXPECT_EQ(entering.count(i), 0u) << "a path re-enters its sender " << i;
    return most;
}

/** Three hosts on one switch, with paths set for every pair (a valid fabric before edits). */
struct Star
{
    Fabric fabric{3};
    uint32_t hub{0};
    std::vector<uint32_t> up;
    std::vector<uint32_t> down;

    Star()
    {
        hub = fabric.AddSwitch();
        for (uint32_t h = 0; h < 3; ++h)
        {
            up.push_back(fabric.AddLink(h, hub, 1));
            down.push_back(fabric.AddLink(hub, h, 1));
        }
        for (uint32_t i = 0; i < 3; ++i)
        {
            for (uint32_t j = 0; j < 3; ++j)
            {
                if (i != j)
                {
                    fabric.SetPath(i, j, {up[i], down[j]});
                }
            }
        }
    }
};

} // namespace

TEST(Fabric, BigSwitchIsThePapersModel)
{
    const Fabric fabric = MakeBigSwitchFabric(5);
    EXPECT_TRUE(fabric.IsValidated());
    EXPECT_EQ(fabric.GetHosts(), 5u);
    EXPECT_EQ(fabric.GetNodes(), 6u);
    EXPECT_EQ(fabric.GetLinks(), 10u);
    for (uint32_t i = 0; i < 5; ++i)
    {
        for (uint32_t j = 0; j < 5; ++j)
        {
            if (i != j)
            {
                const std::vector<uint32_t> path{fabric.GetUplink(i), fabric.GetDownlink(j)};
                EXPECT_EQ(fabric.GetPath(i, j), path);
                EXPECT_EQ(Nodes(fabric, i, j), (std::vector<uint32_t>{i, 5, j}));
            }
        }
    }
    for (uint32_t l = 0; l < fabric.GetLinks(); ++l)
    {
        EXPECT_TRUE(fabric.IsAccessLink(l));
    }
}

TEST(Fabric, LeafSpineShapeAndSpineChoice)
{
    LeafSpineFabricSpec spec;
    spec.leaves = 3;
    spec.spines = 2;
    spec.hostsPerLeaf = 4;
    spec.hostRate = 10;
    spec.oversubscription = 4;
    const Fabric fabric = MakeLeafSpineFabric(spec);
    const uint32_t n = 12;
    EXPECT_EQ(fabric.GetHosts(), n);
    EXPECT_EQ(fabric.GetNodes(), n + 3 + 2);
    EXPECT_EQ(fabric.GetLinks(), 2 * n + 2 * 3 * 2);
    EXPECT_DOUBLE_EQ(spec.FabricRate(), 4 * 10.0 / (2 * 4));
    for (uint32_t i = 0; i < n; ++i)
    {
        EXPECT_EQ(MaxInDegree(fabric, i), 1u) << "sender " << i;
        for (uint32_t j = 0; j < n; ++j)
        {
            if (i == j)
            {
                continue;
            }
            const std::vector<uint32_t> nodes = Nodes(fabric, i, j);
            const uint32_t leafI = n + i / 4;
            const uint32_t leafJ = n + j / 4;
            const uint32_t spine = n + 3 + i % 2;
            if (leafI == leafJ)
            {
                EXPECT_EQ(nodes, (std::vector<uint32_t>{i, leafI, j}));
            }
            else
            {
                EXPECT_EQ(nodes, (std::vector<uint32_t>{i, leafI, spine, leafJ, j}));
                const std::vector<uint32_t>& path = fabric.GetPath(i, j);
                EXPECT_DOUBLE_EQ(fabric.GetLink(path[1]).capacity, 5.0);
                EXPECT_DOUBLE_EQ(fabric.GetLink(path[2]).capacity, 5.0);
                EXPECT_FALSE(fabric.IsAccessLink(path[1]));
            }
            EXPECT_DOUBLE_EQ(fabric.GetLink(fabric.GetUplink(i)).capacity, 10.0);
        }
    }
}

TEST(Fabric, FatTreeShapeAndSpreading)
{
    FatTreeFabricSpec spec;
    spec.k = 4;
    spec.hostRate = 8;
    spec.edgeOversubscription = 2;
    spec.aggregationOversubscription = 4;
    const Fabric fabric = MakeFatTreeFabric(spec);
    const uint32_t n = 16; // k^3 / 4
    EXPECT_EQ(spec.Hosts(), n);
    EXPECT_EQ(fabric.GetNodes(), n + 4 * 4 + 4); // k pods of k switches, (k/2)^2 cores
    EXPECT_EQ(fabric.GetLinks(), 2 * n + 4 * 4 * 4);
    std::map<uint32_t, std::set<uint32_t>> sendersOfCore;
    for (uint32_t i = 0; i < n; ++i)
    {
        EXPECT_EQ(MaxInDegree(fabric, i), 1u) << "sender " << i;
        for (uint32_t j = 0; j < n; ++j)
        {
            if (i == j)
            {
                continue;
            }
            const std::vector<uint32_t> nodes = Nodes(fabric, i, j);
            const bool sameEdge = i / 2 == j / 2;
            const bool samePod = i / 4 == j / 4;
            EXPECT_EQ(nodes.size(), sameEdge ? 3u : (samePod ? 5u : 7u)) << i << " -> " << j;
            const std::vector<uint32_t>& path = fabric.GetPath(i, j);
            if (!sameEdge)
            {
                EXPECT_DOUBLE_EQ(fabric.GetLink(path[1]).capacity, 4.0); // 8 / 2
            }
            if (!samePod)
            {
                EXPECT_DOUBLE_EQ(fabric.GetLink(path[2]).capacity, 1.0); // 8 / 2 / 4
                sendersOfCore[nodes[3]].insert(i);
            }
        }
    }
    // Every core carries exactly one sender of every pod: the senders spread evenly.
    EXPECT_EQ(sendersOfCore.size(), 4u);
    for (const auto& [core, senders] : sendersOfCore)
    {
        EXPECT_EQ(senders.size(), 4u) << "core " << core;
        std::set<uint32_t> pods;
        for (uint32_t s : senders)
        {
            pods.insert(s / 4);
        }
        EXPECT_EQ(pods.size(), 4u) << "core " << core;
    }
}

TEST(Fabric, ValidateRefusesBrokenPaths)
{
    {
        Star s;
        s.fabric.SetPath(0, 1, {});
        ExpectInvalid([&] { s.fabric.Validate(); }, {"path (0, 1) is missing"});
    }
    {
        Star s;
        s.fabric.SetPath(0, 1, {s.down[1]});
        ExpectInvalid([&] { s.fabric.Validate(); }, {"path (0, 1) is not contiguous"});
    }
    {
        Star s;
        s.fabric.SetPath(0, 1, {s.up[0], s.down[2], s.up[2], s.down[1]});
        ExpectInvalid([&] { s.fabric.Validate(); }, {"passes through host 2", "only switches"});
    }
    {
        Star s;
        s.fabric.SetPath(0, 1, {s.up[0], s.down[2]});
        ExpectInvalid([&] { s.fabric.Validate(); }, {"ends at node 2", "host 1"});
    }
    {
        Star s;
        s.fabric.SetPath(0, 1, {s.up[0], 99});
        ExpectInvalid([&] { s.fabric.Validate(); }, {"link 1 = 99 is out of range"});
    }
    {
        Star s;
        const uint32_t other = s.fabric.AddSwitch();
        const uint32_t a = s.fabric.AddLink(s.hub, other, 1);
        const uint32_t b = s.fabric.AddLink(other, s.hub, 1);
        s.fabric.SetPath(0, 1, {s.up[0], a, b, s.down[1]});
        ExpectInvalid([&] { s.fabric.Validate(); }, {"visits node", "twice"});
    }
    ExpectInvalid([] { Fabric(1).Validate(); }, {"n = 1 hosts", ">= 2"});
    ExpectInvalid([] { Fabric(3).SetPath(1, 1, {}); }, {"path (1, 1)", "distinct hosts"});
}

TEST(Fabric, ValidateRefusesBadLinksAndSecondAccessLinks)
{
    {
        Star s;
        s.fabric.AddLink(s.hub, s.hub, 1);
        ExpectInvalid([&] { s.fabric.Validate(); }, {"link 6", "two distinct nodes"});
    }
    {
        Star s;
        s.fabric.AddLink(0, 7, 1);
        ExpectInvalid([&] { s.fabric.Validate(); }, {"link 6", "two distinct nodes"});
    }
    for (double bad : {0.0,
                       -1.0,
                       std::numeric_limits<double>::infinity(),
                       std::numeric_limits<double>::quiet_NaN()})
    {
        Star s;
        s.fabric.AddLink(0, s.hub, bad);
        ExpectInvalid([&] { s.fabric.Validate(); }, {"link 6 capacity", "finite and > 0"});
    }
    {
        Star s;
        const uint32_t second = s.fabric.AddLink(0, s.hub, 1);
        s.fabric.SetPath(0, 2, {second, s.down[2]});
        ExpectInvalid([&] { s.fabric.Validate(); }, {"host 0 has two uplinks"});
    }
    {
        Star s;
        const uint32_t second = s.fabric.AddLink(s.hub, 2, 1);
        s.fabric.SetPath(1, 2, {s.up[1], second});
        ExpectInvalid([&] { s.fabric.Validate(); }, {"host 2 has two downlinks"});
    }
}

TEST(Fabric, ValidateRefusesPathsWhoseUnionIsNoTree)
{
    // Hosts 0 and 1 on switch 'near', host 2 on switch 'far', two switches a and b between them:
    // a tree as long as no sender enters a node over two different links.
    Fabric fabric(3);
    const uint32_t near = fabric.AddSwitch();
    const uint32_t far = fabric.AddSwitch();
    const uint32_t a = fabric.AddSwitch();
    const uint32_t b = fabric.AddSwitch();
    std::vector<uint32_t> up(3);
    std::vector<uint32_t> down(3);
    for (uint32_t h = 0; h < 2; ++h)
    {
        up[h] = fabric.AddLink(h, near, 1);
        down[h] = fabric.AddLink(near, h, 1);
    }
    up[2] = fabric.AddLink(2, far, 1);
    down[2] = fabric.AddLink(far, 2, 1);
    const uint32_t nearA = fabric.AddLink(near, a, 1);
    const uint32_t aFar = fabric.AddLink(a, far, 1);
    const uint32_t nearB = fabric.AddLink(near, b, 1);
    const uint32_t bFar = fabric.AddLink(b, far, 1);
    const uint32_t farA = fabric.AddLink(far, a, 1);
    const uint32_t aNear = fabric.AddLink(a, near, 1);
    fabric.SetPath(0, 1, {up[0], down[1]});
    fabric.SetPath(1, 0, {up[1], down[0]});
    fabric.SetPath(0, 2, {up[0], nearA, aFar, down[2]});
    fabric.SetPath(1, 2, {up[1], nearA, aFar, down[2]});
    fabric.SetPath(2, 0, {up[2], farA, aNear, down[0]});
    fabric.SetPath(2, 1, {up[2], farA, aNear, down[1]});
    fabric.Validate(); // consistent: every sender enters every node over one link
    EXPECT_TRUE(fabric.IsValidated());
    fabric.SetPath(1, 2, {up[1], nearB, bFar, down[2]}); // sender 1 alone: still a tree
    fabric.Validate();
    fabric.SetPath(0, 1, {up[0], nearB, bFar, farA, aNear, down[1]}); // back into 'near'
    ExpectInvalid([&] { fabric.Validate(); }, {"visits node"});
    fabric.SetPath(0, 1, {up[0], down[1]});
    // Sender 2 reaches 'near' over aNear for host 0 and over a second link for host 1.
    const uint32_t bNear = fabric.AddLink(b, near, 1);
    const uint32_t farB = fabric.AddLink(far, b, 1);
    fabric.SetPath(2, 1, {up[2], farB, bNear, down[1]});
    EXPECT_FALSE(fabric.IsValidated());
    ExpectInvalid([&] { fabric.Validate(); },
                  {"sender 2 enter node " + std::to_string(near), "no tree"});
}

TEST(Fabric, CapacitiesTakeTheAccessLinksFromTheProblem)
{
    LeafSpineFabricSpec spec;
    spec.leaves = 2;
    spec.spines = 1;
    spec.hostsPerLeaf = 2;
    spec.oversubscription = 2;
    const Fabric fabric = MakeLeafSpineFabric(spec);
    Problem problem;
    problem.n = 4;
    problem.volume = {1, 1, 1, 1};
    problem.minReceivers = {1, 1, 1, 1};
    problem.ingress = {0.5, 0.75, 1.25, 1.5};
    problem.egress = {2, 3, 4, 5};
    const std::vector<double> capacity = fabric.Capacities(problem);
    for (uint32_t h = 0; h < 4; ++h)
    {
        EXPECT_EQ(capacity[fabric.GetUplink(h)], problem.ingress[h]);
        EXPECT_EQ(capacity[fabric.GetDownlink(h)], problem.egress[h]);
    }
    for (uint32_t l = 0; l < fabric.GetLinks(); ++l)
    {
        if (!fabric.IsAccessLink(l))
        {
            EXPECT_EQ(capacity[l], 1.0); // 2 hosts x 1 / (1 spine x 2)
        }
    }
    problem.n = 3;
    ExpectInvalid([&] { fabric.Capacities(problem); }, {"n = 3", "hosts, 4"});
    Star s;
    problem.n = 3;
    ExpectInvalid([&] { s.fabric.Capacities(problem); }, {"not validated"});
}

TEST(Fabric, PortBoundMatchesTheCapacities)
{
    LeafSpineFabricSpec spec;
    spec.leaves = 3;
    spec.spines = 2;
    spec.hostsPerLeaf = 2;
    Problem problem;
    problem.n = 6;
    problem.volume.assign(6, 1);
    problem.minReceivers.assign(6, 1);
    problem.ingress = {1, 1, 1, 1, 1, 1};
    problem.egress = {1, 1, 1, 1, 1, 1};
    EXPECT_TRUE(MakeBigSwitchFabric(6).IsPortBound(problem));
    // Leaf 0 -> spine 0 carries sender 0 only (capacity >= b^I_0 = 1 at any oversubscription
    // <= 1); spine 0 -> leaf 0 carries senders 2 and 4 into hosts 0 and 1 (sum 2 either way).
    spec.oversubscription = 0.5; // leaf-spine links of rate 2
    EXPECT_TRUE(MakeLeafSpineFabric(spec).IsPortBound(problem));
    spec.oversubscription = 1; // rate 1: spine -> leaf carries 2 senders for 2 receivers
    EXPECT_FALSE(MakeLeafSpineFabric(spec).IsPortBound(problem));
    spec.spines = 1;
    spec.oversubscription = 0.5; // rate 4 >= 2 receivers of rate 1 (and 4 senders)
    EXPECT_TRUE(MakeLeafSpineFabric(spec).IsPortBound(problem));
    problem.egress[0] = 3.5; // receivers sum 4.5, senders 4: rate 4 still covers the senders
    EXPECT_TRUE(MakeLeafSpineFabric(spec).IsPortBound(problem));
    problem.ingress[2] = 2; // spine -> leaf 0: senders now sum 5, receivers 4.5, both above 4
    EXPECT_FALSE(MakeLeafSpineFabric(spec).IsPortBound(problem));
}

TEST(Fabric, SpecsRefuseOutOfRangeShapes)
{
    LeafSpineFabricSpec spec;
    spec.spines = 0;
    ExpectInvalid([&] { MakeLeafSpineFabric(spec); }, {"spines = 0", ">= 1"});
    spec.spines = 1;
    spec.leaves = 1;
    spec.hostsPerLeaf = 1;
    ExpectInvalid([&] { MakeLeafSpineFabric(spec); }, {"leaves x hostsPerLeaf = 1", "[2, 65535]"});
    spec.hostsPerLeaf = 2;
    spec.oversubscription = 0;
    ExpectInvalid([&] { MakeLeafSpineFabric(spec); }, {"oversubscription = 0", "> 0"});
    FatTreeFabricSpec tree;
    tree.k = 3;
    ExpectInvalid([&] { MakeFatTreeFabric(tree); }, {"k = 3", "even"});
    tree.k = 4;
    tree.aggregationOversubscription = -1;
    ExpectInvalid([&] { MakeFatTreeFabric(tree); }, {"aggregationOversubscription = -1"});
}
