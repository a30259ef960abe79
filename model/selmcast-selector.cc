/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-selector.h"

#include "selmcast-algorithm.h"
#include "selmcast-baselines.h"
#include "selmcast-fabric-selector.h"
#include "selmcast-optimum.h"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace selmcast
{

namespace
{

/**
 * Throw std::invalid_argument with a message built from the arguments.
 * \param parts the pieces of the message
 */
template <typename... Parts>
[[noreturn]] void
Fail(const Parts&... parts)
{
    std::ostringstream message;
    message.precision(10);
    message << "SspView: ";
    (message << ... << parts);
    throw std::invalid_argument(message.str());
}

/**
 * Check that a bandwidth vector has n elements, each finite and > 0.
 * \param name the field
 * \param values its values
 * \param n the number of workers
 */
void
CheckBandwidths(const char* name, const std::vector<double>& values, uint32_t n)
{
    if (values.size() != n)
    {
        Fail(name, " has size ", values.size(), ": must have n = ", n, " elements");
    }
    for (size_t i = 0; i < values.size(); ++i)
    {
        if (!std::isfinite(values[i]) || values[i] <= 0)
        {
            Fail(name, "[", i, "] = ", values[i], " is out of range: must be finite and > 0");
        }
    }
}

} // namespace

SspDecision
Selector::SelectOnReady(SspView& /* view */, size_t /* newTask */, Rng& /* rng */) const
{
    throw std::invalid_argument("selector " + GetName() + " has no SSP form");
}

void
SspView::Validate() const
{
    if (n < 2)
    {
        Fail("n = ", n, " is out of range: must be >= 2");
    }
    CheckBandwidths("ingress", ingress, n);
    CheckBandwidths("egress", egress, n);
    if (counters.Size() != 0 && counters.Size() != n)
    {
        Fail("counters has size ", counters.Size(), ": must be 0 (all zero) or n = ", n);
    }
    if (forcedRoundLimit < 1)
    {
        Fail("forcedRoundLimit (k) = ", forcedRoundLimit, " is out of range: must be >= 1");
    }
    if (tasks.size() > n)
    {
        Fail("tasks has size ", tasks.size(), ": at most one task per sender, n = ", n);
    }
    std::vector<int64_t> taskOfSender(n, -1);
    std::vector<int64_t> seen(n, -1); // task index that last listed receiver j
    for (size_t t = 0; t < tasks.size(); ++t)
    {
        const SspTask& task = tasks[t];
        if (task.sender >= n)
        {
            Fail("tasks[",
                 t,
                 "].sender = ",
                 task.sender,
                 " is out of range: must be in [0, n - 1] = [0, ",
                 n - 1,
                 "]");
        }
        if (taskOfSender[task.sender] >= 0)
        {
            Fail("tasks[",
                 t,
                 "].sender = ",
                 task.sender,
                 " already sends in tasks[",
                 taskOfSender[task.sender],
                 "]: at most one task per sender");
        }
        taskOfSender[task.sender] = static_cast<int64_t>(t);
        if (!std::isfinite(task.volume) || task.volume <= 0)
        {
            Fail("tasks[",
                 t,
                 "].volume = ",
                 task.volume,
                 " is out of range: must be finite and > 0");
        }
        if (task.minReceivers > n - 1)
        {
            Fail("tasks[",
                 t,
                 "].minReceivers = ",
                 task.minReceivers,
                 " is out of range: must be in [0, n - 1] = [0, ",
                 n - 1,
                 "]");
        }
        if (!std::isfinite(task.tau) || task.tau < 0)
        {
            Fail("tasks[", t, "].tau = ", task.tau, " is out of range: must be finite and >= 0");
        }
        if (task.remaining.size() != task.receivers.size())
        {
            Fail("tasks[",
                 t,
                 "].remaining has size ",
                 task.remaining.size(),
                 ": must equal the size of tasks[",
                 t,
                 "].receivers = ",
                 task.receivers.size());
        }
        for (size_t r = 0; r < task.receivers.size(); ++r)
        {
            const uint32_t j = task.receivers[r];
            if (j >= n)
            {
                Fail("tasks[",
                     t,
                     "].receivers[",
                     r,
                     "] = ",
                     j,
                     " is out of range: must be in [0, n - 1] = [0, ",
                     n - 1,
                     "]");
            }
            if (j == task.sender)
            {
                Fail("tasks[", t, "].receivers[", r, "] = ", j, " is the task's own sender");
            }
            if (seen[j] == static_cast<int64_t>(t))
            {
                Fail("tasks[", t, "].receivers[", r, "] = ", j, " is listed twice");
            }
            seen[j] = static_cast<int64_t>(t);
            const double v = task.remaining[r];
            if (!std::isfinite(v) || v < 0 || v > task.volume)
            {
                Fail("tasks[",
                     t,
                     "].remaining[",
                     r,
                     "] = ",
                     v,
                     " is out of range: must be in [0, volume] = [0, ",
                     task.volume,
                     "]");
            }
        }
    }
}

std::unique_ptr<Selector>
MakeSelector(const std::string& name)
{
    if (name == "selmcast")
    {
        return std::make_unique<SelmcastSelector>();
    }
    if (name == "random")
    {
        return std::make_unique<RandomSelector>();
    }
    if (name == "broadcast")
    {
        return std::make_unique<BroadcastSelector>();
    }
    if (name == "optimum")
    {
        return std::make_unique<OptimumSelector>();
    }
    if (name == "selmcast-fabric")
    {
        // No fabric yet: the big switch of the problem's ports (SetFabric gives it one).
        return std::make_unique<FabricSelmcastSelector>();
    }
    std::string allowed;
    for (const std::string& known : SelectorNames())
    {
        allowed += (allowed.empty() ? "" : ", ") + known;
    }
    throw std::invalid_argument("selector \"" + name + "\" is unknown: must be one of " + allowed);
}

std::vector<std::string>
SelectorNames()
{
    return {"selmcast", "random", "broadcast", "optimum", "selmcast-fabric"};
}

} // namespace selmcast
} // namespace ns3
