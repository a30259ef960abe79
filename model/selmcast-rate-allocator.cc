/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-rate-allocator.h"

#include "selmcast-fail.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
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

/** LevelHeap: the position of a port not in the heap. */
const uint32_t kAbsent = std::numeric_limits<uint32_t>::max();

/** Flows whose finish times differ by less than this (relative) finish at the same event. */
const double kEventTolerance = 1e-12;

/**
 * Ports are numbered 0 .. n - 1 for ingress and n .. 2n - 1 for egress.
 * \param ports the capacities (n workers)
 * \param port a port number
 * \return its capacity
 */
double
Capacity(const RatePorts& ports, size_t port)
{
    const size_t n = ports.ingress.size();
    return port < n ? ports.ingress[port] : ports.egress[port - n];
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
 * \param flows the flows
 * \return a pointer to each, in order
 */
std::vector<const RateFlow*>
Pointers(const std::vector<RateFlow>& flows)
{
    std::vector<const RateFlow*> pointers;
    pointers.reserve(flows.size());
    for (const RateFlow& flow : flows)
    {
        pointers.push_back(&flow);
    }
    return pointers;
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
    return RateAllocator().MaxMin(ports, Pointers(flows));
}

std::vector<double>
DeadlinePriorityRates(const RatePorts& ports, const std::vector<RateFlow>& flows)
{
    return RateAllocator().Allocate(RatePolicy::DeadlinePriority, ports, Pointers(flows));
}

std::vector<double>
FinishTogetherRates(const RatePorts& ports, const std::vector<RateFlow>& flows, double t)
{
    return RateAllocator().Allocate(RatePolicy::FinishTogether, ports, Pointers(flows), t);
}

std::vector<double>
AllocateRates(RatePolicy policy,
              const RatePorts& ports,
              const std::vector<RateFlow>& flows,
              double t)
{
    return RateAllocator().Allocate(policy, ports, Pointers(flows), t);
}

const std::vector<double>&
RateAllocator::Allocate(RatePolicy policy,
                        const RatePorts& ports,
                        const std::vector<const RateFlow*>& flows,
                        double t)
{
    switch (policy)
    {
    case RatePolicy::MaxMin:
        return MaxMin(ports, flows);
    case RatePolicy::DeadlinePriority:
        Validate(ports, flows);
        DeadlinePriority(ports, flows);
        return m_rate;
    case RatePolicy::FinishTogether:
        if (!std::isfinite(t) || t <= 0)
        {
            Fail("FinishTogetherRates: t = ", t, " is out of range: must be finite and > 0");
        }
        Validate(ports, flows);
        m_floors.resize(flows.size());
        for (size_t f = 0; f < flows.size(); ++f)
        {
            m_floors[f] = flows[f]->remaining / t;
        }
        FillOnTopOfFloors(ports, flows, "finish-together rates remaining / t");
        return m_rate;
    }
    Fail("AllocateRates: unknown policy: must be maxmin, deadline or finish-together");
}

const std::vector<double>&
RateAllocator::MaxMin(const RatePorts& ports, const std::vector<const RateFlow*>& flows)
{
    Validate(ports, flows);
    MinRateFloors(flows);
    FillOnTopOfFloors(ports, flows, "minRate floors");
    return m_rate;
}

void
RateAllocator::MinRateFloors(const std::vector<const RateFlow*>& flows)
{
    m_floors.resize(flows.size());
    for (size_t f = 0; f < flows.size(); ++f)
    {
        m_floors[f] = flows[f]->minRate;
    }
}

void
RateAllocator::Validate(const RatePorts& ports, const std::vector<const RateFlow*>& flows)
{
    ports.Validate();
    const size_t n = ports.ingress.size();
    // Marks the receivers of the current flow, reset after each flow; cleared here as well,
    // since a call that threw left its marks.
    m_seen.assign(n, 0);
    std::vector<uint8_t>& seen = m_seen;
    for (size_t f = 0; f < flows.size(); ++f)
    {
        const RateFlow& flow = *flows[f];
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

void
RateAllocator::ReserveFloors(const RatePorts& ports,
                             const std::vector<const RateFlow*>& flows,
                             const char* what)
{
    const size_t n = ports.ingress.size();
    const size_t portCount = 2 * n;
    m_load.assign(portCount, 0.0);
    for (size_t f = 0; f < flows.size(); ++f)
    {
        if (flows[f]->remaining > 0)
        {
            ForEachPort(n, *flows[f], [&](size_t p) { m_load[p] += m_floors[f]; });
        }
    }
    m_residual.resize(portCount);
    for (size_t p = 0; p < portCount; ++p)
    {
        const double capacity = Capacity(ports, p);
        if (m_load[p] > capacity * (1 + kFitTolerance))
        {
            Fail("rate allocation: the ",
                 what,
                 " need ",
                 m_load[p],
                 " at port ",
                 PortName(ports, p),
                 ", more than its capacity ",
                 capacity);
        }
        // Clamping absorbs the rounding that the tolerance lets through.
        m_residual[p] = std::max(0.0, capacity - m_load[p]);
    }
}

void
RateAllocator::IndexPorts(size_t n, const std::vector<const RateFlow*>& flows)
{
    const size_t portCount = 2 * n;
    m_portStart.assign(portCount + 1, 0);
    for (const RateFlow* flow : flows)
    {
        if (flow->remaining > 0)
        {
            ForEachPort(n, *flow, [&](size_t p) { ++m_portStart[p + 1]; });
        }
    }
    m_count.resize(portCount);
    for (size_t p = 0; p < portCount; ++p)
    {
        m_count[p] = m_portStart[p + 1];
        m_portStart[p + 1] += m_portStart[p];
    }
    m_portFlows.resize(m_portStart[portCount]);
    // Fill in flow order with m_portStart[p] as the cursor, then shift the starts back.
    for (size_t f = 0; f < flows.size(); ++f)
    {
        if (flows[f]->remaining > 0)
        {
            ForEachPort(n, *flows[f], [&](size_t p) {
                m_portFlows[m_portStart[p]++] = static_cast<uint32_t>(f);
            });
        }
    }
    for (size_t p = portCount; p > 0; --p)
    {
        m_portStart[p] = m_portStart[p - 1];
    }
    m_portStart[0] = 0;
}

// Inline: a shared library may not inline its other functions (semantic interposition), and
// these run millions of times in one l3-shrink benchmark run at n = 512.
inline void
RateAllocator::LevelHeap::Reset(size_t portCount)
{
    m_ports.clear();
    m_position.assign(portCount, kAbsent);
    m_level.resize(portCount);
}

inline bool
RateAllocator::LevelHeap::Empty() const
{
    return m_ports.empty();
}

inline bool
RateAllocator::LevelHeap::Before(size_t a, size_t b) const
{
    const uint32_t pa = m_ports[a];
    const uint32_t pb = m_ports[b];
    return m_level[pa] < m_level[pb] || (m_level[pa] == m_level[pb] && pa < pb);
}

inline void
RateAllocator::LevelHeap::Place(size_t at, uint32_t port)
{
    m_ports[at] = port;
    m_position[port] = static_cast<uint32_t>(at);
}

inline void
RateAllocator::LevelHeap::Fix(size_t at)
{
    // Up while the parent comes after it.
    while (at > 0 && Before(at, (at - 1) / 2))
    {
        const size_t parent = (at - 1) / 2;
        const uint32_t port = m_ports[at];
        Place(at, m_ports[parent]);
        Place(parent, port);
        at = parent;
    }
    // Down while a child comes before it.
    for (;;)
    {
        size_t first = at;
        for (size_t child = 2 * at + 1; child <= 2 * at + 2 && child < m_ports.size(); ++child)
        {
            first = Before(child, first) ? child : first;
        }
        if (first == at)
        {
            return;
        }
        const uint32_t port = m_ports[at];
        Place(at, m_ports[first]);
        Place(first, port);
        at = first;
    }
}

inline void
RateAllocator::LevelHeap::Set(uint32_t port, double level)
{
    m_level[port] = level;
    if (m_position[port] == kAbsent)
    {
        m_ports.push_back(port);
        m_position[port] = static_cast<uint32_t>(m_ports.size() - 1);
    }
    Fix(m_position[port]);
}

inline void
RateAllocator::LevelHeap::Remove(uint32_t port)
{
    const size_t at = m_position[port];
    m_position[port] = kAbsent;
    const uint32_t last = m_ports.back();
    m_ports.pop_back();
    if (at < m_ports.size())
    {
        Place(at, last);
        Fix(at);
    }
}

inline uint32_t
RateAllocator::LevelHeap::Pop(double& level)
{
    const uint32_t port = m_ports.front();
    level = m_level[port];
    Remove(port);
    return port;
}

/*
 * All unfrozen flows share one increment level L. Port p is full when
 * frozenSum[p] + count[p] L = residual[p], that is at L = (residual[p] - frozenSum[p]) / count[p];
 * a heap of these levels gives the next full port, and freezing a flow updates only its own
 * ports. The cost is O(sum of flow sizes * log).
 *
 * A port's level is set once per full port that touches it, after all the flows frozen there:
 * the ports fill in the order of (level, port), the same as if it were set after every flow.
 */
void
RateAllocator::FillOnTopOfFloors(const RatePorts& ports,
                                 const std::vector<const RateFlow*>& flows,
                                 const char* what)
{
    const size_t n = ports.ingress.size();
    const size_t portCount = 2 * n;
    ReserveFloors(ports, flows, what);
    IndexPorts(n, flows);

    m_heap.Reset(portCount);
    m_frozenSum.assign(portCount, 0.0);
    m_touched.assign(portCount, 0);
    m_touchedPorts.clear();
    auto update = [&](uint32_t p) { m_heap.Set(p, (m_residual[p] - m_frozenSum[p]) / m_count[p]); };
    for (uint32_t p = 0; p < portCount; ++p)
    {
        if (m_count[p] > 0)
        {
            update(p);
        }
    }

    m_rate.assign(flows.size(), 0.0);
    m_frozen.assign(flows.size(), 0);
    double level = 0;
    while (!m_heap.Empty())
    {
        double key = 0;
        const uint32_t p = m_heap.Pop(key);
        // Rounding can put a key a hair below the current level; levels never go down.
        level = std::max(level, key);
        for (uint32_t i = m_portStart[p]; i < m_portStart[p + 1]; ++i)
        {
            const uint32_t f = m_portFlows[i];
            if (m_frozen[f] != 0)
            {
                continue;
            }
            m_frozen[f] = 1;
            m_rate[f] = m_floors[f] + level;
            ForEachPort(n, *flows[f], [&](size_t q) {
                --m_count[q];
                m_frozenSum[q] += level;
                if (m_touched[q] == 0)
                {
                    m_touched[q] = 1;
                    m_touchedPorts.push_back(static_cast<uint32_t>(q));
                }
            });
        }
        for (uint32_t q : m_touchedPorts)
        {
            m_touched[q] = 0;
            if (m_count[q] > 0)
            {
                update(q);
            }
            else if (q != p)
            {
                m_heap.Remove(q);
            }
        }
        m_touchedPorts.clear();
    }
}

void
RateAllocator::DeadlinePriority(const RatePorts& ports, const std::vector<const RateFlow*>& flows)
{
    const size_t n = ports.ingress.size();
    MinRateFloors(flows);
    ReserveFloors(ports, flows, "minRate floors");
    std::vector<double>& residual = m_residual;

    m_order.clear();
    for (size_t f = 0; f < flows.size(); ++f)
    {
        if (flows[f]->remaining > 0)
        {
            m_order.push_back(static_cast<uint32_t>(f));
        }
    }
    // Stable: equal deadlines keep the index order.
    std::stable_sort(m_order.begin(), m_order.end(), [&](uint32_t a, uint32_t b) {
        return flows[a]->deadline < flows[b]->deadline;
    });

    m_rate.assign(flows.size(), 0.0);
    for (uint32_t f : m_order)
    {
        double extra = std::numeric_limits<double>::infinity();
        ForEachPort(n, *flows[f], [&](size_t p) { extra = std::min(extra, residual[p]); });
        m_rate[f] = flows[f]->minRate + extra;
        ForEachPort(n, *flows[f], [&](size_t p) {
            residual[p] = std::max(0.0, residual[p] - extra);
        });
    }
}

std::vector<double>
FluidCompletionTimes(RatePolicy policy,
                     const RatePorts& ports,
                     std::vector<RateFlow> flows,
                     double t)
{
    // One allocator for every step: its memory is kept, the flows are read in place.
    RateAllocator allocator;
    const std::vector<const RateFlow*> view = Pointers(flows);
    // The first allocation validates every input, even when nothing is left to send.
    std::vector<double> rate = allocator.Allocate(policy, ports, view, t);
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
            rate = allocator.Allocate(policy, ports, view, left);
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
