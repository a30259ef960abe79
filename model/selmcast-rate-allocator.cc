/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-rate-allocator.h"

#include "selmcast-fail.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <queue>
#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace selmcast
{

namespace
{

/**
 * Relative slack when checking that floors fit into a port: t(X) makes the BSP floors fill their
 * bottleneck port exactly, and rounding must not turn that into an error.
 */
const double kFitTolerance = 1e-9;

/** Flows whose finish times differ by less than this (relative) finish at the same event. */
const double kEventTolerance = 1e-12;

/**
 * Ports are numbered 0 .. n - 1 for ingress and n .. 2n - 1 for egress, so one array holds them.
 * \param ports the capacities
 * \return the capacity of every port in that numbering
 */
std::vector<double>
PortCapacities(const RatePorts& ports)
{
    std::vector<double> capacity(ports.ingress);
    capacity.insert(capacity.end(), ports.egress.begin(), ports.egress.end());
    return capacity;
}

/**
 * \param ports the capacities (n workers)
 * \param port a port number
 * \return its name for messages, such as "ingress[3]"
 */
std::string
PortName(const RatePorts& ports, size_t port)
{
    const size_t n = ports.ingress.size();
    std::ostringstream name;
    if (port < n)
    {
        name << "ingress[" << port << "]";
    }
    else
    {
        name << "egress[" << port - n << "]";
    }
    return name.str();
}

/**
 * Calls action(port) for every port a flow uses.
 * \param n the number of workers
 * \param flow the flow
 * \param action what to do with each port number
 */
template <typename Action>
void
ForEachPort(size_t n, const RateFlow& flow, Action action)
{
    action(static_cast<size_t>(flow.sender));
    for (uint32_t r : flow.receivers)
    {
        action(n + r);
    }
}

/**
 * Check the ports and every flow.
 * \param ports the capacities
 * \param flows the flows
 */
void
ValidateFlows(const RatePorts& ports, const std::vector<RateFlow>& flows)
{
    ports.Validate();
    const size_t n = ports.ingress.size();
    // Marks the receivers of the current flow; reset after each flow so checking stays linear.
    std::vector<uint8_t> seen(n, 0);
    for (size_t f = 0; f < flows.size(); ++f)
    {
        const RateFlow& flow = flows[f];
        if (flow.sender >= n)
        {
            Fail("RateFlow[", f, "]: sender = ", flow.sender, " is out of range: must be < ", n);
        }
        if (flow.receivers.empty())
        {
            Fail("RateFlow[", f, "]: receivers is empty: must have at least one receiver");
        }
        if (!std::isfinite(flow.remaining) || flow.remaining < 0)
        {
            Fail("RateFlow[",
                 f,
                 "]: remaining = ",
                 flow.remaining,
                 " is out of range: must be finite and >= 0");
        }
        if (!std::isfinite(flow.minRate) || flow.minRate < 0)
        {
            Fail("RateFlow[",
                 f,
                 "]: minRate = ",
                 flow.minRate,
                 " is out of range: must be finite and >= 0");
        }
        if (std::isnan(flow.deadline))
        {
            Fail("RateFlow[", f, "]: deadline is NaN: must be a number");
        }
        for (uint32_t r : flow.receivers)
        {
            if (r >= n || r == flow.sender || seen[r] != 0)
            {
                for (uint32_t s : flow.receivers)
                {
                    if (s < n)
                    {
                        seen[s] = 0;
                    }
                }
                Fail("RateFlow[",
                     f,
                     "]: receiver ",
                     r,
                     " is out of range: receivers must be distinct, < ",
                     n,
                     " and != sender ",
                     flow.sender);
            }
            seen[r] = 1;
        }
        for (uint32_t r : flow.receivers)
        {
            seen[r] = 0;
        }
    }
}

/**
 * Reserve each active flow's floor on its ports.
 * \param ports the capacities
 * \param flows the flows
 * \param floors one floor per flow
 * \param what names the floors in the error message
 * \return the capacity each port has left (>= 0)
 * \throws std::invalid_argument naming the first port the floors do not fit into
 */
std::vector<double>
ReserveFloors(const RatePorts& ports,
              const std::vector<RateFlow>& flows,
              const std::vector<double>& floors,
              const char* what)
{
    const size_t n = ports.ingress.size();
    const std::vector<double> capacity = PortCapacities(ports);
    std::vector<double> load(capacity.size(), 0.0);
    for (size_t f = 0; f < flows.size(); ++f)
    {
        if (flows[f].remaining > 0)
        {
            ForEachPort(n, flows[f], [&](size_t p) { load[p] += floors[f]; });
        }
    }
    std::vector<double> residual(capacity.size());
    for (size_t p = 0; p < capacity.size(); ++p)
    {
        if (load[p] > capacity[p] * (1 + kFitTolerance))
        {
            Fail("rate allocation: the ",
                 what,
                 " need ",
                 load[p],
                 " at port ",
                 PortName(ports, p),
                 ", more than its capacity ",
                 capacity[p]);
        }
        // Clamping absorbs the rounding that the tolerance lets through.
        residual[p] = std::max(0.0, capacity[p] - load[p]);
    }
    return residual;
}

/**
 * Progressive filling on top of floors.
 *
 * All unfrozen flows share one increment level L. Port p is full when
 * frozenSum[p] + count[p] L = residual[p], that is at L = (residual[p] - frozenSum[p]) / count[p];
 * a heap of these levels (stale entries skipped by version) gives the next full port, and freezing
 * a flow updates only its own ports. The cost is O(sum of flow sizes * log).
 *
 * \param ports the capacities
 * \param flows the flows
 * \param floors one floor per flow
 * \param what names the floors in the error message
 * \return one rate per flow: floor + increment, 0 for remaining == 0
 */
std::vector<double>
FillOnTopOfFloors(const RatePorts& ports,
                  const std::vector<RateFlow>& flows,
                  const std::vector<double>& floors,
                  const char* what)
{
    const size_t n = ports.ingress.size();
    const std::vector<double> residual = ReserveFloors(ports, flows, floors, what);
    const size_t portCount = residual.size();

    std::vector<std::vector<uint32_t>> portFlows(portCount);
    std::vector<uint32_t> count(portCount, 0);
    for (size_t f = 0; f < flows.size(); ++f)
    {
        if (flows[f].remaining > 0)
        {
            ForEachPort(n, flows[f], [&](size_t p) {
                portFlows[p].push_back(static_cast<uint32_t>(f));
                ++count[p];
            });
        }
    }

    using Entry = std::pair<double, size_t>; // (level at which the port is full, port)
    std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> heap;
    std::vector<double> frozenSum(portCount, 0.0);
    // The key a port was last pushed with; an entry whose key differs is stale.
    std::vector<double> currentKey(portCount, 0.0);
    auto push = [&](size_t p) {
        currentKey[p] = (residual[p] - frozenSum[p]) / count[p];
        heap.emplace(currentKey[p], p);
    };
    for (size_t p = 0; p < portCount; ++p)
    {
        if (count[p] > 0)
        {
            push(p);
        }
    }

    std::vector<double> rate(flows.size(), 0.0);
    std::vector<uint8_t> frozen(flows.size(), 0);
    double level = 0;
    while (!heap.empty())
    {
        const auto [key, p] = heap.top();
        heap.pop();
        if (count[p] == 0 || key != currentKey[p])
        {
            continue;
        }
        // Rounding can put a key a hair below the current level; levels never go down.
        level = std::max(level, key);
        for (uint32_t f : portFlows[p])
        {
            if (frozen[f] != 0)
            {
                continue;
            }
            frozen[f] = 1;
            rate[f] = floors[f] + level;
            ForEachPort(n, flows[f], [&](size_t q) {
                --count[q];
                frozenSum[q] += level;
                if (count[q] > 0)
                {
                    push(q);
                }
            });
        }
    }
    return rate;
}

/**
 * \param flows the flows
 * \return each flow's minRate
 */
std::vector<double>
MinRates(const std::vector<RateFlow>& flows)
{
    std::vector<double> floors(flows.size());
    for (size_t f = 0; f < flows.size(); ++f)
    {
        floors[f] = flows[f].minRate;
    }
    return floors;
}

} // namespace

void
RatePorts::Validate() const
{
    if (ingress.size() != egress.size())
    {
        Fail("RatePorts: ingress has size ",
             ingress.size(),
             " and egress has size ",
             egress.size(),
             ": must have one element per worker each");
    }
    for (const auto& [name, values] :
         {std::make_pair("ingress", &ingress), std::make_pair("egress", &egress)})
    {
        for (size_t i = 0; i < values->size(); ++i)
        {
            const double c = (*values)[i];
            if (!std::isfinite(c) || c < 0)
            {
                Fail("RatePorts: ",
                     name,
                     "[",
                     i,
                     "] = ",
                     c,
                     " is out of range: must be finite and >= 0");
            }
        }
    }
}

std::string
ToString(RatePolicy policy)
{
    switch (policy)
    {
    case RatePolicy::MaxMin:
        return "maxmin";
    case RatePolicy::DeadlinePriority:
        return "deadline";
    case RatePolicy::FinishTogether:
        return "finish-together";
    }
    return "unknown";
}

RatePolicy
ParseRatePolicy(const std::string& text)
{
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    for (RatePolicy policy :
         {RatePolicy::MaxMin, RatePolicy::DeadlinePriority, RatePolicy::FinishTogether})
    {
        if (lower == ToString(policy))
        {
            return policy;
        }
    }
    Fail("rate policy \"", text, "\" is unknown: must be maxmin, deadline or finish-together");
}

std::vector<double>
MaxMinRates(const RatePorts& ports, const std::vector<RateFlow>& flows)
{
    ValidateFlows(ports, flows);
    return FillOnTopOfFloors(ports, flows, MinRates(flows), "minRate floors");
}

std::vector<double>
DeadlinePriorityRates(const RatePorts& ports, const std::vector<RateFlow>& flows)
{
    ValidateFlows(ports, flows);
    const size_t n = ports.ingress.size();
    std::vector<double> residual = ReserveFloors(ports, flows, MinRates(flows), "minRate floors");

    std::vector<uint32_t> order;
    for (size_t f = 0; f < flows.size(); ++f)
    {
        if (flows[f].remaining > 0)
        {
            order.push_back(static_cast<uint32_t>(f));
        }
    }
    // Stable: equal deadlines keep the index order.
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        return flows[a].deadline < flows[b].deadline;
    });

    std::vector<double> rate(flows.size(), 0.0);
    for (uint32_t f : order)
    {
        double extra = std::numeric_limits<double>::infinity();
        ForEachPort(n, flows[f], [&](size_t p) { extra = std::min(extra, residual[p]); });
        rate[f] = flows[f].minRate + extra;
        ForEachPort(n, flows[f], [&](size_t p) {
            residual[p] = std::max(0.0, residual[p] - extra);
        });
    }
    return rate;
}

std::vector<double>
FinishTogetherRates(const RatePorts& ports, const std::vector<RateFlow>& flows, double t)
{
    if (!std::isfinite(t) || t <= 0)
    {
        Fail("FinishTogetherRates: t = ", t, " is out of range: must be finite and > 0");
    }
    ValidateFlows(ports, flows);
    std::vector<double> floors(flows.size());
    for (size_t f = 0; f < flows.size(); ++f)
    {
        floors[f] = flows[f].remaining / t;
    }
    return FillOnTopOfFloors(ports, flows, floors, "finish-together rates remaining / t");
}

std::vector<double>
AllocateRates(RatePolicy policy,
              const RatePorts& ports,
              const std::vector<RateFlow>& flows,
              double t)
{
    switch (policy)
    {
    case RatePolicy::MaxMin:
        return MaxMinRates(ports, flows);
    case RatePolicy::DeadlinePriority:
        return DeadlinePriorityRates(ports, flows);
    case RatePolicy::FinishTogether:
        return FinishTogetherRates(ports, flows, t);
    }
    Fail("AllocateRates: unknown policy: must be maxmin, deadline or finish-together");
}

std::vector<double>
FluidCompletionTimes(RatePolicy policy,
                     const RatePorts& ports,
                     std::vector<RateFlow> flows,
                     double t)
{
    // The first allocation validates every input, even when nothing is left to send.
    std::vector<double> rate = AllocateRates(policy, ports, flows, t);
    const double finish = t;
    std::vector<double> completion(flows.size(), 0.0);
    size_t active = 0;
    for (const RateFlow& flow : flows)
    {
        active += flow.remaining > 0 ? 1 : 0;
    }

    double now = 0;
    bool first = true;
    while (active > 0)
    {
        if (!first)
        {
            double left = policy == RatePolicy::FinishTogether ? finish - now : 0;
            if (policy == RatePolicy::FinishTogether && left <= finish * kEventTolerance)
            {
                // Only rounding separates these flows from the common finish.
                for (size_t f = 0; f < flows.size(); ++f)
                {
                    if (flows[f].remaining > 0)
                    {
                        completion[f] = finish;
                        flows[f].remaining = 0;
                    }
                }
                break;
            }
            rate = AllocateRates(policy, ports, flows, left);
        }
        first = false;

        double step = std::numeric_limits<double>::infinity();
        for (size_t f = 0; f < flows.size(); ++f)
        {
            if (flows[f].remaining > 0 && rate[f] > 0)
            {
                step = std::min(step, flows[f].remaining / rate[f]);
            }
        }
        if (!std::isfinite(step))
        {
            // Every flow left is stuck behind a port of capacity 0.
            for (size_t f = 0; f < flows.size(); ++f)
            {
                if (flows[f].remaining > 0)
                {
                    completion[f] = std::numeric_limits<double>::infinity();
                }
            }
            break;
        }
        for (size_t f = 0; f < flows.size(); ++f)
        {
            if (flows[f].remaining <= 0)
            {
                continue;
            }
            if (rate[f] > 0 && flows[f].remaining / rate[f] <= step * (1 + kEventTolerance))
            {
                completion[f] = now + step;
                flows[f].remaining = 0;
                --active;
            }
            else
            {
                flows[f].remaining -= rate[f] * step;
            }
        }
        now += step;
    }
    return completion;
}

std::vector<RateFlow>
FlowsOfPlan(const Problem& problem, const Plan& plan)
{
    problem.Validate();
    if (plan.Size() != problem.n)
    {
        Fail("FlowsOfPlan: the plan has size ", plan.Size(), ": must be n = ", problem.n);
    }
    std::vector<RateFlow> flows;
    for (uint32_t i = 0; i < problem.n; ++i)
    {
        RateFlow session;
        session.sender = i;
        session.remaining = problem.volume[i];
        for (uint32_t j = 0; j < problem.n; ++j)
        {
            if (j == i || plan(i, j) == 0)
            {
                continue;
            }
            if (problem.delivery == Delivery::L3)
            {
                session.receivers.push_back(j);
            }
            else
            {
                RateFlow unicast;
                unicast.sender = i;
                unicast.receivers = {j};
                unicast.remaining = problem.volume[i];
                flows.push_back(unicast);
            }
        }
        if (!session.receivers.empty())
        {
            flows.push_back(session);
        }
    }
    return flows;
}

RatePorts
PortsOfProblem(const Problem& problem)
{
    RatePorts ports;
    ports.ingress = problem.ingress;
    ports.egress = problem.egress;
    return ports;
}

} // namespace selmcast
} // namespace ns3
