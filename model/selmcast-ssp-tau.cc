/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-ssp-tau.h"

#include <algorithm>
#include <cstdint>
#include <stdexcept>

namespace ns3
{
namespace selmcast
{

std::string
ToString(TauEstimate estimate)
{
    switch (estimate)
    {
    case TauEstimate::Round:
        return "round";
    case TauEstimate::Straggler:
        return "straggler";
    default:
        return "blocking";
    }
}

TauEstimate
ParseTauEstimate(const std::string& text)
{
    if (text == "blocking")
    {
        return TauEstimate::Blocking;
    }
    if (text == "round")
    {
        return TauEstimate::Round;
    }
    if (text == "straggler")
    {
        return TauEstimate::Straggler;
    }
    throw std::invalid_argument("TauEstimate: unknown '" + text +
                                "', allowed: blocking, round, straggler");
}

namespace
{

/**
 * \param in the inputs
 * \param w a worker
 * \param sync the expected duration of its multicast
 * \return the time until w completes its current round
 */
double
RoundLeft(const SspTauInputs& in, const SspWorkerPhase& w, double sync)
{
    const double computeLeft =
        w.blocked ? in.meanCompute : std::max(0.0, in.meanCompute - w.computeElapsed);
    return w.transferring ? w.transferLeft : computeLeft + sync;
}

/**
 * \param in the inputs
 * \param i the worker asking
 * \return the straggler reading of tau_i
 */
double
StragglerTau(const SspTauInputs& in, uint32_t i)
{
    uint32_t least = UINT32_MAX;
    for (const SspWorkerPhase& w : in.workers)
    {
        least = w.active ? std::min(least, w.roundsDone) : least;
    }
    double tau = 0;
    for (uint32_t u = 0; u < in.workers.size(); ++u)
    {
        const SspWorkerPhase& w = in.workers[u];
        if (u != i && w.active && w.roundsDone == least)
        {
            tau =
                std::max(tau,
                         RoundLeft(in, w, in.meanSync >= 0 ? in.meanSync : in.volume / w.ingress));
        }
    }
    return tau;
}

} // namespace

double
EstimateTau(const SspTauInputs& in, uint32_t i, TauEstimate estimate)
{
    if (estimate == TauEstimate::Straggler)
    {
        return StragglerTau(in, i);
    }
    // i is released once every active u has r_u + ssp >= r_i + 1 (i's multicast then done).
    const uint32_t after = in.workers.at(i).roundsDone + 1;
    double tau = 0;
    for (uint32_t u = 0; u < in.workers.size(); ++u)
    {
        const SspWorkerPhase& w = in.workers[u];
        if (u == i || !w.active || w.roundsDone + in.staleness >= after)
        {
            continue; // u does not hold i back
        }
        double left = 0;
        if (estimate == TauEstimate::Blocking)
        {
            left = RoundLeft(in, w, in.volume / w.ingress);
        }
        else
        {
            const double sync = in.meanSync >= 0 ? in.meanSync : in.volume / w.ingress;
            const uint32_t owed = after - in.staleness - w.roundsDone; // >= 1
            left = RoundLeft(in, w, sync) + (owed - 1) * (in.meanCompute + sync);
        }
        tau = std::max(tau, left);
    }
    return tau;
}

} // namespace selmcast
} // namespace ns3
