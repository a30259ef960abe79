/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-fabric-time.h"

#include <stdexcept>
#include <string>

namespace ns3
{
namespace selmcast
{

FabricPlanTime
EvaluateOnFabric(const Problem& problem, const Fabric& fabric, const Plan& plan)
{
    if (plan.Size() != problem.n)
    {
        throw std::invalid_argument("EvaluateOnFabric: plan has size " +
                                    std::to_string(plan.Size()) +
                                    ": must be n = " + std::to_string(problem.n));
    }
    FabricPlanTime result;
    result.capacity = fabric.Capacities(problem);
    const uint32_t links = fabric.GetLinks();
    result.load.assign(links, 0.0);
    result.senderRate.assign(problem.n, 0.0);
    const bool l3 = problem.delivery == Delivery::L3;
    // crossings[l]: how many of sender i's transfers cross l (L3: at most one, its tree's copy).
    std::vector<uint32_t> crossings(links, 0);
    std::vector<uint32_t> touched;
    for (uint32_t i = 0; i < problem.n; ++i)
    {
        for (uint32_t j = 0; j < problem.n; ++j)
        {
            if (j == i || plan(i, j) == 0)
            {
                continue;
            }
            for (uint32_t l : fabric.GetPath(i, j))
            {
                if (crossings[l] == 0)
                {
                    touched.push_back(l);
                }
                crossings[l] = l3 ? 1 : crossings[l] + 1;
            }
        }
        for (uint32_t l : touched)
        {
            result.load[l] += crossings[l] * problem.volume[i];
            crossings[l] = 0;
        }
        touched.clear();
    }
    for (uint32_t l = 0; l < links; ++l)
    {
        const double time = result.load[l] / result.capacity[l];
        if (time > result.completionTime)
        {
            result.completionTime = time;
            result.bottleneck = l;
        }
    }
    for (uint32_t i = 0; i < problem.n && result.completionTime > 0; ++i)
    {
        result.senderRate[i] =
            CountReceivers(plan, i) > 0 ? problem.volume[i] / result.completionTime : 0.0;
    }
    return result;
}

double
FabricCompletionTime(const Problem& problem, const Fabric& fabric, const Plan& plan)
{
    return EvaluateOnFabric(problem, fabric, plan).completionTime;
}

} // namespace selmcast
} // namespace ns3
