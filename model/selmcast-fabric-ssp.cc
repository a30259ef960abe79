/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Topology-aware SELMCAST for SSP (see selmcast-fabric-ssp.h). The steps and the three draws are
// SelmcastSelector::SelectOnReady's (model/selmcast-ssp.cc), in the same order; only the loads
// and the checks are per fabric link.

#include "selmcast-fabric-ssp.h"

#include "selmcast-ssp-plan.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace ns3
{
namespace selmcast
{

namespace
{

/**
 * The trees of the tasks in flight: what each task puts on each link, and the links' loads.
 */
class SspTrees
{
  public:
    /**
     * \param fabric a validated fabric with view.n hosts
     * \param view the view (its ports give the access capacities)
     */
    SspTrees(const Fabric& fabric, const SspView& view)
        : m_fabric(fabric),
          m_view(view),
          m_capacity(fabric.GetLinks()),
          m_load(fabric.GetLinks(), 0.0),
          m_share(view.tasks.size()),
          m_l3(view.delivery == Delivery::L3)
    {
        for (uint32_t l = 0; l < fabric.GetLinks(); ++l)
        {
            m_capacity[l] = fabric.GetLink(l).capacity;
        }
        for (uint32_t h = 0; h < view.n; ++h)
        {
            m_capacity[fabric.GetUplink(h)] = view.ingress[h];
            m_capacity[fabric.GetDownlink(h)] = view.egress[h];
        }
    }

    /**
     * \param t task
     * \param l a link
     * \param v the volume of a pair of t whose path uses l
     * \return l's load with the pair added
     */
    double LoadWith(size_t t, uint32_t l, double v) const
    {
        auto found = m_share[t].find(l);
        const double share = found == m_share[t].end() ? 0.0 : found->second;
        const double next = m_l3 ? std::max(share, v) : share + v;
        // A sole contributor (a sender's uplink): the new share exactly, as s_i is computed.
        return m_load[l] == share ? next : m_load[l] + (next - share);
    }

    /**
     * Add pair (t, j) of volume v.
     * \param t task
     * \param j receiver
     * \param v its remaining volume
     */
    void Add(size_t t, uint32_t j, double v)
    {
        for (uint32_t l : m_fabric.GetPath(m_view.tasks[t].sender, j))
        {
            const double load = LoadWith(t, l, v);
            double& share = m_share[t][l];
            share = m_l3 ? std::max(share, v) : share + v;
            m_load[l] = load;
            m_estimate = std::max(m_estimate, load / m_capacity[l]);
        }
    }

    /**
     * \param t task
     * \param j receiver
     * \param v its remaining volume
     * \return (cost, drain time) of the pair, see FabricSelectOnReady
     */
    std::pair<double, double> Cost(size_t t, uint32_t j, double v) const
    {
        const uint32_t down = m_fabric.GetDownlink(j);
        const double drain = (v + m_load[down]) / m_capacity[down];
        const uint32_t up = m_fabric.GetUplink(m_view.tasks[t].sender);
        // A link below the task's own uplink time does not slow it; this also keeps a
        // port-bound fabric's costs equal to the drain (its links never exceed both).
        const double floor = std::max(m_estimate, LoadWith(t, up, v) / m_capacity[up]);
        double cost = drain;
        for (uint32_t l : m_fabric.GetPath(m_view.tasks[t].sender, j))
        {
            const double time = LoadWith(t, l, v) / m_capacity[l];
            if (!m_fabric.IsAccessLink(l) && time > floor)
            {
                cost = std::max(cost, time);
            }
        }
        return {cost, drain};
    }

    /**
     * \param t task
     * \param j receiver
     * \param v its remaining volume
     * \param limit the largest load / capacity allowed
     * \param downlinkLoad the receiver's downlink load to check with v added (Pareto's R_j)
     * \return true when every link of the path stays within limit with the pair added
     */
    bool Fits(size_t t, uint32_t j, double v, double limit, double downlinkLoad) const
    {
        const uint32_t down = m_fabric.GetDownlink(j);
        for (uint32_t l : m_fabric.GetPath(m_view.tasks[t].sender, j))
        {
            const double load = l == down ? downlinkLoad + v : LoadWith(t, l, v);
            if (load / m_capacity[l] > limit)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * \param t task
     * \return the largest load / capacity over the links of t's tree (0 without receivers)
     */
    double TreeTime(size_t t) const
    {
        double time = 0;
        for (const auto& [l, share] : m_share[t])
        {
            time = std::max(time, m_load[l] / m_capacity[l]);
        }
        return time;
    }

    /**
     * \param j receiver
     * \return the load of j's downlink, R_j
     */
    double DownlinkLoad(uint32_t j) const
    {
        return m_load[m_fabric.GetDownlink(j)];
    }

  private:
    const Fabric& m_fabric;                                    //!< the fabric
    const SspView& m_view;                                     //!< the view
    std::vector<double> m_capacity;                            //!< per link
    std::vector<double> m_load;                                //!< per link, over all tasks
    std::vector<std::unordered_map<uint32_t, double>> m_share; //!< per task: link -> its load
    double m_estimate{0};                                      //!< largest load / capacity
    bool m_l3;                                                 //!< L3 delivery
};

/**
 * Basic selection of one task: q receivers one at a time, smallest (cost, drain, rank).
 * \param trees the loads
 * \param task the task
 * \param t its index
 * \param q how many to take
 * \param rank the receivers' tie-break ranks
 * \param inPlan the task's pairs' flags in y, updated
 */
void
TakeCheapest(SspTrees& trees,
             const SspTask& task,
             size_t t,
             size_t q,
             const std::vector<uint32_t>& rank,
             uint8_t* inPlan)
{
    for (size_t k = 0; k < q; ++k)
    {
        size_t best = task.receivers.size();
        std::tuple<double, double, uint32_t> bestKey;
        for (size_t r = 0; r < task.receivers.size(); ++r)
        {
            if (inPlan[r] != 0)
            {
                continue;
            }
            const uint32_t j = task.receivers[r];
            const auto [cost, drain] = trees.Cost(t, j, task.remaining[r]);
            const auto key = std::make_tuple(cost, drain, rank[j]);
            if (best == task.receivers.size() || key < bestKey)
            {
                best = r;
                bestKey = key;
            }
        }
        if (best == task.receivers.size())
        {
            return; // fewer candidates than q: all taken
        }
        inPlan[best] = 1;
        trees.Add(t, task.receivers[best], task.remaining[best]);
    }
}

/**
 * \param fabric the fabric
 * \param view the view
 * \param newTask the new task's index
 * \throws std::invalid_argument when they do not fit together
 */
void
Check(const Fabric& fabric, const SspView& view, size_t newTask)
{
    view.Validate();
    if (newTask >= view.tasks.size())
    {
        throw std::invalid_argument(
            "FabricSelectOnReady: newTask = " + std::to_string(newTask) +
            " must be < tasks.size() = " + std::to_string(view.tasks.size()));
    }
    if (!fabric.IsValidated() || fabric.GetHosts() != view.n)
    {
        throw std::invalid_argument("FabricSelectOnReady: the fabric must be validated and have "
                                    "n = " +
                                    std::to_string(view.n) + " hosts");
    }
}

} // namespace

SspDecision
FabricSelectOnReady(const Fabric& fabric,
                    const SelmcastSelector& ports,
                    SspView& view,
                    size_t newTask,
                    Rng& rng)
{
    Check(fabric, view, newTask);
    const SelmcastOptions& options = ports.GetOptions();
    const size_t taskCount = view.tasks.size();
    SspTrees trees(fabric, view);
    SspPairs pairs =
        KeepSspPairs(view, ports, [&trees](size_t t, uint32_t j, double v) { trees.Add(t, j, v); });
    const std::vector<size_t>& offset = pairs.offset;

    // Basic selection (draws 1 and 2).
    const std::vector<uint32_t> order = SspTaskOrder(view, options, rng);
    const std::vector<uint32_t> rank = SspReceiverRanks(view.n, rng);
    for (uint32_t t : order)
    {
        const SspTask& task = view.tasks[t];
        if (pairs.keptCount[t] < task.minReceivers)
        {
            TakeCheapest(trees,
                         task,
                         t,
                         task.minReceivers - pairs.keptCount[t],
                         rank,
                         &pairs.inPlan[offset[t]]);
        }
    }

    // Pareto improvement under each task's own t_i (draw 3).
    std::vector<double> limit(taskCount);
    for (size_t t = 0; t < taskCount; ++t)
    {
        limit[t] = std::max(view.tasks[t].tau, trees.TreeTime(t)) * (1 + options.epsilon);
    }
    if (options.paretoDeadline == SelmcastOptions::ParetoDeadline::Global)
    {
        std::fill(limit.begin(), limit.end(), *std::max_element(limit.begin(), limit.end()));
    }
    const std::vector<size_t> leftOut = SspLeftOutOrder(view, pairs, rng);
    const bool newTaskOnly = options.paretoScope == SelmcastOptions::ParetoScope::NewTask;
    const bool oldPlan = options.paretoLoad == SelmcastOptions::ParetoLoad::OldPlan;
    for (size_t p : leftOut)
    {
        const uint32_t t = pairs.pairTask[p];
        if (newTaskOnly && t != newTask)
        {
            continue;
        }
        const uint32_t j = view.tasks[t].receivers[p - offset[t]];
        const double v = view.tasks[t].remaining[p - offset[t]];
        if (trees.Fits(t, j, v, limit[t], oldPlan ? pairs.listedLoad[j] : trees.DownlinkLoad(j)))
        {
            pairs.inPlan[p] = 1;
            trees.Add(t, j, v);
        }
    }
    return ApplySspPlan(view, offset, pairs.inPlan);
}

} // namespace selmcast
} // namespace ns3
