/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Rate allocation over ingress and egress ports: hand-solved cases, an independent slow max-min
// solver on random instances, the defining properties of every policy, the fluid reference and
// the BSP claims of spec section 4.

#include "ns3/selmcast-algorithm.h"
#include "ns3/selmcast-instance.h"
#include "ns3/selmcast-problem.h"
#include "ns3/selmcast-rate-allocator.h"
#include "ns3/selmcast-rng.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <gtest/gtest.h>
#include <iostream>
#include <limits>
#include <stdexcept>
#include <string>

using namespace ns3::selmcast;

namespace
{

const double kRel = 1e-9; //!< relative tolerance of every comparison

/**
 * \param sender the sender
 * \param receivers the receivers
 * \param remaining the volume left
 * \param deadline the deadline
 * \param minRate the floor
 * \return the flow
 */
RateFlow
Flow(uint32_t sender,
     std::vector<uint32_t> receivers,
     double remaining = 1,
     double deadline = 0,
     double minRate = 0)
{
    RateFlow flow;
    flow.sender = sender;
    flow.receivers = std::move(receivers);
    flow.remaining = remaining;
    flow.deadline = deadline;
    flow.minRate = minRate;
    return flow;
}

/**
 * \param ingress ingress capacities
 * \param egress egress capacities
 * \return the ports
 */
RatePorts
Ports(std::vector<double> ingress, std::vector<double> egress)
{
    RatePorts ports;
    ports.ingress = std::move(ingress);
    ports.egress = std::move(egress);
    return ports;
}

/** Expect a == b within the relative tolerance (absolute near 0). */
void
ExpectClose(double a, double b, const std::string& what)
{
    EXPECT_NEAR(a, b, kRel * std::max(1.0, std::max(std::abs(a), std::abs(b)))) << what;
}

/**
 * \param action what should throw
 * \return the message of the std::invalid_argument it threw, or a marker when it threw none
 */
std::string
InvalidArgumentMessage(const std::function<void()>& action)
{
    try
    {
        action();
    }
    catch (const std::invalid_argument& e)
    {
        return e.what();
    }
    return "<no std::invalid_argument thrown>";
}

/** Expect that action throws std::invalid_argument whose message contains every part. */
void
ExpectInvalid(const std::function<void()>& action, std::initializer_list<std::string> parts)
{
    const std::string message = InvalidArgumentMessage(action);
    for (const std::string& part : parts)
    {
        EXPECT_NE(message.find(part), std::string::npos)
            << "message \"" << message << "\" lacks \"" << part << "\"";
    }
}

/** A port seen from the test: which side and which worker. */
struct TestPort
{
    bool egress;    //!< false: ingress of worker, true: egress of worker
    uint32_t index; //!< the worker
};

/**
 * \param ports the capacities
 * \return every port of the instance
 */
std::vector<TestPort>
AllPorts(const RatePorts& ports)
{
    std::vector<TestPort> all;
    for (uint32_t i = 0; i < ports.ingress.size(); ++i)
    {
        all.push_back({false, i});
        all.push_back({true, i});
    }
    return all;
}

/** \return true when flow uses port */
bool
Uses(const RateFlow& flow, const TestPort& port)
{
    if (!port.egress)
    {
        return flow.sender == port.index;
    }
    return std::find(flow.receivers.begin(), flow.receivers.end(), port.index) !=
           flow.receivers.end();
}

/** \return the capacity of port */
double
Capacity(const RatePorts& ports, const TestPort& port)
{
    return port.egress ? ports.egress[port.index] : ports.ingress[port.index];
}

/** \return the sum of the rates of the flows through port */
double
Load(const std::vector<RateFlow>& flows, const std::vector<double>& rates, const TestPort& port)
{
    double load = 0;
    for (size_t f = 0; f < flows.size(); ++f)
    {
        if (Uses(flows[f], port))
        {
            load += rates[f];
        }
    }
    return load;
}

/** \return true when port carries its capacity (within the tolerance) */
bool
Saturated(const RatePorts& ports,
          const std::vector<RateFlow>& flows,
          const std::vector<double>& rates,
          const TestPort& port)
{
    const double c = Capacity(ports, port);
    return Load(flows, rates, port) >= c - kRel * std::max(1.0, c);
}

/**
 * The slow reference: repeated bottleneck search. Each pass scans every port for the smallest
 * equal share of its remaining capacity among its unfrozen flows, raises every unfrozen flow by
 * that share and freezes the flows of the ports that reached it.
 * \param ports the capacities
 * \param flows the flows
 * \param floors the starting rates
 * \return the max-min rates on top of the floors
 */
std::vector<double>
SlowMaxMin(const RatePorts& ports, const std::vector<RateFlow>& flows, std::vector<double> floors)
{
    std::vector<double> rate(flows.size(), 0.0);
    std::vector<bool> frozen(flows.size(), true);
    for (size_t f = 0; f < flows.size(); ++f)
    {
        if (flows[f].remaining > 0)
        {
            rate[f] = floors[f];
            frozen[f] = false;
        }
    }
    const std::vector<TestPort> all = AllPorts(ports);
    while (std::find(frozen.begin(), frozen.end(), false) != frozen.end())
    {
        std::vector<double> share(all.size(), std::numeric_limits<double>::infinity());
        double delta = std::numeric_limits<double>::infinity();
        for (size_t p = 0; p < all.size(); ++p)
        {
            double left = Capacity(ports, all[p]) - Load(flows, rate, all[p]);
            int count = 0;
            for (size_t f = 0; f < flows.size(); ++f)
            {
                count += (!frozen[f] && Uses(flows[f], all[p])) ? 1 : 0;
            }
            if (count > 0)
            {
                share[p] = std::max(0.0, left) / count;
                delta = std::min(delta, share[p]);
            }
        }
        std::vector<bool> bottleneckFlow(flows.size(), false);
        for (size_t p = 0; p < all.size(); ++p)
        {
            if (share[p] <= delta + 1e-13 * std::max(1.0, delta))
            {
                for (size_t f = 0; f < flows.size(); ++f)
                {
                    bottleneckFlow[f] = bottleneckFlow[f] || Uses(flows[f], all[p]);
                }
            }
        }
        for (size_t f = 0; f < flows.size(); ++f)
        {
            if (!frozen[f])
            {
                rate[f] += delta;
                frozen[f] = bottleneckFlow[f];
            }
        }
    }
    return rate;
}

/** Expect that no port carries more than its capacity and every active flow has its floor. */
void
ExpectFeasible(const RatePorts& ports,
               const std::vector<RateFlow>& flows,
               const std::vector<double>& rates,
               const std::vector<double>& floors,
               const std::string& what)
{
    ASSERT_EQ(rates.size(), flows.size()) << what;
    for (const TestPort& port : AllPorts(ports))
    {
        const double c = Capacity(ports, port);
        EXPECT_LE(Load(flows, rates, port), c + kRel * std::max(1.0, c))
            << what << ": port " << (port.egress ? "egress " : "ingress ") << port.index;
    }
    for (size_t f = 0; f < flows.size(); ++f)
    {
        if (flows[f].remaining == 0)
        {
            EXPECT_EQ(rates[f], 0) << what << ": flow " << f;
        }
        else
        {
            EXPECT_GE(rates[f], floors[f] - kRel * std::max(1.0, floors[f]))
                << what << ": flow " << f;
        }
    }
}

/**
 * The max-min property on top of the floors: every active flow has a saturated port at which its
 * increment is the largest among the port's flows.
 */
void
ExpectMaxMinProperty(const RatePorts& ports,
                     const std::vector<RateFlow>& flows,
                     const std::vector<double>& rates,
                     const std::vector<double>& floors,
                     const std::string& what)
{
    for (size_t f = 0; f < flows.size(); ++f)
    {
        if (flows[f].remaining == 0)
        {
            continue;
        }
        bool bottlenecked = false;
        for (const TestPort& port : AllPorts(ports))
        {
            if (!Uses(flows[f], port) || !Saturated(ports, flows, rates, port))
            {
                continue;
            }
            bool largest = true;
            for (size_t g = 0; g < flows.size(); ++g)
            {
                if (flows[g].remaining > 0 && Uses(flows[g], port) &&
                    rates[g] - floors[g] > rates[f] - floors[f] + kRel * std::max(1.0, rates[f]))
                {
                    largest = false;
                }
            }
            bottlenecked = bottlenecked || largest;
        }
        EXPECT_TRUE(bottlenecked) << what << ": flow " << f << " rate " << rates[f];
    }
}

/**
 * A random instance: up to 8 workers, up to 10 flows; capacities sometimes integers and
 * sometimes 0, volumes sometimes 0.
 * \param rng the generator
 * \param withFloors true to give flows floors that fit
 * \param ports output capacities
 * \param flows output flows
 */
void
RandomInstance(Rng& rng, bool withFloors, RatePorts& ports, std::vector<RateFlow>& flows)
{
    const uint32_t n = 2 + static_cast<uint32_t>(rng.UniformIndex(7));
    const bool integers = rng.UniformIndex(3) == 0;
    auto capacity = [&]() {
        if (rng.UniformIndex(25) == 0)
        {
            return 0.0;
        }
        return integers ? 1.0 + static_cast<double>(rng.UniformIndex(5))
                        : 0.1 + 10 * rng.Uniform01();
    };
    ports = RatePorts();
    for (uint32_t i = 0; i < n; ++i)
    {
        ports.ingress.push_back(capacity());
        ports.egress.push_back(capacity());
    }
    flows.clear();
    const size_t count = 1 + rng.UniformIndex(10);
    for (size_t f = 0; f < count; ++f)
    {
        RateFlow flow;
        flow.sender = static_cast<uint32_t>(rng.UniformIndex(n));
        std::vector<uint32_t> others;
        for (uint32_t j = 0; j < n; ++j)
        {
            if (j != flow.sender)
            {
                others.push_back(j);
            }
        }
        rng.Shuffle(others);
        others.resize(1 + rng.UniformIndex(others.size()));
        flow.receivers = others;
        flow.remaining = rng.UniformIndex(8) == 0 ? 0.0 : 0.5 + 5 * rng.Uniform01();
        flow.deadline = static_cast<double>(rng.UniformIndex(4));
        flows.push_back(flow);
    }
    if (withFloors)
    {
        // Each flow may take up to half of its equal share of its tightest port: always fits.
        const std::vector<TestPort> all = AllPorts(ports);
        for (RateFlow& flow : flows)
        {
            double tightest = std::numeric_limits<double>::infinity();
            for (const TestPort& port : all)
            {
                if (Uses(flow, port))
                {
                    tightest = std::min(tightest, Capacity(ports, port) / count);
                }
            }
            flow.minRate = 0.5 * rng.Uniform01() * tightest;
        }
    }
}

/** \return each flow's minRate */
std::vector<double>
Floors(const std::vector<RateFlow>& flows)
{
    std::vector<double> floors;
    for (const RateFlow& flow : flows)
    {
        floors.push_back(flow.minRate);
    }
    return floors;
}

TEST(RateAllocator, PolicyNamesRoundTripAndBadNamesThrow)
{
    for (RatePolicy policy :
         {RatePolicy::MaxMin, RatePolicy::DeadlinePriority, RatePolicy::FinishTogether})
    {
        EXPECT_EQ(ParseRatePolicy(ToString(policy)), policy);
    }
    EXPECT_EQ(ToString(RatePolicy::MaxMin), "maxmin");
    EXPECT_EQ(ToString(RatePolicy::DeadlinePriority), "deadline");
    EXPECT_EQ(ToString(RatePolicy::FinishTogether), "finish-together");
    EXPECT_EQ(ParseRatePolicy("Finish-Together"), RatePolicy::FinishTogether);
    ExpectInvalid([] { ParseRatePolicy("fair"); },
                  {"fair", "maxmin", "deadline", "finish-together"});
}

TEST(RateAllocator, BadInputsThrowNamingTheField)
{
    const RatePorts ports = Ports({1, 1, 1}, {1, 1, 1});
    ExpectInvalid([&] { MaxMinRates(Ports({1, 1}, {1}), {}); }, {"ingress", "egress", "size"});
    ExpectInvalid([&] { MaxMinRates(Ports({1, -1}, {1, 1}), {}); }, {"ingress[1]", ">= 0"});
    ExpectInvalid([&] { MaxMinRates(Ports({1, 1}, {1, NAN}), {}); }, {"egress[1]", "finite"});
    ExpectInvalid([&] { MaxMinRates(ports, {Flow(3, {1})}); }, {"RateFlow[0]", "sender"});
    ExpectInvalid([&] { MaxMinRates(ports, {Flow(0, {})}); }, {"RateFlow[0]", "receivers"});
    ExpectInvalid(
        [&] {
            MaxMinRates(ports, {Flow(0, {1}), Flow(0, {1, 1})});
        },
        {"RateFlow[1]", "receiver 1", "distinct"});
    ExpectInvalid([&] { MaxMinRates(ports, {Flow(0, {0})}); }, {"receiver 0", "!= sender"});
    ExpectInvalid([&] { MaxMinRates(ports, {Flow(0, {5})}); }, {"receiver 5", "< 3"});
    ExpectInvalid([&] { MaxMinRates(ports, {Flow(0, {1}, -1)}); }, {"remaining", ">= 0"});
    ExpectInvalid([&] { MaxMinRates(ports, {Flow(0, {1}, 1, 0, -2)}); }, {"minRate", ">= 0"});
    ExpectInvalid([&] { DeadlinePriorityRates(ports, {Flow(0, {1}, 1, NAN)}); }, {"deadline"});
    ExpectInvalid([&] { FinishTogetherRates(ports, {Flow(0, {1})}, 0); }, {"t = 0", "> 0"});
    ExpectInvalid([&] { AllocateRates(RatePolicy::FinishTogether, ports, {Flow(0, {1})}); },
                  {"t = 0"});
    // A bad flow after a good one is still found; the receivers seen so far do not leak.
    EXPECT_NO_THROW(MaxMinRates(ports, {Flow(0, {1, 2}), Flow(1, {0, 2}), Flow(2, {1})}));
}

TEST(RateAllocator, MaxMinHandSolved)
{
    // A and B share ingress 0 (10); B and C share egress 2 (6). Egress 2 is the first bottleneck
    // (6 / 2 = 3 < 10 / 2), then A takes what ingress 0 has left: 10 - 3 = 7.
    const RatePorts ports = Ports({10, 10, 10}, {100, 100, 6});
    const std::vector<double> rates =
        MaxMinRates(ports, {Flow(0, {1}), Flow(0, {2}), Flow(1, {2})});
    ExpectClose(rates[0], 7, "A");
    ExpectClose(rates[1], 3, "B");
    ExpectClose(rates[2], 3, "C");

    // An L3 session is as fast as its slowest port: 0 -> {1, 2, 3} and 2 -> {3} split egress 3
    // (4); 3 -> {1} then gets min(ingress 3 = 5, egress 1 left = 10 - 2).
    const RatePorts ports2 = Ports({10, 10, 10, 5}, {10, 10, 10, 4});
    const std::vector<double> rates2 =
        MaxMinRates(ports2, {Flow(0, {1, 2, 3}), Flow(2, {3}), Flow(3, {1})});
    ExpectClose(rates2[0], 2, "session");
    ExpectClose(rates2[1], 2, "unicast into 3");
    ExpectClose(rates2[2], 5, "unicast from 3");

    // A finished flow gets 0 and leaves its share to the other.
    const std::vector<double> rates3 =
        MaxMinRates(Ports({10, 10, 10}, {10, 10, 10}), {Flow(0, {1}, 0), Flow(0, {2})});
    EXPECT_EQ(rates3[0], 0);
    ExpectClose(rates3[1], 10, "the only active flow");

    // A port of capacity 0 stops its flows only.
    const std::vector<double> rates4 =
        MaxMinRates(Ports({10, 10, 10}, {10, 0, 10}), {Flow(0, {1}), Flow(0, {2})});
    EXPECT_EQ(rates4[0], 0);
    ExpectClose(rates4[1], 10, "the flow that avoids the dead port");
}

TEST(RateAllocator, MaxMinFloorsAreRaisedEqually)
{
    // Floors 4 and 0 on ingress 0 (10): the 6 left is split equally on top.
    const RatePorts ports = Ports({10, 10, 10}, {10, 10, 10});
    const std::vector<double> rates =
        MaxMinRates(ports, {Flow(0, {1}, 1, 0, 4), Flow(0, {2}, 1, 0, 0)});
    ExpectClose(rates[0], 7, "floored flow");
    ExpectClose(rates[1], 3, "unfloored flow");
    // Floors that do not fit name the port; a finished flow's floor does not count.
    ExpectInvalid(
        [&] {
            MaxMinRates(ports, {Flow(0, {1}, 1, 0, 6), Flow(0, {2}, 1, 0, 5)});
        },
        {"ingress[0]", "11", "10"});
    EXPECT_NO_THROW(MaxMinRates(ports, {Flow(0, {1}, 0, 0, 6), Flow(0, {2}, 1, 0, 5)}));
}

TEST(RateAllocator, MaxMinMatchesSlowReferenceOnRandomInstances)
{
    Rng rng(20250101);
    for (int trial = 0; trial < 3000; ++trial)
    {
        RatePorts ports;
        std::vector<RateFlow> flows;
        RandomInstance(rng, trial % 2 == 1, ports, flows);
        const std::vector<double> floors = Floors(flows);
        const std::vector<double> rates = MaxMinRates(ports, flows);
        const std::string what = "trial " + std::to_string(trial);
        ExpectFeasible(ports, flows, rates, floors, what);
        ExpectMaxMinProperty(ports, flows, rates, floors, what);
        const std::vector<double> slow = SlowMaxMin(ports, flows, floors);
        for (size_t f = 0; f < flows.size(); ++f)
        {
            ExpectClose(rates[f], slow[f], what + " flow " + std::to_string(f));
        }
        if (HasFailure())
        {
            return;
        }
    }
}

TEST(RateAllocator, DeadlinePriorityHandSolved)
{
    // Order: B (deadline 1), C (3), A (5). B takes min(ingress 0 = 12, egress 2 = 10) = 10; C
    // finds egress 2 full and gets 0; A, work-conserving, takes min(12 - 10, egress 1 = 4) = 2.
    const RatePorts ports = Ports({12, 10, 10}, {10, 4, 10});
    const std::vector<double> rates =
        DeadlinePriorityRates(ports,
                              {Flow(0, {1}, 1, 5), Flow(0, {2}, 1, 1), Flow(0, {1, 2}, 1, 3)});
    ExpectClose(rates[0], 2, "A");
    ExpectClose(rates[1], 10, "B");
    EXPECT_EQ(rates[2], 0);

    // Equal deadlines: the lower index goes first.
    const std::vector<double> tie =
        DeadlinePriorityRates(ports, {Flow(0, {2}, 1, 1), Flow(0, {1}, 1, 1)});
    ExpectClose(tie[0], 10, "first of the tie");
    ExpectClose(tie[1], 2, "second of the tie");

    // Floors are reserved before the priority order hands out the rest.
    const std::vector<double> floored =
        DeadlinePriorityRates(ports, {Flow(0, {2}, 1, 1), Flow(0, {1}, 1, 2, 3)});
    ExpectClose(floored[0], 9, "earliest, after the other's floor");
    ExpectClose(floored[1], 3, "the floor only");
}

TEST(RateAllocator, DeadlinePriorityPropertiesOnRandomInstances)
{
    Rng rng(77);
    for (int trial = 0; trial < 3000; ++trial)
    {
        RatePorts ports;
        std::vector<RateFlow> flows;
        RandomInstance(rng, trial % 2 == 1, ports, flows);
        const std::vector<double> floors = Floors(flows);
        const std::vector<double> rates = DeadlinePriorityRates(ports, flows);
        const std::string what = "trial " + std::to_string(trial);
        ExpectFeasible(ports, flows, rates, floors, what);

        auto before = [&](size_t a, size_t b) {
            return flows[a].deadline < flows[b].deadline ||
                   (flows[a].deadline == flows[b].deadline && a < b);
        };
        // The earliest active flow gets all its ports have beyond the others' floors.
        size_t earliest = flows.size();
        for (size_t f = 0; f < flows.size(); ++f)
        {
            if (flows[f].remaining > 0 && (earliest == flows.size() || before(f, earliest)))
            {
                earliest = f;
            }
        }
        if (earliest < flows.size())
        {
            double most = std::numeric_limits<double>::infinity();
            for (const TestPort& port : AllPorts(ports))
            {
                if (!Uses(flows[earliest], port))
                {
                    continue;
                }
                double others = 0;
                for (size_t g = 0; g < flows.size(); ++g)
                {
                    if (g != earliest && flows[g].remaining > 0 && Uses(flows[g], port))
                    {
                        others += floors[g];
                    }
                }
                most = std::min(most, Capacity(ports, port) - others);
            }
            ExpectClose(rates[earliest], most, what + " earliest flow");
        }
        // Work-conserving strict priority: every active flow has a full port on which no flow
        // of lower priority gets more than its floor.
        for (size_t f = 0; f < flows.size(); ++f)
        {
            if (flows[f].remaining == 0)
            {
                continue;
            }
            bool blocked = false;
            for (const TestPort& port : AllPorts(ports))
            {
                if (!Uses(flows[f], port) || !Saturated(ports, flows, rates, port))
                {
                    continue;
                }
                bool lowerAtFloor = true;
                for (size_t g = 0; g < flows.size(); ++g)
                {
                    if (flows[g].remaining > 0 && Uses(flows[g], port) && before(f, g) &&
                        rates[g] > floors[g] + kRel * std::max(1.0, floors[g]))
                    {
                        lowerAtFloor = false;
                    }
                }
                blocked = blocked || lowerAtFloor;
            }
            EXPECT_TRUE(blocked) << what << ": flow " << f;
        }
        if (HasFailure())
        {
            return;
        }
    }
}

TEST(RateAllocator, FinishTogetherHandSolved)
{
    // X and Y fill egress 2 exactly with 10 / 4 + 30 / 4; Z gets its floor 4 / 4 plus what
    // ingress 0 (10 - 2.5 - 1) and egress 3 (5 - 1) have left: 4.
    const RatePorts ports = Ports({10, 10, 10, 10}, {10, 10, 10, 5});
    const std::vector<RateFlow> flows = {Flow(0, {2}, 10), Flow(1, {2}, 30), Flow(0, {3}, 4)};
    const std::vector<double> rates = FinishTogetherRates(ports, flows, 4);
    ExpectClose(rates[0], 2.5, "X");
    ExpectClose(rates[1], 7.5, "Y");
    ExpectClose(rates[2], 5, "Z");
    // minRate is replaced, not added to.
    std::vector<RateFlow> stale = flows;
    stale[2].minRate = 100;
    ExpectClose(FinishTogetherRates(ports, stale, 4)[2], 5, "Z with a stale minRate");
    // t = 3 needs 40 / 3 > 10 at egress 2.
    ExpectInvalid([&] { FinishTogetherRates(ports, flows, 3); }, {"egress[2]", "t"});
}

TEST(RateAllocator, FinishTogetherLeftoverIsMaxMinOnRandomInstances)
{
    Rng rng(4242);
    for (int trial = 0; trial < 2000; ++trial)
    {
        RatePorts ports;
        std::vector<RateFlow> flows;
        RandomInstance(rng, false, ports, flows);
        // The smallest feasible t: the most loaded port at rate remaining / 1, over capacity.
        double tMin = 0;
        bool stuck = false;
        for (const TestPort& port : AllPorts(ports))
        {
            double load = 0;
            for (const RateFlow& flow : flows)
            {
                load += Uses(flow, port) ? flow.remaining : 0;
            }
            stuck = stuck || (load > 0 && Capacity(ports, port) == 0);
            if (load > 0 && Capacity(ports, port) > 0)
            {
                tMin = std::max(tMin, load / Capacity(ports, port));
            }
        }
        if (stuck || tMin == 0)
        {
            continue;
        }
        // Half the trials at the tightest t, where the flows of the full port finish at t.
        const bool tight = trial % 2 == 0;
        const double t = tight ? tMin : tMin * (1 + rng.Uniform01());
        std::vector<double> floors;
        for (const RateFlow& flow : flows)
        {
            floors.push_back(flow.remaining / t);
        }
        const std::vector<double> rates = FinishTogetherRates(ports, flows, t);
        const std::string what = "trial " + std::to_string(trial);
        ExpectFeasible(ports, flows, rates, floors, what);
        ExpectMaxMinProperty(ports, flows, rates, floors, what);
        const std::vector<double> slow = SlowMaxMin(ports, flows, floors);
        for (size_t f = 0; f < flows.size(); ++f)
        {
            ExpectClose(rates[f], slow[f], what + " flow " + std::to_string(f));
        }
        // Every flow finishes by t, none before the bound tMin; at the tightest t the last
        // one finishes exactly at t.
        const std::vector<double> done =
            FluidCompletionTimes(RatePolicy::FinishTogether, ports, flows, t);
        const double last = *std::max_element(done.begin(), done.end());
        for (double d : done)
        {
            EXPECT_LE(d, t * (1 + kRel)) << what;
        }
        EXPECT_GE(last, tMin * (1 - kRel)) << what;
        if (tight)
        {
            ExpectClose(last, t, what + " last finish");
        }
        if (HasFailure())
        {
            return;
        }
    }
}

TEST(RateAllocator, FluidCompletionTimesHandSolved)
{
    // A (10) and B (30) share ingress 0 (10).
    const RatePorts ports = Ports({10, 10, 10}, {100, 100, 100});
    const std::vector<RateFlow> flows = {Flow(0, {1}, 10, 2), Flow(0, {2}, 30, 1)};

    // Max-min: 5 each; A is done at 2, then B sends its last 20 at 10: done at 4.
    std::vector<double> done = FluidCompletionTimes(RatePolicy::MaxMin, ports, flows);
    ExpectClose(done[0], 2, "max-min A");
    ExpectClose(done[1], 4, "max-min B");

    // B's deadline is earlier: B alone at 10 until 3, then A at 10 until 4.
    done = FluidCompletionTimes(RatePolicy::DeadlinePriority, ports, flows);
    ExpectClose(done[0], 4, "priority A");
    ExpectClose(done[1], 3, "priority B");

    // t = 4 leaves nothing over: both finish at 4.
    done = FluidCompletionTimes(RatePolicy::FinishTogether, ports, flows, 4);
    ExpectClose(done[0], 4, "finish-together A, t = 4");
    ExpectClose(done[1], 4, "finish-together B, t = 4");

    // t = 8: floors 1.25 and 3.75 plus 2.5 each; A is done at 10 / 3.75 = 8 / 3, when B has
    // 30 - 6.25 * 8 / 3 = 40 / 3 left; t' = 16 / 3 gives it 2.5 + 7.5 = 10: done at 4.
    done = FluidCompletionTimes(RatePolicy::FinishTogether, ports, flows, 8);
    ExpectClose(done[0], 8.0 / 3, "finish-together A, t = 8");
    ExpectClose(done[1], 4, "finish-together B, t = 8");

    // A flow behind a dead port never finishes; a finished flow is done at 0.
    done = FluidCompletionTimes(RatePolicy::MaxMin,
                                Ports({10, 10, 10}, {0, 10, 10}),
                                {Flow(1, {0}, 5), Flow(1, {2}, 5), Flow(0, {1}, 0)});
    EXPECT_TRUE(std::isinf(done[0]));
    ExpectClose(done[1], 0.5, "the live flow");
    EXPECT_EQ(done[2], 0);
}

TEST(RateAllocator, FlowsOfPlanBuildsOneFlowPerSessionOrPair)
{
    Problem problem;
    problem.n = 3;
    problem.volume = {1, 2, 3};
    problem.minReceivers = {1, 1, 0};
    problem.ingress = {1, 1, 1};
    problem.egress = {1, 1, 1};
    Plan plan(3, 0);
    plan(0, 1) = 1;
    plan(0, 2) = 1;
    plan(1, 0) = 1;

    problem.delivery = Delivery::L3;
    std::vector<RateFlow> flows = FlowsOfPlan(problem, plan);
    ASSERT_EQ(flows.size(), 2u);
    EXPECT_EQ(flows[0].sender, 0u);
    EXPECT_EQ(flows[0].receivers, (std::vector<uint32_t>{1, 2}));
    EXPECT_EQ(flows[0].remaining, 1);
    EXPECT_EQ(flows[1].sender, 1u);
    EXPECT_EQ(flows[1].receivers, (std::vector<uint32_t>{0}));
    EXPECT_EQ(flows[1].remaining, 2);

    problem.delivery = Delivery::L7;
    flows = FlowsOfPlan(problem, plan);
    ASSERT_EQ(flows.size(), 3u);
    EXPECT_EQ(flows[0].receivers, (std::vector<uint32_t>{1}));
    EXPECT_EQ(flows[1].receivers, (std::vector<uint32_t>{2}));
    EXPECT_EQ(flows[2].sender, 1u);
    EXPECT_EQ(flows[2].remaining, 2);

    ExpectInvalid([&] { FlowsOfPlan(problem, Plan(2, 0)); }, {"plan", "size 2", "n = 3"});
    const RatePorts ports = PortsOfProblem(problem);
    EXPECT_EQ(ports.ingress, problem.ingress);
    EXPECT_EQ(ports.egress, problem.egress);
}

TEST(RateAllocator, BspPlanFinishesTogetherAtItsCompletionTime)
{
    // Spec section 4: rate v_i / t(X) for every transfer fits every port, so all finish at t(X);
    // the leftover shared on top finishes nothing later; plain max-min finishes no earlier.
    Rng rng(99);
    for (int trial = 0; trial < 300; ++trial)
    {
        Problem problem;
        problem.n = 3 + static_cast<uint32_t>(rng.UniformIndex(28));
        problem.delivery = trial % 2 == 0 ? Delivery::L3 : Delivery::L7;
        const bool equal = rng.UniformIndex(2) == 0;
        for (uint32_t i = 0; i < problem.n; ++i)
        {
            problem.volume.push_back(equal ? 1.0 : 0.5 + rng.Uniform01());
            problem.minReceivers.push_back(0);
            problem.ingress.push_back(0.75 + 0.5 * rng.Uniform01());
            problem.egress.push_back(0.75 + 0.5 * rng.Uniform01());
        }
        const double density = rng.Uniform01();
        Plan plan(problem.n, 0);
        for (uint32_t i = 0; i < problem.n; ++i)
        {
            for (uint32_t j = 0; j < problem.n; ++j)
            {
                plan(i, j) = (i != j && rng.Uniform01() < density) ? 1 : 0;
            }
        }
        const std::vector<RateFlow> flows = FlowsOfPlan(problem, plan);
        if (flows.empty())
        {
            continue;
        }
        const RatePorts ports = PortsOfProblem(problem);
        const double t = CompletionTime(problem, plan);
        const std::string what =
            "trial " + std::to_string(trial) + " " + ToString(problem.delivery);

        // The floors alone fit and fill at least one port (the one that defines t(X)).
        std::vector<double> floors;
        for (const RateFlow& flow : flows)
        {
            floors.push_back(flow.remaining / t);
        }
        ExpectFeasible(ports, flows, floors, floors, what + " floors");
        bool someFull = false;
        for (const TestPort& port : AllPorts(ports))
        {
            someFull = someFull || Saturated(ports, flows, floors, port);
        }
        EXPECT_TRUE(someFull) << what;

        const std::vector<double> rates = FinishTogetherRates(ports, flows, t);
        ExpectFeasible(ports, flows, rates, floors, what + " finish-together");
        const std::vector<double> done =
            FluidCompletionTimes(RatePolicy::FinishTogether, ports, flows, t);
        for (double d : done)
        {
            EXPECT_LE(d, t * (1 + kRel)) << what;
        }
        ExpectClose(*std::max_element(done.begin(), done.end()), t, what + " last finish");

        const std::vector<double> fair = FluidCompletionTimes(RatePolicy::MaxMin, ports, flows);
        EXPECT_GE(*std::max_element(fair.begin(), fair.end()), t * (1 - kRel)) << what;
        if (HasFailure())
        {
            return;
        }
    }
}

TEST(RateAllocator, SelmcastPlansFinishTogetherAtTheirCompletionTime)
{
    // The plans the controller will see: SELMCAST on the paper's instances.
    Rng rng(2025);
    for (Delivery delivery : {Delivery::L3, Delivery::L7})
    {
        PaperInstance instance;
        instance.n = 50;
        instance.p = 15;
        instance.delivery = delivery;
        const Problem problem = MakePaperProblem(instance, rng);
        const Plan plan = SelmcastSelector().SelectRound(problem, rng);
        const std::vector<RateFlow> flows = FlowsOfPlan(problem, plan);
        const RatePorts ports = PortsOfProblem(problem);
        const double t = CompletionTime(problem, plan);
        const std::string what = ToString(delivery);
        std::vector<double> floors;
        for (const RateFlow& flow : flows)
        {
            floors.push_back(flow.remaining / t);
        }
        ExpectFeasible(ports, flows, FinishTogetherRates(ports, flows, t), floors, what);
        const std::vector<double> done =
            FluidCompletionTimes(RatePolicy::FinishTogether, ports, flows, t);
        ExpectClose(*std::max_element(done.begin(), done.end()), t, what + " last finish");
        const std::vector<double> fair = FluidCompletionTimes(RatePolicy::MaxMin, ports, flows);
        EXPECT_GE(*std::max_element(fair.begin(), fair.end()), t * (1 - kRel)) << what;
    }
}

TEST(RateAllocator, LargeInstanceIsFeasibleAndFair)
{
    // n = 200 workers, 200 sessions of 60 receivers each: the size of the paper's largest BSP.
    const uint32_t n = 200;
    Rng rng(5);
    RatePorts ports;
    for (uint32_t i = 0; i < n; ++i)
    {
        ports.ingress.push_back(0.75 + 0.5 * rng.Uniform01());
        ports.egress.push_back(0.75 + 0.5 * rng.Uniform01());
    }
    std::vector<RateFlow> flows;
    for (uint32_t i = 0; i < n; ++i)
    {
        std::vector<uint32_t> others;
        for (uint32_t j = 0; j < n; ++j)
        {
            if (j != i)
            {
                others.push_back(j);
            }
        }
        rng.Shuffle(others);
        others.resize(60);
        flows.push_back(Flow(i, others, 1, rng.Uniform01()));
    }
    double tMin = 0;
    {
        std::vector<double> in(n, 0), out(n, 0);
        for (const RateFlow& flow : flows)
        {
            in[flow.sender] += flow.remaining;
            for (uint32_t r : flow.receivers)
            {
                out[r] += flow.remaining;
            }
        }
        for (uint32_t i = 0; i < n; ++i)
        {
            tMin = std::max({tMin, in[i] / ports.ingress[i], out[i] / ports.egress[i]});
        }
    }
    for (RatePolicy policy :
         {RatePolicy::MaxMin, RatePolicy::DeadlinePriority, RatePolicy::FinishTogether})
    {
        // Speed belongs to the benchmark; here the large case is checked for correctness only.
        std::vector<double> rates = AllocateRates(policy, ports, flows, tMin);
        std::vector<double> floors(flows.size(), 0.0);
        if (policy == RatePolicy::FinishTogether)
        {
            for (size_t f = 0; f < flows.size(); ++f)
            {
                floors[f] = flows[f].remaining / tMin;
            }
        }
        ExpectFeasible(ports, flows, rates, floors, ToString(policy));
        if (policy != RatePolicy::DeadlinePriority)
        {
            ExpectMaxMinProperty(ports, flows, rates, floors, ToString(policy));
        }
    }
}

/**
 * \param rng the generator
 * \param ports output capacities, n in [20, 80)
 * \param flows output flows, one per worker with 1 to 8 receivers
 */
void
LargerRandomInstance(Rng& rng, RatePorts& ports, std::vector<RateFlow>& flows)
{
    const uint32_t n = 20 + static_cast<uint32_t>(rng.UniformIndex(60));
    ports = RatePorts();
    for (uint32_t i = 0; i < n; ++i)
    {
        ports.ingress.push_back(0.5 + rng.Uniform01());
        ports.egress.push_back(0.5 + rng.Uniform01());
    }
    flows.clear();
    for (uint32_t i = 0; i < n; ++i)
    {
        // 1 to 8 distinct receivers other than i, drawn until there are enough.
        const size_t size = 1 + rng.UniformIndex(8);
        std::vector<uint32_t> others;
        while (others.size() < size)
        {
            const auto r = static_cast<uint32_t>(rng.UniformIndex(n));
            if (r != i && std::find(others.begin(), others.end(), r) == others.end())
            {
                others.push_back(r);
            }
        }
        const double remaining = rng.UniformIndex(10) == 0 ? 0.0 : 0.5 + rng.Uniform01();
        flows.push_back(Flow(i, others, remaining, static_cast<double>(rng.UniformIndex(5))));
    }
}

/**
 * \param ports the capacities
 * \param flows the flows
 * \return the smallest t at which every flow's remaining / t fits into its ports
 */
double
SmallestFinishTime(const RatePorts& ports, const std::vector<RateFlow>& flows)
{
    const size_t n = ports.ingress.size();
    std::vector<double> in(n, 0), out(n, 0);
    for (const RateFlow& flow : flows)
    {
        in[flow.sender] += flow.remaining;
        for (uint32_t r : flow.receivers)
        {
            out[r] += flow.remaining;
        }
    }
    double t = 0;
    for (size_t i = 0; i < n; ++i)
    {
        t = std::max({t, in[i] / ports.ingress[i], out[i] / ports.egress[i]});
    }
    return t;
}

/**
 * Expect two outcomes of an allocation to be the same bits: equal rates (compared as bytes, so
 * that -0 and 0 or two NaNs would differ) or the same error message.
 */
void
ExpectSameBits(const std::vector<double>& fresh,
               const std::string& freshError,
               const std::vector<double>& reused,
               const std::string& reusedError,
               const std::string& what)
{
    EXPECT_EQ(freshError, reusedError) << what;
    ASSERT_EQ(fresh.size(), reused.size()) << what;
    EXPECT_EQ(0, std::memcmp(fresh.data(), reused.data(), fresh.size() * sizeof(double))) << what;
}

TEST(RateAllocator, ReusedAllocatorGivesTheFunctionsRatesBitForBit)
{
    // One allocator over instances of every size in a random order, some of which throw midway
    // (finish-together floors that do not fit): what a call leaves in the allocator's memory
    // must not reach the next call's rates.
    Rng rng(20261207);
    RateAllocator allocator;
    size_t thrown = 0;
    for (int trial = 0; trial < 900; ++trial)
    {
        RatePorts ports;
        std::vector<RateFlow> flows;
        if (trial % 4 == 3)
        {
            LargerRandomInstance(rng, ports, flows);
        }
        else
        {
            RandomInstance(rng, trial % 2 == 1, ports, flows);
        }
        const auto policy = static_cast<RatePolicy>(trial % 3);
        // Around the smallest finish time, so that about a third of the floors do not fit.
        const double t = SmallestFinishTime(ports, flows) * (0.8 + 0.6 * rng.Uniform01());
        // The allocator reads the flows through pointers, in the order of the pointers, not of
        // their storage.
        const std::vector<RateFlow> stored(flows.rbegin(), flows.rend());
        std::vector<const RateFlow*> view;
        for (size_t f = 0; f < flows.size(); ++f)
        {
            view.push_back(&stored[flows.size() - 1 - f]);
        }
        const std::string what = "trial " + std::to_string(trial) + ", " + ToString(policy);

        std::vector<double> fresh;
        std::vector<double> reused;
        const std::string freshError =
            InvalidArgumentMessage([&]() { fresh = AllocateRates(policy, ports, flows, t); });
        const std::string reusedError =
            InvalidArgumentMessage([&]() { reused = allocator.Allocate(policy, ports, view, t); });
        thrown += freshError.rfind("<no", 0) == 0 ? 0 : 1;
        ExpectSameBits(fresh, freshError, reused, reusedError, what);

        // The controller's fallback after a throw, on the same allocator.
        const std::string freshMaxMinError =
            InvalidArgumentMessage([&]() { fresh = MaxMinRates(ports, flows); });
        const std::string reusedMaxMinError =
            InvalidArgumentMessage([&]() { reused = allocator.MaxMin(ports, view); });
        ExpectSameBits(fresh, freshMaxMinError, reused, reusedMaxMinError, what + ", maxmin");
    }
    // Both paths were exercised: some allocations threw, most did not.
    EXPECT_GT(thrown, 50u);
    EXPECT_LT(thrown, 450u);
}

} // namespace
