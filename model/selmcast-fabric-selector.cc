/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Topology-aware SELMCAST for BSP (see selmcast-fabric-selector.h). The RNG draws are
// SelmcastSelector's, (a), (b) and (c) of model/selmcast-algorithm.cc, in that order; the
// Pareto candidates are listed as there, row-major, those that fit right after the basic
// selection (loads only grow and a tree only gains links that fit, so a pair that does not fit
// then never fits later).

#include "selmcast-fabric-selector.h"

#include "selmcast-fabric-ssp.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>

namespace ns3
{
namespace selmcast
{

namespace
{

/**
 * The plan under construction with the load of every fabric link and every sender's tree.
 */
class TreeState
{
  public:
    /**
     * \param problem the problem
     * \param fabric a validated fabric with problem.n hosts
     */
    TreeState(const Problem& problem, const Fabric& fabric)
        : plan(problem.n, 0),
          m_problem(problem),
          m_fabric(fabric),
          m_capacity(fabric.Capacities(problem)),
          m_load(fabric.GetLinks(), 0.0),
          m_inTree(static_cast<size_t>(problem.n) * fabric.GetLinks(), 0),
          m_count(problem.n, 0),
          m_l3(problem.delivery == Delivery::L3)
    {
    }

    /**
     * Call f(l, time) for every link l the pair (i, j) adds, with l's load / capacity after it.
     * \param i sender
     * \param j receiver
     * \param f the callback
     */
    template <typename F>
    void ForAddedLinks(uint32_t i, uint32_t j, F f) const
    {
        const double v = m_problem.volume[i];
        const uint32_t uplink = m_fabric.GetUplink(i);
        for (uint32_t l : m_fabric.GetPath(i, j))
        {
            if (m_l3 && InTree(i, l))
            {
                continue;
            }
            // The uplink's load is s_i, computed as CompletionTime computes it.
            const double after = l == uplink ? (m_l3 ? v : (m_count[i] + 1) * v) : m_load[l] + v;
            f(l, after / m_capacity[l]);
        }
    }

    /**
     * Select (i, j).
     * \param i sender
     * \param j receiver
     */
    void Add(uint32_t i, uint32_t j)
    {
        const double v = m_problem.volume[i];
        plan(i, j) = 1;
        ++m_count[i];
        const uint32_t uplink = m_fabric.GetUplink(i);
        for (uint32_t l : m_fabric.GetPath(i, j))
        {
            if (m_l3 && InTree(i, l))
            {
                continue;
            }
            m_load[l] = l == uplink ? (m_l3 ? v : m_count[i] * v) : m_load[l] + v;
            m_inTree[Index(i, l)] = 1;
            m_estimate = std::max(m_estimate, m_load[l] / m_capacity[l]);
        }
    }

    /**
     * \param i sender
     * \param j receiver
     * \return (cost, drain time) of the branch, see the class description of the selector
     */
    std::pair<double, double> Cost(uint32_t i, uint32_t j) const
    {
        const uint32_t downlink = m_fabric.GetDownlink(j);
        const double drain = (m_problem.volume[i] + m_load[downlink]) / m_capacity[downlink];
        double cost = drain;
        ForAddedLinks(i, j, [&](uint32_t l, double time) {
            if (l != downlink && time > m_estimate)
            {
                cost = std::max(cost, time);
            }
        });
        return {cost, drain};
    }

    /**
     * \param i sender
     * \param j receiver
     * \param limit the largest load / capacity allowed
     * \return true when every link (i, j) adds stays within limit
     */
    bool Fits(uint32_t i, uint32_t j, double limit) const
    {
        bool fits = true;
        ForAddedLinks(i, j, [&](uint32_t, double time) { fits = fits && time <= limit; });
        return fits;
    }

    /** \return the largest load / capacity over all links so far: t(X) of the plan */
    double Estimate() const
    {
        return m_estimate;
    }

    /**
     * \param i sender
     * \return its number of receivers
     */
    uint32_t Count(uint32_t i) const
    {
        return m_count[i];
    }

    Plan plan; //!< x

  private:
    /**
     * \param i sender
     * \param l link
     * \return the index of (i, l) in m_inTree
     */
    size_t Index(uint32_t i, uint32_t l) const
    {
        return static_cast<size_t>(i) * m_load.size() + l;
    }

    /**
     * \param i sender
     * \param l link
     * \return true when l is in i's tree
     */
    bool InTree(uint32_t i, uint32_t l) const
    {
        return m_inTree[Index(i, l)] != 0;
    }

    const Problem& m_problem;       //!< the problem
    const Fabric& m_fabric;         //!< the fabric
    std::vector<double> m_capacity; //!< c_l as t(X) uses it
    std::vector<double> m_load;     //!< bytes on each link
    std::vector<uint8_t> m_inTree;  //!< (sender, link) -> 1 when the link is in its tree
    std::vector<uint32_t> m_count;  //!< receivers of each sender
    double m_estimate{0};           //!< max load / capacity
    bool m_l3;                      //!< L3 delivery
};

/**
 * Basic selection of one sender: take q receivers one at a time, smallest (cost, drain, rank).
 * \param state the plan so far
 * \param i the sender
 * \param q how many receivers to add
 * \param rank the receivers' tie-break ranks
 */
void
TakeCheapest(TreeState& state, uint32_t i, uint32_t q, const std::vector<uint32_t>& rank)
{
    std::vector<uint32_t> candidates;
    for (uint32_t j = 0; j < state.plan.Size(); ++j)
    {
        if (j != i && state.plan(i, j) == 0)
        {
            candidates.push_back(j);
        }
    }
    for (uint32_t k = 0; k < q && !candidates.empty(); ++k)
    {
        size_t best = 0;
        auto bestKey = std::make_tuple(0.0, 0.0, 0u);
        for (size_t c = 0; c < candidates.size(); ++c)
        {
            const auto [cost, drain] = state.Cost(i, candidates[c]);
            const auto key = std::make_tuple(cost, drain, rank[candidates[c]]);
            if (c == 0 || key < bestKey)
            {
                best = c;
                bestKey = key;
            }
        }
        state.Add(i, candidates[best]);
        candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(best));
    }
}

/**
 * Algorithm 1's basic selection on the fabric: forced pairs, then senders in the order of draw
 * (a), receivers ranked by draw (b).
 * \param problem the problem
 * \param state the empty plan
 * \param rng the selector's generator
 */
void
BasicSelection(const Problem& problem, TreeState& state, Rng& rng)
{
    const uint32_t n = problem.n;
    std::vector<uint32_t> forcedCount(n, 0);
    for (uint32_t i = 0; i < n; ++i)
    {
        for (uint32_t j = 0; j < n; ++j)
        {
            if (problem.IsForced(i, j))
            {
                state.Add(i, j);
                ++forcedCount[i];
            }
        }
    }
    const BasicOrder order = DrawBasicOrder(forcedCount, rng);
    for (uint32_t i : order.senders)
    {
        if (problem.minReceivers[i] > state.Count(i))
        {
            TakeCheapest(state, i, problem.minReceivers[i] - state.Count(i), order.rank);
        }
    }
}

/**
 * Algorithm 1's Pareto improvement on the fabric at limit = t(X) (1 + epsilon), draw (c).
 * \param problem the problem
 * \param state the basic plan
 * \param epsilon the relative tolerance
 * \param rng the selector's generator
 */
void
ParetoImprovement(const Problem& problem, TreeState& state, double epsilon, Rng& rng)
{
    const double limit = state.Estimate() * (1 + epsilon);
    std::vector<std::pair<uint32_t, uint32_t>> pairs;
    for (uint32_t i = 0; i < problem.n; ++i)
    {
        for (uint32_t j = 0; j < problem.n; ++j)
        {
            if (j != i && state.plan(i, j) == 0 && state.Fits(i, j, limit))
            {
                pairs.emplace_back(i, j);
            }
        }
    }
    rng.Shuffle(pairs);
    std::stable_sort(pairs.begin(), pairs.end(), [&problem](const auto& a, const auto& b) {
        return problem.Counter(a.first, a.second) > problem.Counter(b.first, b.second);
    });
    for (const auto& [i, j] : pairs)
    {
        if (state.Fits(i, j, limit))
        {
            state.Add(i, j);
        }
    }
}

} // namespace

FabricSelmcastSelector::FabricSelmcastSelector(std::shared_ptr<const Fabric> fabric,
                                               SelmcastOptions options)
    : m_ports(options)
{
    SetFabric(std::move(fabric));
}

void
FabricSelmcastSelector::SetFabric(std::shared_ptr<const Fabric> fabric)
{
    if (fabric && !fabric->IsValidated())
    {
        throw std::invalid_argument(
            "FabricSelmcastSelector: the fabric is not validated: call Fabric::Validate first");
    }
    m_fabric = std::move(fabric);
}

std::shared_ptr<const Fabric>
FabricSelmcastSelector::GetFabric() const
{
    return m_fabric;
}

std::string
FabricSelmcastSelector::GetName() const
{
    return "selmcast-fabric";
}

Plan
FabricSelmcastSelector::SelectRound(const Problem& problem, Rng& rng) const
{
    problem.Validate();
    const Fabric bigSwitch = m_fabric ? Fabric() : MakeBigSwitchFabric(problem.n);
    const Fabric& fabric = m_fabric ? *m_fabric : bigSwitch;
    TreeState state(problem, fabric); // checks that the host count is n
    BasicSelection(problem, state, rng);
    ParetoImprovement(problem, state, m_ports.GetOptions().epsilon, rng);
    return state.plan;
}

SspDecision
FabricSelmcastSelector::SelectOnReady(SspView& view, size_t newTask, Rng& rng) const
{
    if (m_fabric)
    {
        return FabricSelectOnReady(*m_fabric, m_ports, view, newTask, rng);
    }
    return m_ports.SelectOnReady(view, newTask, rng);
}

} // namespace selmcast
} // namespace ns3
