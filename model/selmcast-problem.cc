/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-problem.h"

#include "selmcast-fail.h"

#include <algorithm>
#include <cctype>
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
 * Check that a vector has one element per worker.
 * \param name the field
 * \param size its size
 * \param n the number of workers
 */
void
CheckSize(const char* name, size_t size, uint32_t n)
{
    if (size != n)
    {
        Fail("Problem: ", name, " has size ", size, ": must have n = ", n, " elements");
    }
}

/**
 * Check that every element of a vector is finite and > 0.
 * \param name the field
 * \param values its values
 */
void
CheckPositive(const char* name, const std::vector<double>& values)
{
    for (size_t i = 0; i < values.size(); ++i)
    {
        if (!std::isfinite(values[i]) || values[i] <= 0)
        {
            Fail("Problem: ",
                 name,
                 "[",
                 i,
                 "] = ",
                 values[i],
                 " is out of range: must be finite and > 0");
        }
    }
}

} // namespace

std::string
ToString(Delivery delivery)
{
    return delivery == Delivery::L3 ? "L3" : "L7";
}

Delivery
ParseDelivery(const std::string& text)
{
    std::string upper = text;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) {
        return static_cast<char>(std::toupper(c));
    });
    if (upper == "L3")
    {
        return Delivery::L3;
    }
    if (upper == "L7")
    {
        return Delivery::L7;
    }
    Fail("delivery \"", text, "\" is unknown: must be L3 or L7");
}

void
Problem::Validate() const
{
    if (n < 2)
    {
        Fail("Problem: n = ", n, " is out of range: must be >= 2");
    }
    CheckSize("volume", volume.size(), n);
    CheckSize("minReceivers", minReceivers.size(), n);
    CheckSize("ingress", ingress.size(), n);
    CheckSize("egress", egress.size(), n);
    CheckPositive("volume", volume);
    CheckPositive("ingress", ingress);
    CheckPositive("egress", egress);
    for (uint32_t i = 0; i < n; ++i)
    {
        if (minReceivers[i] > n - 1)
        {
            Fail("Problem: minReceivers[",
                 i,
                 "] = ",
                 minReceivers[i],
                 " is out of range: must be in [0, n - 1] = [0, ",
                 n - 1,
                 "]");
        }
    }
    if (forced.Size() != 0 && forced.Size() != n)
    {
        Fail("Problem: forced (D) has size ",
             forced.Size(),
             ": must be 0 (no forced pair) or n = ",
             n);
    }
    for (uint32_t i = 0; i < forced.Size(); ++i)
    {
        if (forced(i, i) != 0)
        {
            Fail("Problem: self pair in forced (D) at worker ", i, ": the diagonal must be zero");
        }
    }
    if (counters.Size() != 0 && counters.Size() != n)
    {
        Fail("Problem: counters has size ", counters.Size(), ": must be 0 (all zero) or n = ", n);
    }
}

bool
Problem::HasEqualVolumes() const
{
    return std::all_of(volume.begin(), volume.end(), [this](double v) { return v == volume[0]; });
}

Matrix<uint8_t>
ForcedFromCounters(const Matrix<uint32_t>& counters, uint32_t k)
{
    if (k < 1)
    {
        Fail("ForcedFromCounters: k = ", k, " is out of range: must be >= 1");
    }
    const uint32_t n = counters.Size();
    Matrix<uint8_t> forced(n, 0);
    for (uint32_t i = 0; i < n; ++i)
    {
        for (uint32_t j = 0; j < n; ++j)
        {
            forced(i, j) = (i != j && counters(i, j) >= k) ? 1 : 0;
        }
    }
    return forced;
}

uint32_t
CountReceivers(const Plan& plan, uint32_t i)
{
    uint32_t count = 0;
    for (uint32_t j = 0; j < plan.Size(); ++j)
    {
        count += (j != i && plan(i, j) != 0) ? 1 : 0;
    }
    return count;
}

double
SenderVolume(const Problem& problem, const Plan& plan, uint32_t i)
{
    const uint32_t receivers = CountReceivers(plan, i);
    if (problem.delivery == Delivery::L3)
    {
        // One copy leaves the sender whatever the number of receivers.
        return receivers > 0 ? problem.volume[i] : 0.0;
    }
    return receivers * problem.volume[i];
}

double
ReceiverVolume(const Problem& problem, const Plan& plan, uint32_t j)
{
    double sum = 0;
    for (uint32_t i = 0; i < plan.Size(); ++i)
    {
        if (i != j && plan(i, j) != 0)
        {
            sum += problem.volume[i];
        }
    }
    return sum;
}

double
CompletionTime(const Problem& problem, const Plan& plan)
{
    if (plan.Size() != problem.n)
    {
        Fail("CompletionTime: plan has size ", plan.Size(), ": must be n = ", problem.n);
    }
    double t = 0;
    for (uint32_t i = 0; i < problem.n; ++i)
    {
        t = std::max(t, SenderVolume(problem, plan, i) / problem.ingress[i]);
        t = std::max(t, ReceiverVolume(problem, plan, i) / problem.egress[i]);
    }
    return t;
}

double
FluidIdeal(const Problem& problem)
{
    double receiverLoad = 0;
    double senderLoad = 0;
    double egress = 0;
    double ingress = 0;
    for (uint32_t i = 0; i < problem.n; ++i)
    {
        receiverLoad += problem.minReceivers[i] * problem.volume[i];
        // A sender with p_i = 0 need not send at all: counting v_i for it under L3 would make
        // the bound exceed the optimum.
        const double senderMin = problem.delivery == Delivery::L3
                                     ? (problem.minReceivers[i] > 0 ? problem.volume[i] : 0.0)
                                     : problem.minReceivers[i] * problem.volume[i];
        senderLoad += senderMin;
        egress += problem.egress[i];
        ingress += problem.ingress[i];
    }
    return std::max(receiverLoad / egress, senderLoad / ingress);
}

double
MulticastScale(const Plan& plan)
{
    const uint32_t n = plan.Size();
    if (n == 0)
    {
        return 0;
    }
    double selected = 0;
    for (uint32_t i = 0; i < n; ++i)
    {
        for (uint32_t j = 0; j < n; ++j)
        {
            selected += plan(i, j) != 0 ? 1 : 0;
        }
    }
    return selected / (static_cast<double>(n) * n);
}

std::string
CheckPlan(const Problem& problem, const Plan& plan)
{
    std::ostringstream error;
    if (plan.Size() != problem.n)
    {
        error << "plan has size " << plan.Size() << ": must be n = " << problem.n;
        return error.str();
    }
    for (uint32_t i = 0; i < problem.n; ++i)
    {
        if (plan(i, i) != 0)
        {
            error << "self pair at worker " << i;
            return error.str();
        }
        for (uint32_t j = 0; j < problem.n; ++j)
        {
            if (problem.IsForced(i, j) && plan(i, j) == 0)
            {
                error << "forced pair (" << i << ", " << j << ") is not selected";
                return error.str();
            }
        }
        const uint32_t receivers = CountReceivers(plan, i);
        if (receivers < problem.minReceivers[i])
        {
            error << "sender " << i << " has " << receivers
                  << " receivers: needs at least minReceivers[" << i
                  << "] = " << problem.minReceivers[i];
            return error.str();
        }
    }
    return "";
}

} // namespace selmcast
} // namespace ns3
