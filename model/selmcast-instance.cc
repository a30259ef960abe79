/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-instance.h"

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
 * Throw std::invalid_argument when a value is not finite and > 0.
 * \param name the field
 * \param value its value
 */
void
CheckPositive(const char* name, double value)
{
    if (!std::isfinite(value) || value <= 0)
    {
        std::ostringstream message;
        message.precision(10);
        message << "PaperInstance: " << name << " = " << value
                << " is out of range: must be finite and > 0";
        throw std::invalid_argument(message.str());
    }
}

} // namespace

void
PaperInstance::Validate() const
{
    std::ostringstream message;
    message.precision(10);
    if (n < 2)
    {
        message << "PaperInstance: n = " << n << " is out of range: must be >= 2";
        throw std::invalid_argument(message.str());
    }
    if (p > n - 1)
    {
        message << "PaperInstance: p = " << p << " is out of range: must be in [0, n - 1] = [0, "
                << n - 1 << "]";
        throw std::invalid_argument(message.str());
    }
    if (!(lambda >= 0 && lambda < 1))
    {
        message << "PaperInstance: lambda = " << lambda << " is out of range: must be in [0, 1)";
        throw std::invalid_argument(message.str());
    }
    CheckPositive("mu", mu);
    CheckPositive("bandwidth", bandwidth);
    CheckPositive("volume", volume);
}

Problem
MakePaperProblem(const PaperInstance& instance, Rng& rng)
{
    instance.Validate();
    const uint32_t n = instance.n;
    Problem problem;
    problem.n = n;
    problem.delivery = instance.delivery;
    problem.volume.assign(n, instance.volume);
    problem.minReceivers.assign(n, instance.p);
    problem.egress.resize(n);
    problem.ingress.resize(n);
    for (uint32_t j = 0; j < n; ++j)
    {
        const double x = 2 * rng.Uniform01() - 1;
        problem.egress[j] = instance.bandwidth * (1 + instance.lambda * x);
    }
    for (uint32_t i = 0; i < n; ++i)
    {
        const double x = 2 * rng.Uniform01() - 1;
        problem.ingress[i] = instance.bandwidth * instance.mu * (1 + instance.lambda * x);
    }
    return problem;
}

} // namespace selmcast
} // namespace ns3
