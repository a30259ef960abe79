/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-optimum.h"

#include <algorithm>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/push_relabel_max_flow.hpp>
#include <boost/property_map/property_map.hpp>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

namespace ns3
{
namespace selmcast
{

namespace
{

/**
 * Completion times closer than this (relative) count as equal: m v / b computed for two ports
 * may differ in the last bits although the exact values are equal.
 */
constexpr double kRelativeTolerance = 1e-9;

/** Marks a pair without an arc (self pairs and forced pairs). */
constexpr uint32_t kNoArc = std::numeric_limits<uint32_t>::max();

/**
 * The time a port of bandwidth b needs for m blocks of volume v. Candidates and capacities both
 * use this one expression, so a candidate admits exactly the count that produced it.
 */
double
PortTime(uint32_t m, double v, double b)
{
    return static_cast<double>(m) * v / b;
}

/**
 * \return the largest m in [0, limit] with PortTime(m, v, b) <= t (1 + kRelativeTolerance)
 */
uint32_t
CountWithin(double t, double v, double b, uint32_t limit)
{
    const double bound = t * (1 + kRelativeTolerance);
    // The floor is only a first guess; the loops make it exact against PortTime.
    double guess = std::floor(t * b / v);
    uint32_t m = 0;
    if (guess >= static_cast<double>(limit))
    {
        m = limit;
    }
    else if (guess > 0)
    {
        m = static_cast<uint32_t>(guess);
    }
    while (m < limit && PortTime(m + 1, v, b) <= bound)
    {
        ++m;
    }
    while (m > 0 && PortTime(m, v, b) > bound)
    {
        --m;
    }
    return m;
}

/**
 * A flow network on Boost's compressed sparse row graph (compact and cache-friendly for the
 * O(n^2) pair arcs). Arcs are added first, then Build() creates the graph with one
 * zero-capacity reverse edge per arc, as push_relabel_max_flow requires; capacities may change
 * between runs, the structure may not.
 */
class FlowNetwork
{
  public:
    /** Integer capacities make the max-flow integral, hence a 0/1 selection. */
    using Capacity = int32_t;

    /** \param vertices the number of vertices */
    explicit FlowNetwork(uint32_t vertices)
        : m_vertices(vertices)
    {
    }

    /**
     * \param from tail
     * \param to head
     * \return the arc's id for SetCapacity and Flow
     */
    uint32_t AddArc(uint32_t from, uint32_t to)
    {
        m_ends.emplace_back(from, to);
        return static_cast<uint32_t>(m_ends.size() - 1);
    }

    /** Create the graph; every capacity starts at zero. */
    void Build()
    {
        // Edge 2a is arc a and edge 2a + 1 its reverse; the CSR graph wants its edges sorted by
        // source, so place them with a counting sort and remember where each one went.
        const size_t edges = 2 * m_ends.size();
        std::vector<size_t> next(m_vertices + 1, 0);
        for (const auto& [u, v] : m_ends)
        {
            ++next[u + 1];
            ++next[v + 1];
        }
        std::partial_sum(next.begin(), next.end(), next.begin());
        std::vector<std::pair<uint32_t, uint32_t>> sorted(edges);
        m_position.resize(edges);
        for (size_t a = 0; a < m_ends.size(); ++a)
        {
            const auto [u, v] = m_ends[a];
            m_position[2 * a] = static_cast<uint32_t>(next[u]++);
            sorted[m_position[2 * a]] = {u, v};
            m_position[2 * a + 1] = static_cast<uint32_t>(next[v]++);
            sorted[m_position[2 * a + 1]] = {v, u};
        }
        m_graph = Graph(boost::edges_are_sorted, sorted.begin(), sorted.end(), m_vertices);
        m_reverse.resize(edges);
        for (size_t e = 0; e < edges; ++e)
        {
            const uint32_t partner = m_position[e ^ 1];
            m_reverse[m_position[e]] = Edge(sorted[partner].first, partner);
        }
        m_capacity.assign(edges, 0);
        m_residual.assign(edges, 0);
        m_ends.clear();
        m_ends.shrink_to_fit();
    }

    /**
     * \param arc an arc id
     * \param capacity its capacity, >= 0
     */
    void SetCapacity(uint32_t arc, Capacity capacity)
    {
        m_capacity[m_position[2 * static_cast<size_t>(arc)]] = capacity;
    }

    /**
     * \param arc an arc id
     * \return the flow on the arc after the last MaxFlow
     */
    Capacity Flow(uint32_t arc) const
    {
        const uint32_t e = m_position[2 * static_cast<size_t>(arc)];
        return m_capacity[e] - m_residual[e];
    }

    /**
     * \param source the source vertex
     * \param sink the sink vertex
     * \return the value of a maximum flow, computed from zero
     */
    Capacity MaxFlow(uint32_t source, uint32_t sink)
    {
        auto edgeIndex = get(boost::edge_index, m_graph);
        return boost::push_relabel_max_flow(
            m_graph,
            source,
            sink,
            boost::make_iterator_property_map(m_capacity.begin(), edgeIndex),
            boost::make_iterator_property_map(m_residual.begin(), edgeIndex),
            boost::make_iterator_property_map(m_reverse.begin(), edgeIndex),
            get(boost::vertex_index, m_graph));
    }

  private:
    /** 32-bit vertex and edge indices halve the memory of the pair arcs at large n. */
    using Graph = boost::compressed_sparse_row_graph<boost::directedS,
                                                     boost::no_property,
                                                     boost::no_property,
                                                     boost::no_property,
                                                     uint32_t,
                                                     uint32_t>;
    using Edge = boost::graph_traits<Graph>::edge_descriptor; //!< edge descriptor

    uint32_t m_vertices;                               //!< number of vertices
    std::vector<std::pair<uint32_t, uint32_t>> m_ends; //!< arcs added before Build
    std::vector<uint32_t> m_position;                  //!< edge 2a / 2a + 1 -> CSR edge index
    Graph m_graph;                                     //!< the graph
    std::vector<Capacity> m_capacity;                  //!< by CSR edge index
    std::vector<Capacity> m_residual;                  //!< by CSR edge index
    std::vector<Edge> m_reverse;                       //!< by CSR edge index
};

/**
 * Both stages for one equal-volume problem. Vertices: senders 0..n-1, receivers n..2n-1, then
 * the source and the sink.
 */
class OptimumSolver
{
  public:
    /** \param problem a validated problem with equal volumes */
    explicit OptimumSolver(const Problem& problem)
        : m_problem(problem),
          m_n(problem.n),
          m_v(problem.n == 0 ? 1.0 : problem.volume[0]),
          m_forcedOut(problem.n, 0),
          m_forcedIn(problem.n, 0),
          m_demand(problem.n, 0)
    {
        for (uint32_t i = 0; i < m_n; ++i)
        {
            for (uint32_t j = 0; j < m_n; ++j)
            {
                if (i != j && problem.IsForced(i, j))
                {
                    ++m_forcedOut[i];
                    ++m_forcedIn[j];
                    ++m_forcedTotal;
                }
            }
        }
        for (uint32_t i = 0; i < m_n; ++i)
        {
            uint32_t p = problem.minReceivers[i];
            m_demand[i] = p > m_forcedOut[i] ? p - m_forcedOut[i] : 0;
            m_demandTotal += m_demand[i];
        }
    }

    /** \return the lexicographic optimum */
    OptimumResult Solve()
    {
        OptimumResult result;
        result.plan = Plan(m_n, 0);
        if (m_demandTotal == 0 && m_forcedTotal == 0)
        {
            // The empty plan is valid and takes no time; every pair would take some.
            return result;
        }
        const double t = SearchStage1(result.probes);
        result.plan = Stage2(t);
        result.completionTime = CompletionTime(m_problem, result.plan);
        for (uint32_t i = 0; i < m_n; ++i)
        {
            result.pairs += CountReceivers(result.plan, i);
        }
        return result;
    }

  private:
    /**
     * \param i sender
     * \param t completion time
     * \return how many receivers i may have in total at t
     */
    uint32_t SenderCap(uint32_t i, double t) const
    {
        const double b = m_problem.ingress[i];
        if (m_problem.delivery == Delivery::L3)
        {
            // One copy leaves the sender whatever the number of receivers.
            return PortTime(1, m_v, b) <= t * (1 + kRelativeTolerance) ? m_n - 1 : 0;
        }
        return CountWithin(t, m_v, b, m_n - 1);
    }

    /**
     * \param j receiver
     * \param t completion time
     * \return how many blocks j may receive in total at t
     */
    uint32_t ReceiverCap(uint32_t j, double t) const
    {
        return CountWithin(t, m_v, m_problem.egress[j], m_n - 1);
    }

    /**
     * Necessary conditions, each monotone in t: every port can carry its forced pairs and p_i,
     * and the receivers together have room for the demand.
     * \param t completion time
     * \return false when t is certainly infeasible
     */
    bool PassesCounting(double t) const
    {
        uint64_t room = 0;
        for (uint32_t i = 0; i < m_n; ++i)
        {
            if (SenderCap(i, t) < std::max(m_problem.minReceivers[i], m_forcedOut[i]))
            {
                return false;
            }
            uint32_t cap = ReceiverCap(i, t);
            if (cap < m_forcedIn[i])
            {
                return false;
            }
            room += cap - m_forcedIn[i];
        }
        return room >= m_demandTotal;
    }

    /** Create the stage-1 network: its structure is the same for every t. */
    void BuildStage1()
    {
        m_network = std::make_unique<FlowNetwork>(2 * m_n + 2);
        m_sourceArc.resize(m_n);
        m_sinkArc.resize(m_n);
        m_pairArc = Matrix<uint32_t>(m_n, kNoArc);
        for (uint32_t i = 0; i < m_n; ++i)
        {
            m_sourceArc[i] = m_network->AddArc(Source(), i);
        }
        for (uint32_t i = 0; i < m_n; ++i)
        {
            for (uint32_t j = 0; j < m_n; ++j)
            {
                if (i != j && !m_problem.IsForced(i, j))
                {
                    m_pairArc(i, j) = m_network->AddArc(i, m_n + j);
                }
            }
        }
        for (uint32_t j = 0; j < m_n; ++j)
        {
            m_sinkArc[j] = m_network->AddArc(m_n + j, Sink());
        }
        m_network->Build();
        for (uint32_t i = 0; i < m_n; ++i)
        {
            m_network->SetCapacity(m_sourceArc[i], static_cast<FlowNetwork::Capacity>(m_demand[i]));
            for (uint32_t j = 0; j < m_n; ++j)
            {
                if (m_pairArc(i, j) != kNoArc)
                {
                    m_network->SetCapacity(m_pairArc(i, j), 1);
                }
            }
        }
    }

    /**
     * Max-flow test of t (after PassesCounting); on success the pair flows are kept in m_flow1.
     * \param t completion time
     * \return true when the flow saturates every sender's demand
     */
    bool FlowFeasible(double t)
    {
        for (uint32_t j = 0; j < m_n; ++j)
        {
            m_network->SetCapacity(
                m_sinkArc[j],
                static_cast<FlowNetwork::Capacity>(ReceiverCap(j, t) - m_forcedIn[j]));
        }
        if (static_cast<uint64_t>(m_network->MaxFlow(Source(), Sink())) < m_demandTotal)
        {
            return false;
        }
        m_flow1 = Matrix<uint8_t>(m_n, 0);
        for (uint32_t i = 0; i < m_n; ++i)
        {
            for (uint32_t j = 0; j < m_n; ++j)
            {
                if (m_pairArc(i, j) != kNoArc)
                {
                    m_flow1(i, j) = static_cast<uint8_t>(m_network->Flow(m_pairArc(i, j)));
                }
            }
        }
        return true;
    }

    /**
     * Stage 1: the smallest feasible candidate t. Feasibility is monotone in t, and t(X) of any
     * plan is one of the candidates, so the smallest feasible candidate is t*.
     * \param probes incremented per max-flow test
     * \return t*, with m_flow1 holding a stage-1 flow at t*
     */
    double SearchStage1(uint32_t& probes)
    {
        // A fluid bound prunes candidates that cannot be feasible before sorting them: the
        // receivers must absorb every required pair.
        double egressSum = 0;
        for (double b : m_problem.egress)
        {
            egressSum += b;
        }
        const double floorT =
            static_cast<double>(m_demandTotal + m_forcedTotal) * m_v / egressSum * (1 - 1e-6);
        std::vector<double> candidates;
        auto add = [&](double c) {
            if (c >= floorT)
            {
                candidates.push_back(c);
            }
        };
        for (uint32_t k = 0; k < m_n; ++k)
        {
            for (uint32_t m = 1; m < m_n; ++m)
            {
                add(PortTime(m, m_v, m_problem.egress[k]));
            }
            if (m_problem.delivery == Delivery::L3)
            {
                add(PortTime(1, m_v, m_problem.ingress[k]));
            }
            else
            {
                for (uint32_t m = 1; m < m_n; ++m)
                {
                    add(PortTime(m, m_v, m_problem.ingress[k]));
                }
            }
        }
        std::sort(candidates.begin(), candidates.end());
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
        if (candidates.empty() || !PassesCounting(candidates.back()))
        {
            // Unreachable: at the largest candidate every port can carry n - 1 blocks.
            throw std::logic_error("OptimumSelector: the largest candidate time is infeasible");
        }

        // The counting conditions are cheap: binary-search them first.
        size_t lo = 0;
        size_t hi = candidates.size() - 1;
        while (lo < hi)
        {
            size_t mid = lo + (hi - lo) / 2;
            if (PassesCounting(candidates[mid]))
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        // t* is usually at or just above the counting bound: gallop up from it with max-flow,
        // then bisect the last gap. Indices below lo are infeasible throughout.
        BuildStage1();
        const size_t last = candidates.size() - 1;
        size_t feasible = last + 1;
        for (size_t step = 1, index = lo;; step *= 2)
        {
            index = std::min(index, last);
            ++probes;
            if (FlowFeasible(candidates[index]))
            {
                feasible = index;
                break;
            }
            if (index == last)
            {
                throw std::logic_error("OptimumSelector: the largest candidate time is infeasible");
            }
            lo = index + 1;
            index += step;
        }
        while (lo < feasible)
        {
            size_t mid = lo + (feasible - lo) / 2;
            ++probes;
            // FlowFeasible keeps the flow of the latest success, which is the smallest one.
            if (FlowFeasible(candidates[mid]))
            {
                feasible = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        // m_flow1 belongs to the last successful probe, which is candidates[feasible].
        m_network.reset();
        return candidates[feasible];
    }

    /**
     * Stage 2: the most pairs at t. The residual network of the stage-1 flow f1 is built with the
     * sender capacities raised to what t allows, but without the residual arcs into the source
     * (and out of the sink). A max-flow f2 on it never pushes flow back into the source, so every
     * sender keeps at least its stage-1 flow (its lower bound p_i minus its forced pairs). The
     * dropped arcs lie on no simple source-sink path, so f2 is still a maximum flow of the
     * residual network and f1 + f2 is a maximum flow of the raised network: the most pairs.
     * \param t t*
     * \return the plan: forced pairs plus the flow of f1 + f2
     */
    Plan Stage2(double t)
    {
        std::vector<uint32_t> out1(m_n, 0);
        std::vector<uint32_t> in1(m_n, 0);
        for (uint32_t i = 0; i < m_n; ++i)
        {
            for (uint32_t j = 0; j < m_n; ++j)
            {
                out1[i] += m_flow1(i, j);
                in1[j] += m_flow1(i, j);
            }
        }
        FlowNetwork network(2 * m_n + 2);
        std::vector<uint32_t> sourceArc(m_n);
        std::vector<uint32_t> sinkArc(m_n);
        Matrix<uint32_t> arc(m_n, kNoArc);
        for (uint32_t i = 0; i < m_n; ++i)
        {
            sourceArc[i] = network.AddArc(Source(), i);
            sinkArc[i] = network.AddArc(m_n + i, Sink());
        }
        for (uint32_t i = 0; i < m_n; ++i)
        {
            for (uint32_t j = 0; j < m_n; ++j)
            {
                if (m_pairArc(i, j) != kNoArc)
                {
                    // The residual of a unit arc points forward when unused, backward when used.
                    arc(i, j) = m_flow1(i, j) == 0 ? network.AddArc(i, m_n + j)
                                                   : network.AddArc(m_n + j, i);
                }
            }
        }
        network.Build();
        for (uint32_t i = 0; i < m_n; ++i)
        {
            // Stage-1 feasibility guarantees both differences are >= 0.
            network.SetCapacity(
                sourceArc[i],
                static_cast<FlowNetwork::Capacity>(SenderCap(i, t) - m_forcedOut[i] - out1[i]));
            network.SetCapacity(
                sinkArc[i],
                static_cast<FlowNetwork::Capacity>(ReceiverCap(i, t) - m_forcedIn[i] - in1[i]));
            for (uint32_t j = 0; j < m_n; ++j)
            {
                if (m_pairArc(i, j) != kNoArc)
                {
                    network.SetCapacity(arc(i, j), 1);
                }
            }
        }
        network.MaxFlow(Source(), Sink());

        Plan plan(m_n, 0);
        for (uint32_t i = 0; i < m_n; ++i)
        {
            for (uint32_t j = 0; j < m_n; ++j)
            {
                if (i == j)
                {
                    continue;
                }
                if (arc(i, j) == kNoArc)
                {
                    plan(i, j) = 1; // forced
                }
                else
                {
                    // x = f1 + f2(i -> j) - f2(j -> i); only one direction has an arc.
                    int flow2 = network.Flow(arc(i, j));
                    plan(i, j) = static_cast<uint8_t>(m_flow1(i, j) == 0 ? flow2 : 1 - flow2);
                }
            }
        }
        return plan;
    }

    /** \return the source vertex */
    uint32_t Source() const
    {
        return 2 * m_n;
    }

    /** \return the sink vertex */
    uint32_t Sink() const
    {
        return 2 * m_n + 1;
    }

    const Problem& m_problem;               //!< the problem
    uint32_t m_n;                           //!< number of workers
    double m_v;                             //!< the common volume
    std::vector<uint32_t> m_forcedOut;      //!< |D_i|
    std::vector<uint32_t> m_forcedIn;       //!< forced pairs into j
    std::vector<uint32_t> m_demand;         //!< max(p_i - |D_i|, 0)
    uint64_t m_demandTotal{0};              //!< sum of m_demand
    uint64_t m_forcedTotal{0};              //!< |D|
    std::unique_ptr<FlowNetwork> m_network; //!< stage-1 network, reused across probes
    std::vector<uint32_t> m_sourceArc;      //!< stage-1 source arcs
    std::vector<uint32_t> m_sinkArc;        //!< stage-1 sink arcs
    Matrix<uint32_t> m_pairArc;             //!< stage-1 arc of each unforced pair, or kNoArc
    Matrix<uint8_t> m_flow1;                //!< stage-1 flow of each unforced pair at t*
};

} // namespace

std::string
OptimumSelector::GetName() const
{
    return "optimum";
}

Plan
OptimumSelector::SelectRound(const Problem& problem, Rng& /* rng */) const
{
    return Solve(problem).plan;
}

OptimumResult
OptimumSelector::Solve(const Problem& problem) const
{
    problem.Validate();
    if (!problem.HasEqualVolumes())
    {
        uint32_t i = 1;
        while (i < problem.n && problem.volume[i] == problem.volume[0])
        {
            ++i;
        }
        std::ostringstream message;
        message.precision(17);
        message << "OptimumSelector: the exact optimum needs equal volumes, but v_0 = "
                << problem.volume[0] << " and v_" << i << " = " << problem.volume[i]
                << " (unequal volumes would need a MILP solver, which is out of scope)";
        throw std::invalid_argument(message.str());
    }
    return OptimumSolver(problem).Solve();
}

} // namespace selmcast
} // namespace ns3
